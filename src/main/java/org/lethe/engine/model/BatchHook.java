package org.lethe.engine.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Sees every training step: which samples were in the batch and the parameters before and after
 * the update (amnesiac unlearning records the deltas of batches that contain forget samples).
 * Parameter snapshots are only taken when a hook other than {@link #NONE} is installed.
 */
@FunctionalInterface
public interface BatchHook {

    /** A hook that does nothing and makes the trainer skip the snapshots. */
    BatchHook NONE = step -> { };

    /** Called after each step, on the training thread. */
    void afterStep(Step step);

    /**
     * One completed step.
     *
     * @param epoch 0-based epoch
     * @param iteration 0-based step number over the whole run
     * @param sampleIndices split indices of the batch's samples
     * @param paramsBefore flat parameters before the step (a snapshot the hook may keep)
     * @param paramsAfter flat parameters after the step (a snapshot the hook may keep)
     * @param loss the batch's mean loss before the step
     */
    record Step(int epoch, long iteration, int[] sampleIndices, INDArray paramsBefore, INDArray paramsAfter,
                double loss) {

        /** The update this step applied: {@code paramsAfter − paramsBefore}, a new array. */
        public INDArray update() {
            return paramsAfter.sub(paramsBefore);
        }
    }
}
