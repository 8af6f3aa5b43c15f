package org.lethe.engine.unlearning.deltagrad;

import org.lethe.engine.unlearning.Param;

/**
 * DeltaGrad's own settings (the training run's settings live in its
 * {@link org.lethe.engine.model.TrainingConfig}).
 *
 * @param historySize m, the number of most recent curvature pairs the L-BFGS approximation uses
 * @param period T0: after the burn-in, every T0-th iteration is computed exactly
 * @param burnIn j0: the first j0 iterations after the trajectory starts to differ are exact
 * @param minSigma lower bound of the L-BFGS scaling σ = yᵀs / sᵀs of the newest pair
 */
public record DeltaGradParams(
        @Param(value = "curvature pairs kept (L-BFGS memory m)", min = 1, max = 100) int historySize,
        @Param(value = "every T0-th iteration is exact", min = 1, max = 100_000) int period,
        @Param(value = "exact iterations at the start (burn-in j0)", min = 0, max = 1_000_000) int burnIn,
        @Param(value = "floor of the L-BFGS scaling sigma", min = 0, max = 1e6) double minSigma) {

    public DeltaGradParams {
        if (historySize < 1 || historySize > 100) {
            throw new DeltaGradException("DeltaGrad history size m must be in [1, 100], was " + historySize);
        }
        if (period < 1 || period > 100_000) {
            throw new DeltaGradException("DeltaGrad period T0 must be in [1, 100000], was " + period);
        }
        if (burnIn < 0 || burnIn > 1_000_000) {
            throw new DeltaGradException("DeltaGrad burn-in j0 must be in [0, 1000000], was " + burnIn);
        }
        if (!(minSigma >= 0) || Double.isInfinite(minSigma)) {
            throw new DeltaGradException("DeltaGrad minimum sigma must be a finite number >= 0, was " + minSigma);
        }
    }

    /** The reference code's values for logistic regression on MNIST: m = 2, T0 = 5, j0 = 20, σ ≥ 0.001. */
    public static DeltaGradParams defaults() {
        return new DeltaGradParams(2, 5, 20, 0.001);
    }

    /** These settings with another period. */
    public DeltaGradParams withPeriod(int newPeriod) {
        return new DeltaGradParams(historySize, newPeriod, burnIn, minSigma);
    }

    /** These settings with another burn-in. */
    public DeltaGradParams withBurnIn(int newBurnIn) {
        return new DeltaGradParams(historySize, period, newBurnIn, minSigma);
    }

    /** These settings with another history size. */
    public DeltaGradParams withHistorySize(int m) {
        return new DeltaGradParams(m, period, burnIn, minSigma);
    }
}
