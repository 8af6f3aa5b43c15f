package org.lethe.engine.unlearning.rl;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.unlearning.DataSplits;
import org.lethe.engine.unlearning.loop.EpochPlan;
import org.lethe.engine.unlearning.loop.LoopState;
import org.lethe.engine.unlearning.loop.Role;
import org.lethe.engine.unlearning.loop.SampleBudget;
import org.lethe.engine.unlearning.loop.SampleSet;
import org.lethe.engine.unlearning.loop.Subsets;

/**
 * The random-label epoch shared by RL and SalUn, in the AMUN code's form: every forget sample gets a
 * label drawn uniformly from the classes other than its true one, drawn anew each epoch from the
 * loop's seeded random source, and the relabelled forget set is shuffled together with fresh
 * random retain samples (a fixed number per forget sample) into one pass.
 *
 * <p>The SalUn code differs in two details: it draws labels from all classes (so a sample keeps its
 * true label with probability 1/C) and runs the forget pass and the retain pass one after the other
 * with separate optimizer steps. Lethe keeps the single AMUN behaviour for both methods.
 */
public final class RandomRelabelling {

    private RandomRelabelling() {
    }

    /**
     * One wrong label per sample of {@code view}, uniform over the other {@code numClasses − 1}
     * classes.
     *
     * @throws IllegalArgumentException if there are fewer than two classes or a label is out of range
     */
    public static int[] wrongLabels(IndexView view, int numClasses, SplittableRandom random) {
        if (numClasses < 2) {
            throw new IllegalArgumentException("random labels need at least 2 classes, got " + numClasses);
        }
        int[] labels = new int[view.size()];
        for (int i = 0; i < labels.length; i++) {
            int truth = view.label(i);
            if (truth < 0 || truth >= numClasses) {
                throw new IllegalArgumentException("label " + truth + " of sample " + view.index(i)
                        + " is outside [0, " + numClasses + ")");
            }
            int draw = random.nextInt(numClasses - 1);
            labels[i] = draw >= truth ? draw + 1 : draw;
        }
        return labels;
    }

    /**
     * Retain samples an epoch mixes in at full size: {@code retainPerForget} per forget sample, at most
     * the whole retain set; 0 when the retain set is withheld.
     */
    public static int retainPerEpoch(DataSplits splits, double retainPerForget) {
        if (!splits.retainAvailable() || splits.retain().isEmpty()) {
            return 0;
        }
        return (int) Math.min(splits.retain().size(), Math.round(retainPerForget * splits.forget().size()));
    }

    /** Samples one epoch draws at full size: the forget set plus {@link #retainPerEpoch}. */
    public static double nominalEpochSamples(DataSplits splits, double retainPerForget) {
        return splits.forget().size() + (double) retainPerEpoch(splits, retainPerForget);
    }

    /**
     * The epoch: the forget set with fresh wrong labels, plus {@code retainPerForget} retain samples
     * per forget sample with true labels when the retain set is available, shuffled together. Under a
     * sample budget ({@link LoopState#sampleScale()} below 1) both parts are random shares of that
     * size, drawn anew each epoch.
     */
    public static EpochPlan plan(LoopState state, double retainPerForget, int batchSize) {
        double scale = state.sampleScale();
        IndexView forget = Subsets.take(state.splits().forget(),
                SampleBudget.scaled(state.splits().forget().size(), scale), state.random());
        int[] labels = wrongLabels(forget, state.original().spec().numClasses(), state.random());
        List<EpochPlan.Part> parts = new ArrayList<>();
        parts.add(new EpochPlan.Part(SampleSet.relabelled(forget, labels), Role.FORGET));
        int retain = SampleBudget.scaled(retainPerEpoch(state.splits(), retainPerForget), scale);
        if (retain > 0) {
            parts.add(new EpochPlan.Part(SampleSet.of(Subsets.take(state.splits().retain(), retain,
                    state.random())), Role.RETAIN));
        }
        return EpochPlan.mixed(parts, batchSize, state.random());
    }
}
