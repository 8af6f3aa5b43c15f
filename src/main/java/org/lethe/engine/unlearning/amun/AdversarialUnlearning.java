package org.lethe.engine.unlearning.amun;

import java.util.ArrayList;
import java.util.List;
import org.lethe.engine.attack.AdversarialSet;
import org.lethe.engine.attack.FgmL2;
import org.lethe.engine.attack.PgdL2;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.Network;
import org.lethe.engine.model.optim.LrSchedule;
import org.lethe.engine.unlearning.loop.EpochPlan;
import org.lethe.engine.unlearning.loop.IterativeUnlearning;
import org.lethe.engine.unlearning.loop.LoopSettings;
import org.lethe.engine.unlearning.loop.LoopState;
import org.lethe.engine.unlearning.loop.Role;
import org.lethe.engine.unlearning.loop.SampleBudget;
import org.lethe.engine.unlearning.loop.SampleSet;
import org.lethe.engine.unlearning.loop.Subsets;

/**
 * What AMUN and AMUN+SalUn share. Before training, an ℓ2 attack on the original model ({@link FgmL2}
 * or {@link PgdL2}) turns each forget sample into a nearby point the original misclassifies, labelled
 * with that wrong prediction (the set D_A). On a random forget set only the points of the samples
 * that flip at the smaller radii ({@code radiusQuantile}) are trained on: a sample that needs a large
 * radius lies far from the decision boundary, and a retrained model classifies it right and
 * confidently anyway (ADR 0008, session-6 update). Each epoch then shuffles together D_A, the forget
 * set with its true labels when kept, and a fresh share of the retain set when it is available, and
 * takes plain cross-entropy SGD steps with a learning rate that decays stepwise. Subclasses only map
 * their parameters and may add an update mask.
 *
 * @param <P> the parameter record
 */
public abstract class AdversarialUnlearning<P extends Record> extends IterativeUnlearning<P> {

    /** Samples the attack moves together (one network call per step for all of them). */
    static final int ATTACK_BATCH = 128;

    private static final LoopState.Key<SampleSet> ADVERSARIAL = new LoopState.Key<>("adversarial set");
    private static final LoopState.Key<IndexView> FORGET_PART = new LoopState.Key<>("forget samples used");
    private static final LoopState.Key<Boolean> KEEP_FORGET = new LoopState.Key<>("forget set kept");
    private static final LoopState.Key<Integer> RETAIN_PER_EPOCH = new LoopState.Key<>("retain samples per epoch");

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
        long start = System.nanoTime();
        boolean keep = p.forgetLabels().resolve(state.splits().forget(),
                state.original().spec().numClasses()) == ForgetLabels.KEEP;
        state.put(KEEP_FORGET, keep);
        boolean retainAvailable = state.splits().retainAvailable();
        FineTuneBudget budget = new FineTuneBudget(SampleBudget.of(state.original(), state.splits(), p.budget()),
                p.retainFraction(), p.epochs());
        IndexView forget = state.splits().forget();
        int attacked = budget.attackedSamples(forget.size(), keep, retainAvailable,
                FineTuneBudget.attackEstimate(p.attack(), p.pgdSteps(), p.maxLevels()));
        forget = Subsets.take(forget, attacked, state.random());
        state.put(FORGET_PART, forget);
        AdversarialSet set = attack(state.original().network(), forget, p, ctx.slice(0, 0.8));
        boolean wholeClasses = ForgetLabels.coversWholeClasses(state.splits().forget(),
                state.original().spec().numClasses());
        int[] used = nearPoints(set, wholeClasses ? 1 : p.radiusQuantile());
        float[] features = new float[used.length * set.dimension()];
        int[] labels = new int[used.length];
        int[] all = set.labels();
        for (int k = 0; k < used.length; k++) {
            set.copyFeatures(used[k], features, k * set.dimension());
            labels[k] = all[used[k]];
        }
        state.put(ADVERSARIAL, SampleSet.ofArrays(features, labels, set.dimension()));
        int retain = 0;
        if (retainAvailable) {
            double spent = set.cost(FineTuneBudget.FORWARD_COST / FineTuneBudget.ATTACK_STEP_COST);
            retain = budget.retainPerEpoch(state.splits().retain().size(), used.length + (keep ? forget.size() : 0),
                    spent);
        }
        state.put(RETAIN_PER_EPOCH, retain);
        state.figure("attackedSamples", forget.size());
        state.figure("adversarialSamples", set.size());
        state.figure("fineTunedAdversarial", used.length);
        state.figure("meanEps", set.meanEps());
        state.figure("meanL2", set.meanDistance());
        state.figure("neverFlipped", set.unflipped().length);
        state.figure("attackSteps", set.totalSteps());
        state.figure("attackForwardRows", set.forwardRows());
        state.figure("attackSeconds", (System.nanoTime() - start) / 1e9);
        state.figure("forgetSetKept", keep ? 1 : 0);
        state.figure("retainPerEpoch", retain);
        prepareMore(state, params, ctx.slice(0.8, 1));
    }

    /**
     * The rows of {@code set} fine-tuned on: the points of the samples whose flip level is at most the
     * {@code quantile} of all levels in the set (ties included), in their order; all rows for 1.
     */
    static int[] nearPoints(AdversarialSet set, double quantile) {
        int[] levels = set.levels();
        if (levels.length == 0 || quantile >= 1) {
            return java.util.stream.IntStream.range(0, levels.length).toArray();
        }
        int[] sorted = levels.clone();
        java.util.Arrays.sort(sorted);
        int cap = sorted[(int) Math.floor(quantile * (sorted.length - 1))];
        return java.util.stream.IntStream.range(0, levels.length).filter(i -> levels[i] <= cap).toArray();
    }

    private static AdversarialSet attack(Network original, IndexView forget, AmunParams p, JobContext ctx) {
        if (p.attack() == AttackKind.FGM) {
            FgmL2.Settings fgm = new FgmL2.Settings(p.eps0(), p.maxLevels(), ATTACK_BATCH, p.refineSteps());
            return new FgmL2(original, fgm).attack(forget, ctx);
        }
        PgdL2.Settings pgd = new PgdL2.Settings(p.eps0(), p.pgdSteps(), p.maxLevels(), ATTACK_BATCH);
        return new PgdL2(original, pgd).attack(forget, ctx);
    }

    @Override
    protected final EpochPlan plan(LoopState state, P params) {
        AmunParams p = amun(params);
        List<EpochPlan.Part> parts = new ArrayList<>();
        int retain = state.get(RETAIN_PER_EPOCH);
        if (retain > 0) {
            IndexView all = state.splits().retain();
            parts.add(new EpochPlan.Part(SampleSet.of(Subsets.sample(all, retain / (double) all.size(),
                    state.random())), Role.RETAIN));
        }
        if (state.get(KEEP_FORGET)) {
            parts.add(new EpochPlan.Part(SampleSet.of(state.get(FORGET_PART)), Role.FORGET));
        }
        parts.add(new EpochPlan.Part(state.get(ADVERSARIAL), Role.GENERATED));
        return EpochPlan.mixed(parts, p.batchSize(), state.random());
    }
}
