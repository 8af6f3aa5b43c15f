package org.lethe.engine.unlearning.ga;

import java.util.ArrayList;
import java.util.List;
import org.lethe.engine.unlearning.loop.Batch;
import org.lethe.engine.unlearning.loop.EpochPlan;
import org.lethe.engine.unlearning.loop.IterativeUnlearning;
import org.lethe.engine.unlearning.loop.LoopSettings;
import org.lethe.engine.unlearning.loop.LoopState;
import org.lethe.engine.unlearning.loop.Role;
import org.lethe.engine.unlearning.loop.SampleSet;
import org.lethe.engine.unlearning.loop.Subsets;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Gradient ascent (GA): steps that increase the cross-entropy of the forget set, so the model
 * stops fitting it; with the retain set available, a descent pass over it each epoch (run first,
 * as in the AMUN code) limits the damage to everything else.
 */
public final class GradientAscent extends IterativeUnlearning<GradientAscentParams> {

    /** Registry id. */
    public static final String ID = "ga";

    @Override
    protected String id() {
        return ID;
    }

    @Override
    protected LoopSettings settings(GradientAscentParams p) {
        return LoopSettings.sgd(p.epochs(), p.batchSize(), p.lr(), p.momentum(), p.weightDecay(), p.seed());
    }

    @Override
    protected EpochPlan plan(LoopState state, GradientAscentParams p) {
        List<EpochPlan.Part> parts = new ArrayList<>();
        if (p.retainPass() && state.splits().retainAvailable()) {
            parts.add(new EpochPlan.Part(SampleSet.of(Subsets.sample(state.splits().retain(), p.retainFraction(),
                    state.random())), Role.RETAIN));
        }
        parts.add(new EpochPlan.Part(SampleSet.of(state.splits().forget()), Role.FORGET));
        return EpochPlan.passes(parts, p.batchSize(), state.random());
    }

    @Override
    protected INDArray gradient(LoopState state, Batch batch, GradientAscentParams p) {
        INDArray g = super.gradient(state, batch, p);
        if (batch.role() != Role.FORGET) {
            return g;
        }
        double norm = g.norm2Number().doubleValue();
        if (p.clipNorm() > 0 && norm > p.clipNorm()) {
            g.muli(p.clipNorm() / norm);
        }
        return g.negi();
    }
}
