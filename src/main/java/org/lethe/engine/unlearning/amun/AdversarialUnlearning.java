package org.lethe.engine.unlearning.amun;

import java.util.ArrayList;
import java.util.List;
import org.lethe.engine.attack.AdversarialSet;
import org.lethe.engine.attack.PgdL2;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.optim.LrSchedule;
import org.lethe.engine.unlearning.loop.EpochPlan;
import org.lethe.engine.unlearning.loop.IterativeUnlearning;
import org.lethe.engine.unlearning.loop.LoopSettings;
import org.lethe.engine.unlearning.loop.LoopState;
import org.lethe.engine.unlearning.loop.Role;
import org.lethe.engine.unlearning.loop.SampleSet;
import org.lethe.engine.unlearning.loop.Subsets;

/**
 * What AMUN and AMUN+SalUn share. Before training, an ℓ2 attack on the original model ({@link PgdL2})
 * turns each forget sample into a nearby point the original misclassifies, labelled with that wrong
 * prediction (the set D_A). Each epoch then shuffles together the forget set with its true labels,
 * D_A, and a fresh share of the retain set when it is available, and takes plain cross-entropy SGD
 * steps with a learning rate that decays stepwise. Subclasses only map their parameters and may add
 * an update mask.
 *
 * @param <P> the parameter record
 */
public abstract class AdversarialUnlearning<P extends Record> extends IterativeUnlearning<P> {

    private static final LoopState.Key<SampleSet> ADVERSARIAL = new LoopState.Key<>("adversarial set");

    /** The AMUN parameters within {@code params}. */
    protected abstract AmunParams amun(P params);

    /** Work after the adversarial set is built (e.g. a weight mask); nothing by default. */
    protected void prepareMore(LoopState state, P params, JobContext ctx) {
    }

    @Override
    protected final LoopSettings settings(P params) {
        AmunParams p = amun(params);
        return LoopSettings.sgd(p.epochs(), p.batchSize(), p.lr(), p.momentum(), p.weightDecay(), p.seed())
                .withSchedule(new LrSchedule.Step(p.lr(), p.lrStepSize(), p.lrGamma()));
    }

    @Override
    protected final void prepare(LoopState state, P params, JobContext ctx) {
        AmunParams p = amun(params);
        PgdL2.Settings attack = new PgdL2.Settings(p.eps0(), p.pgdSteps(), p.maxLevels(),
                PgdL2.Settings.amun().batchSize());
        AdversarialSet set = new PgdL2(state.original().network(), attack).attack(state.splits().forget(),
                ctx.slice(0, 0.8));
        state.put(ADVERSARIAL, SampleSet.ofArrays(set.features(), set.labels(), set.dimension()));
        state.figure("adversarialSamples", set.size());
        state.figure("meanEps", set.meanEps());
        state.figure("meanL2", set.meanDistance());
        state.figure("neverFlipped", set.unflipped().length);
        state.figure("attackSteps", set.totalSteps());
        prepareMore(state, params, ctx.slice(0.8, 1));
    }

    @Override
    protected final EpochPlan plan(LoopState state, P params) {
        AmunParams p = amun(params);
        List<EpochPlan.Part> parts = new ArrayList<>();
        if (state.splits().retainAvailable()) {
            parts.add(new EpochPlan.Part(SampleSet.of(Subsets.sample(state.splits().retain(), p.retainFraction(),
                    state.random())), Role.RETAIN));
        }
        parts.add(new EpochPlan.Part(SampleSet.of(state.splits().forget()), Role.FORGET));
        parts.add(new EpochPlan.Part(state.get(ADVERSARIAL), Role.GENERATED));
        return EpochPlan.mixed(parts, p.batchSize(), state.random());
    }
}
