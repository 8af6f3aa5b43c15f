package org.lethe.engine.unlearning.loop;

import org.lethe.engine.model.TrainingConfig;
import org.lethe.engine.model.TrainedModel;
import org.lethe.engine.unlearning.DataSplits;

/**
 * How many sample-gradient evaluations an approximate method may spend, as a share of what a full
 * retrain costs (see {@code docs/adr/0007-unlearning-budget.md}). The retrain's cost is read from
 * the original model's training record: its epochs times the size of the retain set, which is what
 * Lethe's retrain trains on. A method states its nominal cost (its passes and preparation at full
 * size, in samples) and shrinks every pass by {@link #scale(double)} when that exceeds the budget.
 *
 * <p>Counting samples rather than seconds keeps the rule deterministic (the same run on a busy or an
 * idle machine does the same work) and independent of the hardware; on the bundled MNIST presets a
 * sample of an unlearning pass costs about as much wall time as a sample of the retrain.
 *
 * @param samples the budget in sample-gradient evaluations, {@link Long#MAX_VALUE} for none
 * @param retrainSamples the retrain's sample-gradient evaluations, 0 when unknown
 */
public record SampleBudget(long samples, long retrainSamples) {

    public SampleBudget {
        if (samples < 1) {
            throw new IllegalArgumentException("a sample budget must be >= 1, was " + samples);
        }
        if (retrainSamples < 0) {
            throw new IllegalArgumentException("retrain samples must be >= 0, was " + retrainSamples);
        }
    }

    /** No cap: every pass runs at full size. */
    public static SampleBudget unlimited() {
        return new SampleBudget(Long.MAX_VALUE, 0);
    }

    /**
     * {@code share} of the retrain's cost for {@code original} and {@code splits}; unlimited when
     * {@code share} is 0 or the original has no training record (it was made by an unlearning method,
     * so there is no retrain to compare with).
     */
    public static SampleBudget of(TrainedModel original, DataSplits splits, double share) {
        if (!(share >= 0)) {
            throw new IllegalArgumentException("budget share must be >= 0, was " + share);
        }
        TrainingConfig training = original.provenance().training();
        if (share == 0 || training == null) {
            return unlimited();
        }
        long retrain = (long) training.epochs() * splits.retain().size();
        return new SampleBudget(Math.max(1, (long) Math.floor(share * retrain)), retrain);
    }

    /** Whether the budget caps anything. */
    public boolean limited() {
        return samples != Long.MAX_VALUE;
    }

    /**
     * The factor in (0, 1] by which a run of {@code nominalSamples} sample-gradient evaluations must
     * shrink to fit: 1 when it fits already.
     */
    public double scale(double nominalSamples) {
        if (!(nominalSamples >= 0)) {
            throw new IllegalArgumentException("nominal cost must be >= 0, was " + nominalSamples);
        }
        return nominalSamples <= samples ? 1 : samples / nominalSamples;
    }

    /**
     * Fixes the scale for this run from the nominal cost, records it in {@code state} (read it back
     * with {@link LoopState#sampleScale()}) together with the figures {@code budgetSamples} and
     * {@code budgetScale}, and returns it.
     */
    public double apply(LoopState state, double nominalSamples) {
        double scale = scale(nominalSamples);
        state.setSampleScale(scale);
        if (limited()) {
            state.figure("budgetSamples", samples);
            state.figure("retrainSamples", retrainSamples);
        }
        state.figure("nominalSamples", nominalSamples);
        state.figure("budgetScale", scale);
        return scale;
    }

    /** {@code count} samples scaled by {@code scale}, at least one when {@code count} is positive. */
    public static int scaled(int count, double scale) {
        if (count <= 0) {
            return 0;
        }
        return (int) Math.max(1, Math.min(count, Math.round(count * scale)));
    }
}
