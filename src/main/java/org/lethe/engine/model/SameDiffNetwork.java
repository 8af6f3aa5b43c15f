package org.lethe.engine.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lethe.engine.data.ImageShape;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@link Network} on SameDiff graphs built by {@link ModelFactory}. The main graph has three
 * placeholders (features, targets, logit gradient) and computes every gradient through one objective,
 * {@code ce(target) + sum(logits * logitGrad)}, feeding zeros to the part not in use. Two optional
 * companions hold copies of the same parameters (kept equal by {@link #setParams}): the tail graph
 * of a {@link FirstConvSplit} (LeNet training steps) and the training-mode graph of a
 * {@link BatchNormGraph} (batch statistics), whose running statistics this class updates.
 */
final class SameDiffNetwork implements Network {

    static final String INPUT = "input";
    static final String TARGET = "target";
    static final String LOGIT_GRAD = "logitGrad";
    static final String LOGITS = "logits";
    static final String PROBABILITIES = "probabilities";
    static final String CE = "ce";
    static final String OBJECTIVE = "objective";
    static final String FIRST_BLOCK_OUT = "firstBlockOut";

    private final ModelSpec spec;
    private final SameDiff sd;
    private final List<ParamBlock> layout;
    private final List<String> paramNames;
    private final INDArray[] paramArrays;
    private final long numParams;
    private final DataType type;
    private final int inputSize;
    private final int numClasses;
    private final FirstConvSplit split;
    private final INDArray[] tailArrays;
    private boolean splitEnabled = true;
    private final OutputCapture capture = new OutputCapture();

    private final BatchNormGraph bn;
    private final INDArray[] trainArrays;
    private final INDArray[] bufferArrays;
    private final long numBuffers;
    private boolean training;

    SameDiffNetwork(ModelSpec spec, SameDiff sd, List<ParamBlock> layout, FirstConvSplit split, BatchNormGraph bn) {
        this.spec = spec;
        this.sd = sd;
        this.layout = List.copyOf(layout);
        this.paramNames = layout.stream().map(ParamBlock::name).toList();
        this.paramArrays = paramNames.stream().map(n -> sd.getVariable(n).getArr()).toArray(INDArray[]::new);
        this.numParams = layout.isEmpty() ? 0 : layout.get(layout.size() - 1).end();
        this.type = spec.precision().dataType();
        this.inputSize = spec.inputSize();
        this.numClasses = spec.numClasses();
        this.split = split;
        if (split != null) {
            split.tail().createGradFunction(FIRST_BLOCK_OUT);
            split.tail().addListeners(capture);
            tailArrays = new INDArray[paramArrays.length];
            for (String name : split.tailParamNames()) {
                int i = paramNames.indexOf(name);
                tailArrays[i] = split.tail().getVariable(name).getArr();
                tailArrays[i].assign(paramArrays[i]);
            }
        } else {
            tailArrays = null;
        }
        this.bn = bn;
        if (bn != null) {
            trainArrays = new INDArray[paramArrays.length];
            for (int i = 0; i < paramArrays.length; i++) {
                trainArrays[i] = bn.train().getVariable(paramNames.get(i)).getArr();
                trainArrays[i].assign(paramArrays[i]);
            }
            bufferArrays = bn.buffers().stream().map(b -> sd.getVariable(b.name()).getArr()).toArray(INDArray[]::new);
            numBuffers = bn.buffers().isEmpty() ? 0 : bn.buffers().get(bn.buffers().size() - 1).end();
        } else {
            trainArrays = null;
            bufferArrays = new INDArray[0];
            numBuffers = 0;
        }
    }

    @Override
    public synchronized boolean isTraining() {
        return training;
    }

    @Override
    public synchronized void setTraining(boolean on) {
        training = on;
    }

    @Override
    public synchronized INDArray buffers() {
        INDArray flat = Nd4j.create(type, numBuffers);
        for (int i = 0; i < bufferArrays.length; i++) {
            ParamBlock b = bn.buffers().get(i);
            flat.get(NDArrayIndex.interval(b.offset(), b.end())).assign(bufferArrays[i].reshape(b.length()));
        }
        return flat;
    }

    @Override
    public synchronized void setBuffers(INDArray flat) {
        if (flat.length() != numBuffers) {
            throw new IllegalArgumentException("buffer vector of " + flat.length() + " values for a network of "
                    + numBuffers);
        }
        if (numBuffers == 0) {
            return;
        }
        INDArray v = flat.reshape(numBuffers).castTo(type);
        for (int i = 0; i < bufferArrays.length; i++) {
            ParamBlock b = bn.buffers().get(i);
            bufferArrays[i].assign(v.get(NDArrayIndex.interval(b.offset(), b.end())).reshape(b.shape()));
        }
    }

    /** The graph forward computations use: batch statistics in training mode when there is batch norm. */
    private SameDiff forwardGraph() {
        return training && bn != null ? bn.train() : sd;
    }

    /** Names of the batch statistics to fetch with a training step, or none. */
    private List<String> batchStatNames() {
        List<String> names = new ArrayList<>();
        if (training && bn != null) {
            for (BatchNormGraph.Layer l : bn.layers()) {
                names.add(l.meanName());
                names.add(l.varName());
            }
        }
        return names;
    }

    /** running ← (1 − m)·running + m·batch, with the unbiased batch variance, as torch. */
    private void updateRunningStatistics(Map<String, INDArray> outputs, long batch) {
        if (!(training && bn != null)) {
            return;
        }
        for (int j = 0; j < bn.layers().size(); j++) {
            BatchNormGraph.Layer l = bn.layers().get(j);
            long n = batch * l.spatial();
            double m = BatchNormGraph.MOMENTUM;
            INDArray mean = outputs.get(l.meanName()).reshape(bufferArrays[2 * j].shape());
            INDArray var = outputs.get(l.varName()).reshape(bufferArrays[2 * j + 1].shape());
            bufferArrays[2 * j].muli(1 - m).addi(mean.mul(m));
            bufferArrays[2 * j + 1].muli(1 - m).addi(var.mul(m * n / Math.max(1, n - 1)));
        }
    }

    /** Switches the first-convolution split off or on (tests compare both routes). */
    synchronized void setSplitEnabled(boolean on) {
        splitEnabled = on;
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
            if (tailArrays != null && tailArrays[i] != null && tailArrays[i] != paramArrays[i]) {
                tailArrays[i].assign(paramArrays[i]);
            }
            if (trainArrays != null) {
                trainArrays[i].assign(paramArrays[i]);
            }
        }
    }

    @Override
    public synchronized INDArray logits(INDArray features) {
        return forwardGraph().output(Map.of(INPUT, prepare(features)), LOGITS).get(LOGITS).dup();
    }

    @Override
    public synchronized INDArray probabilities(INDArray features) {
        return forwardGraph().output(Map.of(INPUT, prepare(features)), PROBABILITIES).get(PROBABILITIES).dup();
    }

    @Override
    public LossAndGradient lossAndGradient(INDArray features, int[] labels) {
        checkBatch(features, labels.length);
        INDArray targets = Targets.oneHot(labels, numClasses, type);
        try {
            return lossAndGradient(features, targets);
        } finally {
            Release.all(targets);
        }
    }

    @Override
    public synchronized LossAndGradient lossAndGradient(INDArray features, INDArray targets) {
        INDArray x = prepare(features);
        INDArray t = checkTargets(targets, x);
        if (useSplit()) {
            return splitLossAndGradient(x, t, zeros(x));
        }
        Map<String, INDArray> ph = placeholders(x, t, zeros(x));
        List<String> outputs = batchStatNames();
        outputs.add(CE);
        outputs.add(LOGITS);
        OutAndGrad r = forwardGraph().calculateGradientsAndOutputs(ph, outputs, paramNames);
        updateRunningStatistics(r.getOutputs(), x.size(0));
        double loss = r.getOutputs().get(CE).getDouble(0);
        return new LossAndGradient(loss, flatten(gradients(r.getGradients())), r.getOutputs().get(LOGITS).dup());
    }

    @Override
    public synchronized INDArray gradientFromLogitGrad(INDArray features, INDArray logitGrad) {
        INDArray x = prepare(features);
        INDArray g = checkTargets(logitGrad, x);
        if (useSplit()) {
            return splitLossAndGradient(x, zeros(x), g).gradient();
        }
        Map<String, INDArray> ph = placeholders(x, zeros(x), g);
        List<String> stats = batchStatNames();
        if (stats.isEmpty()) {
            return flatten(gradients(sd.calculateGradients(ph, paramNames)));
        }
        OutAndGrad r = forwardGraph().calculateGradientsAndOutputs(ph, stats, paramNames);
        updateRunningStatistics(r.getOutputs(), x.size(0));
        return flatten(gradients(r.getGradients()));
    }

    private boolean useSplit() {
        return split != null && splitEnabled;
    }

    /** Loss and gradient through the first-convolution split (see {@link FirstConvSplit}). */
    private LossAndGradient splitLossAndGradient(INDArray x, INDArray target, INDArray logitGrad) {
        ImageShapeView s = new ImageShapeView(spec);
        INDArray images = x.reshape('c', x.size(0), s.c, s.h, s.w);
        INDArray first = split.forward(images, paramArrays[0], paramArrays[1]);
        Map<String, INDArray> ph = new HashMap<>(4);
        ph.put(FIRST_BLOCK_OUT, first);
        ph.put(TARGET, target);
        ph.put(LOGIT_GRAD, logitGrad);
        List<String> wanted = new ArrayList<>(split.tailParamNames());
        wanted.add(FIRST_BLOCK_OUT);
        capture.ce = null;
        capture.logits = null;
        Map<String, INDArray> grads = new HashMap<>(split.tail().calculateGradients(ph, wanted));
        INDArray blockGrad = grads.get(FIRST_BLOCK_OUT);
        if (blockGrad == null || capture.ce == null || capture.logits == null) {
            throw new IllegalStateException("SameDiff returned no gradient for " + FIRST_BLOCK_OUT + " or its outputs");
        }
        FirstConvSplit.Gradients firstLayer = split.gradients(images, split.backward(blockGrad));
        grads.put(paramNames.get(0), firstLayer.weight());
        grads.put(paramNames.get(1), firstLayer.bias());
        double loss = capture.ce.getDouble(0);
        INDArray flat = flatten(gradients(grads));
        Release.all(blockGrad, firstLayer.weight(), firstLayer.bias());
        return new LossAndGradient(loss, flat, capture.logits);
    }

    /** Keeps copies of the loss and logits computed during a gradient pass. */
    private static final class OutputCapture extends BaseListener {
        private INDArray ce;
        private INDArray logits;

        @Override
        public boolean isActive(Operation operation) {
            return true;
        }

        @Override
        public void opExecution(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, OpContext context,
                                INDArray[] outputs) {
            List<String> names = op.getOutputsOfOp();
            for (int i = 0; names != null && i < names.size() && i < outputs.length; i++) {
                if (outputs[i] == null) {
                    continue;
                }
                if (CE.equals(names.get(i))) {
                    ce = outputs[i].dup();
                } else if (LOGITS.equals(names.get(i))) {
                    logits = outputs[i].dup();
                }
            }
        }
    }

    /** Channels, height and width of the spec's input. */
    private record ImageShapeView(long c, long h, long w) {
        ImageShapeView(ModelSpec spec) {
            this(spec.input().channels(), spec.input().height(), spec.input().width());
        }
    }

    @Override
    public INDArray inputGradient(INDArray features, int[] labels) {
        checkBatch(features, labels.length);
        // the objective is a batch mean; targets scaled by b turn it into the per-sample sum
        INDArray scaled = Targets.oneHot(labels, numClasses, labels.length, type);
        return inputGradientOf(features, scaled, null);
    }

    @Override
    public synchronized InputGradient inputGradientWithLogits(INDArray features, int[] labels) {
        checkBatch(features, labels.length);
        INDArray x = prepare(features);
        INDArray t = Targets.oneHot(labels, numClasses, labels.length, type);
        OutAndGrad r = forwardGraph().calculateGradientsAndOutputs(placeholders(x, t, zeros(x)), List.of(LOGITS),
                List.of(INPUT));
        INDArray logits = r.getOutputs().get(LOGITS).dup();
        INDArray grad = r.getGradients().get(INPUT).reshape(features.shape()).dup();
        Release.all(t);
        return new InputGradient(logits, grad);
    }

    @Override
    public INDArray inputGradientFromLogitGrad(INDArray features, INDArray logitGrad) {
        return inputGradientOf(features, null, logitGrad);
    }

    private synchronized INDArray inputGradientOf(INDArray features, INDArray targets, INDArray logitGrad) {
        INDArray x = prepare(features);
        INDArray t = targets == null ? zeros(x) : checkTargets(targets, x);
        INDArray g = logitGrad == null ? zeros(x) : checkTargets(logitGrad, x);
        INDArray grad = forwardGraph().calculateGradients(placeholders(x, t, g), INPUT).get(INPUT);
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
        synchronized (this) {
            c.setParams(params());
            c.setBuffers(buffers());
            c.setTraining(training);
        }
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

    /**
     * Features as a C-ordered array of the network's type, shaped as the input placeholder:
     * {@code [b, c, h, w]} for convolutional networks, {@code [b, c*h*w]} otherwise.
     */
    private INDArray prepare(INDArray features) {
        EngineThreads.bindCurrentThread();
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
        if (spec.architecture().isConvolutional()) {
            ImageShape s = spec.input();
            return x.rank() == 4 ? x : x.reshape('c', b, s.channels(), s.height(), s.width());
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
