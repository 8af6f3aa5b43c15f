package org.lethe.engine.unlearning.ft;

import java.util.List;
import org.lethe.engine.unlearning.loop.EpochPlan;
import org.lethe.engine.unlearning.loop.IterativeUnlearning;
import org.lethe.engine.unlearning.loop.LoopSettings;
import org.lethe.engine.unlearning.loop.LoopState;
import org.lethe.engine.unlearning.loop.Role;
import org.lethe.engine.unlearning.loop.SampleSet;
import org.lethe.engine.unlearning.loop.Subsets;

/**
 * Fine-tuning (FT): minimise cross-entropy on the retain set, starting from the original. Forgetting
 * comes only from catastrophic forgetting of what the retain set does not reinforce.
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
    protected EpochPlan plan(LoopState state, FineTuneParams p) {
        SampleSet retain = SampleSet.of(Subsets.sample(state.splits().retain(), p.retainFraction(), state.random()));
        return EpochPlan.passes(List.of(new EpochPlan.Part(retain, Role.RETAIN)), p.batchSize(), state.random());
    }
}
