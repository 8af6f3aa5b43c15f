package org.lethe.engine.unlearning.rl;

import org.lethe.engine.job.JobContext;
import org.lethe.engine.unlearning.loop.EpochPlan;
import org.lethe.engine.unlearning.loop.IterativeUnlearning;
import org.lethe.engine.unlearning.loop.LoopSettings;
import org.lethe.engine.unlearning.loop.LoopState;
import org.lethe.engine.unlearning.loop.SampleBudget;

/**
 * Random labels (RL): minimise the cross-entropy of the forget set towards wrong labels drawn anew
 * each epoch ({@link RandomRelabelling}), shuffled together with retain samples at their true labels
 * (a fixed number per forget sample); without the retain set, the relabelled forget set alone. The
 * run keeps to its sample budget ({@link SampleBudget}) by drawing a random share of both each epoch.
 */
public final class RandomLabel extends IterativeUnlearning<RandomLabelParams> {

    /** Registry id. */
    public static final String ID = "rl";

    @Override
    protected String id() {
        return ID;
    }

    @Override
    protected LoopSettings settings(RandomLabelParams p) {
        return LoopSettings.sgd(p.epochs(), p.batchSize(), p.lr(), p.momentum(), p.weightDecay(), p.seed());
    }

    @Override
    protected void prepare(LoopState state, RandomLabelParams p, JobContext ctx) {
        SampleBudget.of(state.original(), state.splits(), p.budget())
                .apply(state, p.epochs() * RandomRelabelling.nominalEpochSamples(state.splits(), p.retainPerForget()));
    }

    @Override
    protected EpochPlan plan(LoopState state, RandomLabelParams p) {
        return RandomRelabelling.plan(state, p.retainPerForget(), p.batchSize());
    }
}
