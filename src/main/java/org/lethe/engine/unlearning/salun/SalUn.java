package org.lethe.engine.unlearning.salun;

import org.lethe.engine.data.IndexView;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.unlearning.loop.Batch;
import org.lethe.engine.unlearning.loop.EpochPlan;
import org.lethe.engine.unlearning.loop.IterativeUnlearning;
import org.lethe.engine.unlearning.loop.LoopSettings;
import org.lethe.engine.unlearning.loop.LoopState;
import org.lethe.engine.unlearning.loop.SaliencyMask;
import org.lethe.engine.unlearning.loop.SampleBudget;
import org.lethe.engine.unlearning.loop.Subsets;
import org.lethe.engine.unlearning.rl.RandomRelabelling;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * SalUn: before the first epoch, rank all parameters by the magnitude of the forget-set loss
 * gradient at the original weights ({@link SaliencyMask}) and keep the top {@code maskRatio} share
 * trainable; then run random-label unlearning ({@link RandomRelabelling}) on those only. Under a
 * sample budget ({@link SampleBudget}) the saliency is summed over a random share of the forget set.
 *
 * <p>By default the frozen weights are truly frozen, through the loop's update mask: they get no
 * update, no momentum and no weight decay and stay bit-identical to the original, which is what the
 * paper's θ_u = m⊙(θ_o + Δθ) + (1 − m)⊙θ_o describes and what the reference code's 2026 fix
 * restores. With {@code legacyGradientMask} the published code's behaviour is reproduced instead:
 * only the gradient is multiplied by the mask, so weight decay (and the momentum it feeds) still
 * moves the "frozen" weights.
 */
public final class SalUn extends IterativeUnlearning<SalUnParams> {

    /** Registry id. */
    public static final String ID = "salun";

    private static final LoopState.Key<INDArray> GRADIENT_MASK = new LoopState.Key<>("SalUn gradient mask");

    @Override
    protected String id() {
        return ID;
    }

    @Override
    protected LoopSettings settings(SalUnParams p) {
        return LoopSettings.sgd(p.epochs(), p.batchSize(), p.lr(), p.momentum(), p.weightDecay(), p.seed());
    }

    @Override
    protected void prepare(LoopState state, SalUnParams p, JobContext ctx) {
        IndexView forget = state.splits().forget();
        double scale = SampleBudget.of(state.original(), state.splits(), p.budget()).apply(state,
                forget.size() + p.epochs() * RandomRelabelling.nominalEpochSamples(state.splits(), p.retainPerForget()));
        IndexView salient = Subsets.take(forget, SampleBudget.scaled(forget.size(), scale), state.random());
        INDArray mask = SaliencyMask.compute(state.original().network(), salient, p.maskRatio(), p.batchSize(), ctx);
        double trainable = mask.sumNumber().doubleValue();
        state.figure("trainableParams", trainable);
        state.figure("maskedFraction", 1 - trainable / mask.length());
        if (p.legacyGradientMask()) {
            state.put(GRADIENT_MASK, mask);
        } else {
            state.setMask(mask);
        }
    }

    @Override
    protected EpochPlan plan(LoopState state, SalUnParams p) {
        return RandomRelabelling.plan(state, p.retainPerForget(), p.batchSize());
    }

    @Override
    protected INDArray gradient(LoopState state, Batch batch, SalUnParams p) {
        INDArray g = super.gradient(state, batch, p);
        return p.legacyGradientMask() ? g.muli(state.get(GRADIENT_MASK).castTo(g.dataType())) : g;
    }
}
