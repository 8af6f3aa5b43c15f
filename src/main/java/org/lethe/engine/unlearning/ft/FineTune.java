package org.lethe.engine.unlearning.ft;

import java.util.List;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.unlearning.loop.EpochPlan;
import org.lethe.engine.unlearning.loop.IterativeUnlearning;
import org.lethe.engine.unlearning.loop.LoopSettings;
import org.lethe.engine.unlearning.loop.LoopState;
import org.lethe.engine.unlearning.loop.Role;
import org.lethe.engine.unlearning.loop.SampleBudget;
import org.lethe.engine.unlearning.loop.SampleSet;
import org.lethe.engine.unlearning.loop.Subsets;

/**
 * Fine-tuning (FT): minimise cross-entropy on the retain set, starting from the original. Forgetting
 * comes only from catastrophic forgetting of what the retain set does not reinforce. Under a sample
 * budget ({@link SampleBudget}) each epoch's share of the retain set shrinks to fit.
 */
public final class FineTune extends IterativeUnlearning<FineTuneParams> {

    /** Registry id. */
    public static final String ID = "ft";

    @Override
    protected String id() {
        return ID;
    }

    @Override
    protected LoopSettings settings(FineTuneParams p) {
        return LoopSettings.sgd(p.epochs(), p.batchSize(), p.lr(), p.momentum(), p.weightDecay(), p.seed());
    }

    @Override
    protected void prepare(LoopState state, FineTuneParams p, JobContext ctx) {
        SampleBudget.of(state.original(), state.splits(), p.budget())
                .apply(state, p.epochs() * (double) retainPerEpoch(state.splits().retain(), p.retainFraction()));
    }

    @Override
    protected EpochPlan plan(LoopState state, FineTuneParams p) {
        IndexView all = state.splits().retain();
        SampleSet retain = SampleSet.of(Subsets.take(all,
                SampleBudget.scaled(retainPerEpoch(all, p.retainFraction()), state.sampleScale()), state.random()));
        return EpochPlan.passes(List.of(new EpochPlan.Part(retain, Role.RETAIN)), p.batchSize(), state.random());
    }

    /**
     * Retain samples of one epoch at full size: {@code fraction} of the retain set, at least one
     * (shared with l1-sparse).
     */
    public static int retainPerEpoch(IndexView retain, double fraction) {
        if (retain.isEmpty()) {
            return 0;
        }
        return fraction >= 1 ? retain.size() : Math.max(1, (int) Math.round(fraction * retain.size()));
    }
}
