package org.lethe.engine.unlearning.ga;

import java.util.ArrayList;
import java.util.List;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.unlearning.loop.Batch;
import org.lethe.engine.unlearning.loop.EpochPlan;
import org.lethe.engine.unlearning.loop.IterativeUnlearning;
import org.lethe.engine.unlearning.loop.LoopSettings;
import org.lethe.engine.unlearning.loop.LoopState;
import org.lethe.engine.unlearning.loop.Role;
import org.lethe.engine.unlearning.loop.SampleBudget;
import org.lethe.engine.unlearning.loop.SampleSet;
import org.lethe.engine.unlearning.loop.Subsets;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Gradient ascent (GA): steps that increase the cross-entropy of the forget set, so the model
 * stops fitting it; with the retain set available, a descent pass over it each epoch (run first,
 * as in the AMUN code) limits the damage to everything else. Under a sample budget
 * ({@link SampleBudget}) every epoch draws a random share of both passes.
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
    protected void prepare(LoopState state, GradientAscentParams p, JobContext ctx) {
        SampleBudget.of(state.original(), state.splits(), p.budget())
                .apply(state, p.epochs() * (state.splits().forget().size() + (double) retainPerEpoch(state, p)));
    }

    @Override
    protected EpochPlan plan(LoopState state, GradientAscentParams p) {
        double scale = state.sampleScale();
        List<EpochPlan.Part> parts = new ArrayList<>();
        int retain = SampleBudget.scaled(retainPerEpoch(state, p), scale);
        if (retain > 0) {
            parts.add(new EpochPlan.Part(SampleSet.of(Subsets.take(state.splits().retain(), retain, state.random())),
                    Role.RETAIN));
        }
        IndexView forget = state.splits().forget();
        parts.add(new EpochPlan.Part(SampleSet.of(Subsets.take(forget, SampleBudget.scaled(forget.size(), scale),
                state.random())), Role.FORGET));
        return EpochPlan.passes(parts, p.batchSize(), state.random());
    }

    /** Retain samples of one epoch's descent pass at full size (none without the pass or the data). */
    private static int retainPerEpoch(LoopState state, GradientAscentParams p) {
        IndexView retain = state.splits().retain();
        if (!p.retainPass() || !state.splits().retainAvailable() || retain.isEmpty()) {
            return 0;
        }
        return p.retainFraction() >= 1 ? retain.size()
                : Math.max(1, (int) Math.round(p.retainFraction() * retain.size()));
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
