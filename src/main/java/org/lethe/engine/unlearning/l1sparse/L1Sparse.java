package org.lethe.engine.unlearning.l1sparse;

import java.util.List;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.unlearning.ft.FineTune;
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
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * l1-sparse: fine-tune on the retain set while minimising CE + α_t·‖θ‖₁ over all parameters (biases
 * included, as in the reference code). The penalty's (sub)gradient α_t·sign(θ) is added to each
 * step's cross-entropy gradient; α_t follows {@link L1Decay}. Sparser weights make the model less
 * able to keep what only the forget set supported. Under a sample budget ({@link SampleBudget})
 * each epoch's share of the retain set shrinks to fit.
 */
public final class L1Sparse extends IterativeUnlearning<L1SparseParams> {

    /** Registry id. */
    public static final String ID = "l1-sparse";

    @Override
    protected String id() {
        return ID;
    }

    @Override
    protected LoopSettings settings(L1SparseParams p) {
        return LoopSettings.sgd(p.epochs(), p.batchSize(), p.lr(), p.momentum(), p.weightDecay(), p.seed());
    }

    @Override
    protected void prepare(LoopState state, L1SparseParams p, JobContext ctx) {
        SampleBudget.of(state.original(), state.splits(), p.budget()).apply(state,
                p.epochs() * (double) FineTune.retainPerEpoch(state.splits().retain(), p.retainFraction()));
    }

    @Override
    protected EpochPlan plan(LoopState state, L1SparseParams p) {
        state.figure("lastEpochAlpha", p.decay().coefficient(p.alpha(), state.epoch(), p.epochs()));
        IndexView all = state.splits().retain();
        SampleSet retain = SampleSet.of(Subsets.take(all,
                SampleBudget.scaled(FineTune.retainPerEpoch(all, p.retainFraction()), state.sampleScale()),
                state.random()));
        return EpochPlan.passes(List.of(new EpochPlan.Part(retain, Role.RETAIN)), p.batchSize(), state.random());
    }

    @Override
    protected INDArray gradient(LoopState state, Batch batch, L1SparseParams p) {
        INDArray g = super.gradient(state, batch, p);
        double alpha = p.decay().coefficient(p.alpha(), state.epoch(), p.epochs());
        if (alpha == 0) {
            return g;
        }
        INDArray sign = Transforms.sign(state.network().params(), false).castTo(g.dataType());
        return g.addi(sign.muli(alpha));
    }
}
