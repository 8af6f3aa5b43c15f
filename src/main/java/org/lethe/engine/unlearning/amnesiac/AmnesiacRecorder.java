package org.lethe.engine.unlearning.amnesiac;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.lethe.engine.model.BatchHook;

/**
 * A {@link BatchHook} that keeps, during training, the parameter update of every batch holding at
 * least one candidate sample, together with the batch's split indices. Candidates are either all
 * training samples ({@link #forAllSamples()}) or a sensitive subset marked before training
 * ({@link #forSensitive(int[])}); only those can later be forgotten with {@link AmnesiacUnlearning}.
 *
 * <p>Updates are stored in the network's precision: float for FLOAT networks, double for DOUBLE
 * ones, so {@link #storageBytes()} is the number of recorded batches × parameters × 4 or 8. Install
 * one recorder per training run; it is not thread-safe (the trainer calls it from one thread).
 */
public final class AmnesiacRecorder implements BatchHook {

    private final Candidates candidates;
    private final List<RecordedBatch> batches = new ArrayList<>();
    private long stepsSeen;

    private AmnesiacRecorder(Candidates candidates) {
        this.candidates = candidates;
    }

    /** A recorder for which every training sample is a candidate: every batch is recorded. */
    public static AmnesiacRecorder forAllSamples() {
        return new AmnesiacRecorder(Candidates.all());
    }

    /**
     * A recorder that keeps only the batches holding at least one of the given split indices.
     *
     * @throws AmnesiacException if the set is empty or holds a negative index
     */
    public static AmnesiacRecorder forSensitive(int[] sensitiveSplitIndices) {
        return new AmnesiacRecorder(Candidates.of(sensitiveSplitIndices));
    }

    @Override
    public void afterStep(Step step) {
        stepsSeen++;
        if (candidates.anyIn(step.sampleIndices())) {
            batches.add(new RecordedBatch(step.epoch(), step.iteration(), step.sampleIndices(),
                    FlatDelta.difference(step.paramsBefore(), step.paramsAfter())));
        }
    }

    /** Whether {@code splitIndex} was a candidate (and so can be forgotten). */
    public boolean isCandidate(int splitIndex) {
        return candidates.contains(splitIndex);
    }

    /** The recorded batches in training order (unmodifiable). */
    public List<RecordedBatch> batches() {
        return Collections.unmodifiableList(batches);
    }

    /** Number of training steps the recorder saw, recorded or not. */
    public long stepsSeen() {
        return stepsSeen;
    }

    /** Length of the recorded update vectors, or 0 before the first recorded batch. */
    public int numParams() {
        return batches.isEmpty() ? 0 : batches.get(0).delta().length();
    }

    /** Bytes held by the recorded updates: recorded batches × parameters × 4 (float) or 8 (double). */
    public long storageBytes() {
        long sum = 0;
        for (RecordedBatch b : batches) {
            sum += b.storageBytes();
        }
        return sum;
    }
}
