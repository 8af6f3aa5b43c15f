package org.lethe.engine.unlearning.amnesiac;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.lethe.engine.data.ImageSplit;
import org.lethe.engine.model.BatchHook;
import org.lethe.engine.model.Features;
import org.lethe.engine.model.LossAndGradient;
import org.lethe.engine.model.Network;
import org.lethe.engine.model.Precision;
import org.lethe.engine.model.Release;
import org.lethe.engine.model.TrainingConfig;
import org.lethe.engine.model.optim.FlatVectors;
import org.lethe.engine.model.optim.OptimizerConfig;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A {@link BatchHook} that keeps one accumulated contribution per candidate sample:
 * {@code c_i = Σ_t (η_t/|B_t|)·g_i(θ_t)} over the steps {@code t} whose batch {@code B_t} held sample
 * {@code i}, where {@code g_i(θ_t)} is the gradient of sample i's own cross-entropy at the
 * parameters before the step and {@code η_t} is the schedule's rate for the step's epoch. Forgetting
 * adds the contributions back: {@code θ' = θ_M + Σ_{i∈F} c_i} ({@link PerSampleUnlearning}).
 *
 * <h2>When it is exact</h2>
 * With plain SGD without momentum and the batch-mean loss, a step is
 * {@code θ_{t+1} = θ_t − (η_t/|B_t|) Σ_{i∈B_t} g_i(θ_t)}: the update is a sum of per-sample terms, each
 * depending only on that sample and θ_t, so the {@code c_i} of one batch add up to minus its update
 * and each sample's share of it is well defined. With momentum, a gradient keeps moving the
 * parameters in all later steps (μ·buf carries it forward), and Adam rescales each step by running
 * moments of all past gradients, so no step's update splits into per-sample terms; there the
 * recorded {@code c_i} (still {@code η/|B|·g_i}) is only an approximation of the sample's influence.
 * {@link #exactForOptimizer()} says which case applies. As with batch amnesiac, removing a sample's
 * terms is still not retraining: later gradients were taken at parameters its earlier terms had moved.
 *
 * <h2>Weight decay</h2>
 * The coupled decay term {@code −η_t·λ·θ_t} of a step does not depend on the batch's samples (a run
 * without sample i would apply it all the same), so it is attributed to no sample and not recorded.
 * With decay, the contributions of a batch therefore sum to minus its update minus that decay term.
 *
 * <h2>Mechanics and cost</h2>
 * The gradients are computed one sample at a time (a batch of one through
 * {@link Network#lossAndGradient}) on a private copy of the network that is set to the step's
 * {@code paramsBefore}; the training network is never touched. The copy is in evaluation mode: for
 * networks with batch normalisation the per-sample gradient therefore uses running statistics, not
 * the batch's, and the result is an approximation. Each step costs one extra forward and backward
 * pass per candidate sample in the batch. Accumulators are kept in the network's precision and made
 * when a candidate is first seen: {@link #storageBytes()} = candidates seen × parameters × 4 or 8,
 * independent of the number of epochs.
 */
public final class PerSampleRecorder implements BatchHook {

    private final Network scratch;
    private final ImageSplit split;
    private final TrainingConfig config;
    private final Candidates candidates;
    private final boolean doublePrecision;
    private final int numParams;
    private final Map<Integer, FlatDelta> contributions = new LinkedHashMap<>();
    private final float[] buffer;
    private long stepsSeen;

    private PerSampleRecorder(Network network, ImageSplit split, TrainingConfig config, Candidates candidates) {
        Objects.requireNonNull(network, "network");
        this.split = Objects.requireNonNull(split, "split");
        this.config = Objects.requireNonNull(config, "config");
        this.candidates = candidates;
        this.scratch = network.copy();
        this.scratch.setTraining(false);
        this.doublePrecision = network.spec().precision() == Precision.DOUBLE;
        this.numParams = Math.toIntExact(network.numParams());
        this.buffer = new float[split.shape().pixelsPerImage()];
    }

    /**
     * A recorder for which every training sample is a candidate.
     *
     * @param network the network to be trained, or any network of the same spec (only copied)
     * @param split the split the training view indexes into
     * @param config the training settings of the run (for the learning rate of each epoch)
     */
    public static PerSampleRecorder forAllSamples(Network network, ImageSplit split, TrainingConfig config) {
        return new PerSampleRecorder(network, split, config, Candidates.all());
    }

    /** A recorder that keeps contributions only for the given split indices. */
    public static PerSampleRecorder forSensitive(Network network, ImageSplit split, TrainingConfig config,
                                                 int[] sensitiveSplitIndices) {
        return new PerSampleRecorder(network, split, config, Candidates.of(sensitiveSplitIndices));
    }

    /** Whether the recorded contributions are the samples' exact shares: plain SGD without momentum. */
    public boolean exactForOptimizer() {
        OptimizerConfig o = config.optimizer();
        return o.kind() == OptimizerConfig.Kind.SGD && o.momentum() == 0;
    }

    @Override
    public void afterStep(Step step) {
        stepsSeen++;
        int[] batch = step.sampleIndices();
        if (!candidates.anyIn(batch)) {
            return;
        }
        double scale = config.schedule().lr(step.epoch()) / batch.length;
        scratch.setParams(step.paramsBefore());
        int[] one = new int[1];
        for (int i : batch) {
            if (!candidates.contains(i)) {
                continue;
            }
            one[0] = i;
            INDArray x = Features.of(split, one, 0, 1, buffer);
            LossAndGradient lg = scratch.lossAndGradient(x, new int[] {split.label(i)});
            double[] g = FlatVectors.read(lg.gradient());
            Release.all(x, lg.gradient(), lg.logits());
            if (g.length != numParams) {
                throw new AmnesiacException("per-sample gradient has " + g.length + " entries, expected " + numParams);
            }
            contributions.computeIfAbsent(i, k -> FlatDelta.zeros(numParams, doublePrecision)).addScaled(g, scale);
        }
    }

    /** Whether {@code splitIndex} was a candidate (and so can be forgotten). */
    public boolean isCandidate(int splitIndex) {
        return candidates.contains(splitIndex);
    }

    /** Number of samples holding an accumulated contribution. */
    public int recordedSamples() {
        return contributions.size();
    }

    /** Number of training steps the recorder saw. */
    public long stepsSeen() {
        return stepsSeen;
    }

    /** Parameters per contribution. */
    public int numParams() {
        return numParams;
    }

    /** The contribution {@code c_i} of a sample as doubles (a new array), or null if none was recorded. */
    public double[] contribution(int splitIndex) {
        FlatDelta c = contributions.get(splitIndex);
        return c == null ? null : c.toDoubles();
    }

    /** Bytes held by the contributions: recorded samples × parameters × 4 (float) or 8 (double). */
    public long storageBytes() {
        return (long) contributions.size() * numParams * (doublePrecision ? Double.BYTES : Float.BYTES);
    }

    Map<Integer, FlatDelta> contributions() {
        return Collections.unmodifiableMap(contributions);
    }
}
