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
 * Per-sample amnesiac unlearning: {@code θ' = θ_M + Σ_{i∈F} c_i} with the contributions kept by a
 * {@link PerSampleRecorder}, then optionally a {@link Repair} fine-tune on the retain set. The trained
 * network is never changed. A forget sample that was a candidate but never trained on (not in the
 * training view) has no contribution and is skipped; it is not counted in
 * {@link AmnesiacResult#updatesUndone()}.
 */
public final class PerSampleUnlearning {

    private final Network trained;
    private final PerSampleRecorder recorder;

    /**
     * @param trained the network at the end of the recorded training run
     * @param recorder the recorder installed during that run
     */
    public PerSampleUnlearning(Network trained, PerSampleRecorder recorder) {
        this.trained = Objects.requireNonNull(trained, "trained");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
    }

    /** Adds back the forget samples' contributions, without repair. */
    public AmnesiacResult unlearn(int[] forgetSplitIndices) {
        return unlearn(forgetSplitIndices, Repair.off(), null, JobContext.detached());
    }

    /**
     * Adds back the forget samples' contributions, then runs {@code repair} on {@code retain}.
     *
     * @throws AmnesiacException if a forget index was not a candidate of the recorder
     */
    public AmnesiacResult unlearn(int[] forgetSplitIndices, Repair repair, IndexView retain, JobContext ctx) {
        BitSet forget = ParamEdit.forgetSet(forgetSplitIndices, recorder::isCandidate, "candidates");
        List<FlatDelta> add = new ArrayList<>();
        for (int i = forget.nextSetBit(0); i >= 0; i = forget.nextSetBit(i + 1)) {
            FlatDelta c = recorder.contributions().get(i);
            if (c != null) {
                add.add(c);
            }
        }
        ctx.checkCancelled();
        Network result = ParamEdit.apply(trained, add, +1);
        TrainingResult repaired = ParamEdit.repair(result, repair, retain, ctx);
        return new AmnesiacResult(result, add.size(), recorder.recordedSamples(), recorder.storageBytes(), repaired);
    }
}
