package org.lethe.engine.unlearning.amnesiac;

/**
 * One recorded training step: when it happened, which samples its batch held and the update it
 * applied to the flat parameters.
 */
public final class RecordedBatch {

    private final int epoch;
    private final long iteration;
    private final int[] sampleIndices;
    private final FlatDelta update;

    RecordedBatch(int epoch, long iteration, int[] sampleIndices, FlatDelta update) {
        this.epoch = epoch;
        this.iteration = iteration;
        this.sampleIndices = sampleIndices.clone();
        this.update = update;
    }

    /** 0-based epoch of the step. */
    public int epoch() {
        return epoch;
    }

    /** 0-based step number over the whole run. */
    public long iteration() {
        return iteration;
    }

    /** Split indices of the batch's samples (a copy). */
    public int[] sampleIndices() {
        return sampleIndices.clone();
    }

    /** Whether the batch held any of the given samples. */
    public boolean containsAny(java.util.BitSet splitIndices) {
        for (int i : sampleIndices) {
            if (splitIndices.get(i)) {
                return true;
            }
        }
        return false;
    }

    /** The update {@code θ_after − θ_before} as doubles (a new array). */
    public double[] update() {
        return update.toDoubles();
    }

    /** Bytes the stored update takes (parameters × 4 or 8). */
    public long storageBytes() {
        return update.bytes();
    }

    FlatDelta delta() {
        return update;
    }
}
