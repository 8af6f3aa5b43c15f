package org.lethe.engine.unlearning.bs;

import java.util.ArrayList;
import java.util.List;
import org.lethe.engine.attack.Fgsm;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.Features;
import org.lethe.engine.model.Network;
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
 * Boundary Shrink (BS): each forget sample x with label y is pushed across the nearest decision
 * boundary. An FGSM step of ℓ∞ size {@code bound} against a frozen copy of the original finds
 * x_adv; the original's prediction there, y_nb = argmax f_orig(x_adv), is the "nearest but
 * incorrect" class (it stays y where the attack fails). The working model is then trained on
 * (x, y_nb) with plain cross-entropy. With the retain set available (and {@code retainPass} on), each
 * epoch first runs a descent pass over retain samples (a fixed number per forget sample, drawn anew),
 * as the AMUN code does. Under a sample budget ({@link SampleBudget}) the attack and every forget
 * pass use one random share of the forget set, drawn once, and the retain passes shrink alike.
 *
 * <p>Because the attacked model is the frozen original and FGSM has no random start, y_nb does not
 * change between epochs, so it is computed once before the first epoch. (The AMUN code re-copies the
 * current network as the attacked model at the start of every epoch, after its retain pass; the
 * original BS code, followed here, attacks the original throughout.)
 */
public final class BoundaryShrink extends IterativeUnlearning<BoundaryShrinkParams> {

    /** Registry id. */
    public static final String ID = "bs";

    private static final LoopState.Key<int[]> NEIGHBOUR_LABELS = new LoopState.Key<>("boundary-shrink labels");

    private static final LoopState.Key<IndexView> ATTACKED = new LoopState.Key<>("boundary-shrink forget samples");

    /**
     * Cost of finding one sample's neighbour label, in sample-gradient evaluations: the FGSM input
     * gradient (a forward and a backward pass) plus a forward pass on the perturbed image.
     */
    static final double ATTACK_COST = 1.5;

    @Override
    protected String id() {
        return ID;
    }

    @Override
    protected LoopSettings settings(BoundaryShrinkParams p) {
        return LoopSettings.sgd(p.epochs(), p.batchSize(), p.lr(), p.momentum(), p.weightDecay(), p.seed());
    }

    @Override
    protected void prepare(LoopState state, BoundaryShrinkParams p, JobContext ctx) {
        IndexView all = state.splits().forget();
        double nominal = ATTACK_COST * all.size() + p.epochs() * (all.size() + (double) retainPerEpoch(state, p));
        double scale = SampleBudget.of(state.original(), state.splits(), p.budget()).apply(state, nominal);
        IndexView forget = Subsets.take(all, SampleBudget.scaled(all.size(), scale), state.random());
        int[] labels = neighbourLabels(state.original().network().copy(), forget, p.bound(), p.batchSize(), ctx);
        state.put(ATTACKED, forget);
        state.put(NEIGHBOUR_LABELS, labels);
        int flipped = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != forget.label(i)) {
                flipped++;
            }
        }
        state.figure("flippedSamples", flipped);
        state.figure("flippedFraction", forget.isEmpty() ? 0 : (double) flipped / forget.size());
        state.figure("attackedSamples", forget.size());
    }

    /** Retain samples of one epoch's descent pass at full size (none without the pass or the data). */
    private static int retainPerEpoch(LoopState state, BoundaryShrinkParams p) {
        if (!p.retainPass() || !state.splits().retainAvailable() || state.splits().retain().isEmpty()) {
            return 0;
        }
        return (int) Math.min(state.splits().retain().size(),
                Math.round(p.retainPerForget() * state.splits().forget().size()));
    }

    @Override
    protected EpochPlan plan(LoopState state, BoundaryShrinkParams p) {
        List<EpochPlan.Part> parts = new ArrayList<>();
        int retain = SampleBudget.scaled(retainPerEpoch(state, p), state.sampleScale());
        if (retain > 0) {
            parts.add(new EpochPlan.Part(SampleSet.of(Subsets.take(state.splits().retain(), retain, state.random())),
                    Role.RETAIN));
        }
        parts.add(new EpochPlan.Part(SampleSet.relabelled(state.get(ATTACKED), state.get(NEIGHBOUR_LABELS)),
                Role.FORGET));
        return EpochPlan.passes(parts, p.batchSize(), state.random());
    }

    /**
     * The "nearest but incorrect" label of every sample of {@code view}: the class {@code original}
     * predicts for the sample's FGSM perturbation of size {@code bound} (ℓ∞, on the 1/255 grid).
     *
     * @param original the attacked model, only read; pass a copy if others use it concurrently
     * @return one label per sample of {@code view}, in view order
     */
    public static int[] neighbourLabels(Network original, IndexView view, double bound, int batchSize,
            JobContext ctx) {
        int[] indices = view.toArray();
        int[] labels = new int[indices.length];
        for (int from = 0; from < indices.length; from += batchSize) {
            ctx.checkCancelled();
            int to = Math.min(indices.length, from + batchSize);
            INDArray x = Features.of(view.split(), indices, from, to, null);
            int[] y = Features.labels(view.split(), indices, from, to);
            INDArray adversarial = Fgsm.perturb(original, x, y, bound);
            int[] predicted = argmax(original.logits(adversarial));
            System.arraycopy(predicted, 0, labels, from, predicted.length);
            ctx.progress((double) to / indices.length, "boundary shrink: attacking the forget set");
        }
        return labels;
    }

    private static int[] argmax(INDArray scores) {
        int b = (int) scores.size(0);
        int k = (int) scores.size(1);
        double[] s = scores.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).reshape('c', new long[] {scores.length()})
                .toDoubleVector();
        int[] best = new int[b];
        for (int r = 0; r < b; r++) {
            int arg = 0;
            for (int c = 1; c < k; c++) {
                if (s[r * k + c] > s[r * k + arg]) {
                    arg = c;
                }
            }
            best[r] = arg;
        }
        return best;
    }
}
