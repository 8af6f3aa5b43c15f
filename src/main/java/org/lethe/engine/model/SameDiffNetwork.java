package org.lethe.engine.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@link Network} on a SameDiff graph built by {@link ModelFactory}. The graph has three
 * placeholders (features, targets, logit gradient) and computes every gradient through one objective,
 * {@code ce(target) + sum(logits * logitGrad)}, feeding zeros to the part not in use.
 */
final class SameDiffNetwork implements Network {

    static final String INPUT = "input";
    static final String TARGET = "target";
    static final String LOGIT_GRAD = "logitGrad";
    static final String LOGITS = "logits";
    static final String PROBABILITIES = "probabilities";
    static final String CE = "ce";
    static final String OBJECTIVE = "objective";

    private final ModelSpec spec;
    private final SameDiff sd;
    private final List<ParamBlock> layout;
    private final List<String> paramNames;
    private final INDArray[] paramArrays;
    private final long numParams;
    private final DataType type;
    private final int inputSize;
    private final int numClasses;

    SameDiffNetwork(ModelSpec spec, SameDiff sd, List<ParamBlock> layout) {
        this.spec = spec;
        this.sd = sd;
        this.layout = List.copyOf(layout);
        this.paramNames = layout.stream().map(ParamBlock::name).toList();
        this.paramArrays = paramNames.stream().map(n -> sd.getVariable(n).getArr()).toArray(INDArray[]::new);
        this.numParams = layout.isEmpty() ? 0 : layout.get(layout.size() - 1).end();
        this.type = spec.precision().dataType();
        this.inputSize = spec.inputSize();
        this.numClasses = spec.numClasses();
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public long numParams() {
        return numParams;
    }

    @Override
    public List<ParamBlock> paramLayout() {
        return layout;
    }

    @Override
    public synchronized INDArray params() {
        return flatten(paramArrays);
    }

    @Override
    public synchronized void setParams(INDArray flat) {
        if (flat.length() != numParams) {
            throw new IllegalArgumentException("parameter vector of " + flat.length() + " values for a network of "
                    + numParams);
        }
        INDArray v = flat.reshape(numParams).castTo(type);
        for (int i = 0; i < paramArrays.length; i++) {
            ParamBlock b = layout.get(i);
            paramArrays[i].assign(v.get(NDArrayIndex.interval(b.offset(), b.end())).reshape(b.shape()));
        }
    }

    @Override
    public synchronized INDArray logits(INDArray features) {
        return sd.output(Map.of(INPUT, prepare(features)), LOGITS).get(LOGITS).dup();
    }

    @Override
    public synchronized INDArray probabilities(INDArray features) {
        return sd.output(Map.of(INPUT, prepare(features)), PROBABILITIES).get(PROBABILITIES).dup();
    }

    @Override
    public LossAndGradient lossAndGradient(INDArray features, int[] labels) {
        checkBatch(features, labels.length);
        return lossAndGradient(features, Targets.oneHot(labels, numClasses, type));
    }

    @Override
    public synchronized LossAndGradient lossAndGradient(INDArray features, INDArray targets) {
        INDArray x = prepare(features);
        Map<String, INDArray> ph = placeholders(x, checkTargets(targets, x), zeros(x));
        OutAndGrad r = sd.calculateGradientsAndOutputs(ph, List.of(CE, LOGITS), paramNames);
        double loss = r.getOutputs().get(CE).getDouble(0);
        return new LossAndGradient(loss, flatten(gradients(r.getGradients())), r.getOutputs().get(LOGITS).dup());
    }

    @Override
    public synchronized INDArray gradientFromLogitGrad(INDArray features, INDArray logitGrad) {
        INDArray x = prepare(features);
        Map<String, INDArray> ph = placeholders(x, zeros(x), checkTargets(logitGrad, x));
        return flatten(gradients(sd.calculateGradients(ph, paramNames)));
    }

    @Override
    public INDArray inputGradient(INDArray features, int[] labels) {
        checkBatch(features, labels.length);
        // the objective is a batch mean; targets scaled by b turn it into the per-sample sum
        INDArray scaled = Targets.oneHot(labels, numClasses, labels.length, type);
        return inputGradientOf(features, scaled, null);
    }

    @Override
    public INDArray inputGradientFromLogitGrad(INDArray features, INDArray logitGrad) {
        return inputGradientOf(features, null, logitGrad);
    }

    private synchronized INDArray inputGradientOf(INDArray features, INDArray targets, INDArray logitGrad) {
        INDArray x = prepare(features);
        INDArray t = targets == null ? zeros(x) : checkTargets(targets, x);
        INDArray g = logitGrad == null ? zeros(x) : checkTargets(logitGrad, x);
        INDArray grad = sd.calculateGradients(placeholders(x, t, g), INPUT).get(INPUT);
        return grad.reshape(features.shape()).dup();
    }

    @Override
    public double[] perSampleLoss(INDArray features, int[] labels) {
        checkBatch(features, labels.length);
        INDArray z = logits(features).castTo(DataType.DOUBLE);
        double[] out = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            double[] row = z.getRow(i).toDoubleVector();
            double max = Arrays.stream(row).max().orElse(0);
            double sum = 0;
            for (double v : row) {
                sum += Math.exp(v - max);
            }
            out[i] = max + Math.log(sum) - row[labels[i]];
        }
        return out;
    }

    @Override
    public Network copy() {
        Network c = ModelFactory.build(spec);
        c.setParams(params());
        return c;
    }

    private Map<String, INDArray> placeholders(INDArray x, INDArray target, INDArray logitGrad) {
        Map<String, INDArray> ph = new HashMap<>(4);
        ph.put(INPUT, x);
        ph.put(TARGET, target);
        ph.put(LOGIT_GRAD, logitGrad);
        return ph;
    }

    private INDArray[] gradients(Map<String, INDArray> byName) {
        INDArray[] out = new INDArray[paramNames.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = byName.get(paramNames.get(i));
            if (out[i] == null) {
                throw new IllegalStateException("no gradient for parameter " + paramNames.get(i));
            }
        }
        return out;
    }

    /** Copies arrays in layout order into one new flat vector. */
    private INDArray flatten(INDArray[] arrays) {
        INDArray flat = Nd4j.create(type, numParams);
        for (int i = 0; i < arrays.length; i++) {
            ParamBlock b = layout.get(i);
            flat.get(NDArrayIndex.interval(b.offset(), b.end())).assign(arrays[i].reshape(b.length()));
        }
        return flat;
    }

    private INDArray zeros(INDArray x) {
        return Nd4j.zeros(type, x.size(0), numClasses);
    }

    /** Features as a C-ordered {@code [b, c*h*w]} array of the network's type. */
    private INDArray prepare(INDArray features) {
        long b = features.size(0);
        if (features.length() != b * inputSize || (features.rank() != 2 && features.rank() != 4)) {
            throw new IllegalArgumentException("features of shape " + Arrays.toString(features.shape())
                    + " for a network expecting [b, " + inputSize + "] or [b, " + spec.input().channels() + ", "
                    + spec.input().height() + ", " + spec.input().width() + "]");
        }
        INDArray x = features.castTo(type);
        if (x.ordering() != 'c' || x.isView()) {
            x = x.dup('c');
        }
        return x.rank() == 2 ? x : x.reshape('c', b, inputSize);
    }

    private INDArray checkTargets(INDArray t, INDArray x) {
        if (t.rank() != 2 || t.size(0) != x.size(0) || t.size(1) != numClasses) {
            throw new IllegalArgumentException("targets of shape " + Arrays.toString(t.shape()) + ", expected ["
                    + x.size(0) + ", " + numClasses + "]");
        }
        INDArray c = t.castTo(type);
        return c.ordering() == 'c' && !c.isView() ? c : c.dup('c');
    }

    private static void checkBatch(INDArray features, int labels) {
        if (features.size(0) != labels) {
            throw new IllegalArgumentException(labels + " labels for a batch of " + features.size(0));
        }
    }

    @Override
    public String toString() {
        return "SameDiffNetwork[" + spec.architecture().id() + ", " + numParams + " params, " + layout + "]";
    }

    /** Names of the parameters in flat order (for tests and diagnostics). */
    List<String> paramNames() {
        return new ArrayList<>(paramNames);
    }
}
