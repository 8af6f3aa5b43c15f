package org.lethe.engine.unlearning.deltagrad;

/**
 * What one DeltaGrad update produced and what it cost.
 *
 * @param params the updated parameters (float64, the network's flat order)
 * @param deleted number of samples deleted
 * @param added number of samples added
 * @param firstAffectedIteration the first iteration whose batch changed; the trajectory before it was
 *     taken from the cache unchanged
 * @param exactSteps iterations whose gradient was computed exactly on the whole new batch
 * @param approximateSteps iterations whose batch gradient came from the L-BFGS approximation
 * @param fallbackSteps iterations due for approximation that were computed exactly because no usable
 *     curvature pair existed or the linearised step would have overshot (counted in {@code exactSteps} too)
 * @param skippedSteps iterations whose batch became empty (no step)
 * @param seconds wall time of the update
 */
public record DeltaGradUpdate(double[] params, int deleted, int added, int firstAffectedIteration, int exactSteps,
                              int approximateSteps, int fallbackSteps, int skippedSteps, double seconds) {

    public DeltaGradUpdate {
        params = params.clone();
        if (exactSteps < 0 || approximateSteps < 0 || fallbackSteps < 0 || skippedSteps < 0) {
            throw new IllegalArgumentException("step counts must be >= 0");
        }
    }

    @Override
    public double[] params() {
        return params.clone();
    }
}
