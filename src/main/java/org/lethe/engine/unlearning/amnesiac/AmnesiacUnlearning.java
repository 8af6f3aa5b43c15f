package org.lethe.engine.unlearning.amnesiac;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.Network;
import org.lethe.engine.model.TrainingResult;

/**
 * Batch amnesiac unlearning: {@code θ' = θ_M − Σ Δθ_b} over every recorded batch that held at least
 * one forget sample, then optionally a {@link Repair} fine-tune on the retain set. The trained
 * network is never changed; each request returns a new network. Requests are independent: each
 * starts again from the trained parameters.
 */
public final class AmnesiacUnlearning {

    private final Network trained;
    private final AmnesiacRecorder recorder;

    /**
     * @param trained the network at the end of the recorded training run
     * @param recorder the recorder installed during that run
     */
    public AmnesiacUnlearning(Network trained, AmnesiacRecorder recorder) {
        this.trained = Objects.requireNonNull(trained, "trained");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
    }

    /** Undoes the batches holding forget samples, without repair. */
    public AmnesiacResult unlearn(int[] forgetSplitIndices) {
        return unlearn(forgetSplitIndices, Repair.off(), null, JobContext.detached());
    }

    /**
     * Undoes the batches holding forget samples, then runs {@code repair} on {@code retain}.
     *
     * @param retain the retain set for the repair, may be null when repair is off
     * @throws AmnesiacException if a forget index was not a candidate of the recorder, or the record
     *         does not fit the network
     */
    public AmnesiacResult unlearn(int[] forgetSplitIndices, Repair repair, IndexView retain, JobContext ctx) {
        BitSet forget = ParamEdit.forgetSet(forgetSplitIndices, recorder::isCandidate, "candidates");
        List<FlatDelta> undo = new ArrayList<>();
        for (RecordedBatch b : recorder.batches()) {
            if (b.containsAny(forget)) {
                undo.add(b.delta());
            }
        }
        ctx.checkCancelled();
        Network result = ParamEdit.apply(trained, undo, -1);
        TrainingResult repaired = ParamEdit.repair(result, repair, retain, ctx);
        return new AmnesiacResult(result, undo.size(), recorder.batches().size(), recorder.storageBytes(), repaired);
    }
}
