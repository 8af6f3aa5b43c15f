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
 * as in the AMUN code, or after the ascent with {@code repairLast}) limits the damage to everything
 * else. Under a sample budget
 * ({@link SampleBudget}) every epoch draws a random share of both passes.
 *
 * <p>Ascent has no natural end: once a forget sample is misclassified, further ascent only raises
 * its loss, by moving weights the other classes share (on the CIFAR CNN, lr 2e-3 for five epochs
 * drove the other classes' test accuracy from 50% to 19%). So a forget batch whose predictions,
 * taken before its step, are right less often than {@code chanceFloor} times chance (one over the
 * number of classes) gets no ascent step (a zero gradient; SGD momentum still carries the step
 * before it); the next epoch looks again and resumes the ascent on batches the model fits again
 * after the retain pass. The floor is off by default (0). The rule looks only at the
 * forget samples the step was given anyway, so it is deterministic and sees no test data. A forget
 * set the retrained model still fits (a random share) rarely triggers it.
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

    /** Figure: forget batches that got no ascent step because they were already below the floor. */
    public static final String SKIPPED = "skippedAscentBatches";

    private static final LoopState.Key<int[]> SKIP_COUNT = new LoopState.Key<>("skipped ascent batches");

    @Override
    protected void prepare(LoopState state, GradientAscentParams p, JobContext ctx) {
        SampleBudget.of(state.original(), state.splits(), p.budget())
                .apply(state, p.epochs() * (state.splits().forget().size() + (double) retainPerEpoch(state, p)));
        state.put(SKIP_COUNT, new int[1]);
        state.figure(SKIPPED, 0);
    }

    @Override
    protected EpochPlan plan(LoopState state, GradientAscentParams p) {
        double scale = state.sampleScale();
        List<EpochPlan.Part> parts = new ArrayList<>();
        int retain = SampleBudget.scaled(retainPerEpoch(state, p), scale);
        EpochPlan.Part retainPart = retain <= 0 ? null : new EpochPlan.Part(
                SampleSet.of(Subsets.take(state.splits().retain(), retain, state.random())), Role.RETAIN);
        IndexView forget = state.splits().forget();
        EpochPlan.Part forgetPart = new EpochPlan.Part(SampleSet.of(Subsets.take(forget,
                SampleBudget.scaled(forget.size(), scale), state.random())), Role.FORGET);
        if (retainPart != null && !p.repairLast()) {
            parts.add(retainPart);
        }
        parts.add(forgetPart);
        if (retainPart != null && p.repairLast()) {
            parts.add(retainPart);
        }
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
        if (batch.role() != Role.FORGET) {
            return super.gradient(state, batch, p);
        }
        if (p.chanceFloor() > 0 && belowFloor(state, batch, p.chanceFloor())) {
            state.figure(SKIPPED, ++state.get(SKIP_COUNT)[0]);
            return state.network().params().muli(0);
        }
        INDArray g = super.gradient(state, batch, p);
        double norm = g.norm2Number().doubleValue();
        if (p.clipNorm() > 0 && norm > p.clipNorm()) {
            g.muli(p.clipNorm() / norm);
        }
        return g.negi();
    }

    /** Whether the batch's samples are predicted right less often than {@code floor} times chance. */
    private static boolean belowFloor(LoopState state, Batch batch, double floor) {
        INDArray predicted = state.network().logits(batch.features()).argMax(1);
        int right = 0;
        for (int i = 0; i < batch.size(); i++) {
            right += predicted.getInt(i) == batch.labels()[i] ? 1 : 0;
        }
        return right < floor * batch.size() / state.network().spec().numClasses();
    }
}
