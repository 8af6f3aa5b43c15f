package org.lethe.engine.unlearning.rl;

import org.lethe.engine.unlearning.loop.EpochPlan;
import org.lethe.engine.unlearning.loop.IterativeUnlearning;
import org.lethe.engine.unlearning.loop.LoopSettings;
import org.lethe.engine.unlearning.loop.LoopState;

/**
 * Random labels (RL): minimise the cross-entropy of the forget set towards wrong labels drawn anew
 * each epoch ({@link RandomRelabelling}), shuffled together with a share of the retain set at its
 * true labels; without the retain set, the relabelled forget set alone.
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
    protected EpochPlan plan(LoopState state, RandomLabelParams p) {
        return RandomRelabelling.plan(state, p.retainFraction(), p.batchSize());
    }
}
