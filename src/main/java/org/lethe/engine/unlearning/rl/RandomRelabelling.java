package org.lethe.engine.unlearning.rl;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.unlearning.loop.EpochPlan;
import org.lethe.engine.unlearning.loop.LoopState;
import org.lethe.engine.unlearning.loop.Role;
import org.lethe.engine.unlearning.loop.SampleSet;
import org.lethe.engine.unlearning.loop.Subsets;

/**
 * The random-label epoch shared by RL and SalUn, in the AMUN code's form: every forget sample gets a
 * label drawn uniformly from the classes other than its true one, drawn anew each epoch from the
 * loop's seeded random source, and the relabelled forget set is shuffled together with a fresh
 * random share of the retain set into one pass.
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
     * The epoch: the relabelled forget set, plus a {@code retainFraction} share of the retain set with
     * true labels when the retain set is available, shuffled together.
     */
    public static EpochPlan plan(LoopState state, double retainFraction, int batchSize) {
        IndexView forget = state.splits().forget();
        int[] labels = wrongLabels(forget, state.original().spec().numClasses(), state.random());
        List<EpochPlan.Part> parts = new ArrayList<>();
        parts.add(new EpochPlan.Part(SampleSet.relabelled(forget, labels), Role.FORGET));
        if (state.splits().retainAvailable() && !state.splits().retain().isEmpty()) {
            parts.add(new EpochPlan.Part(SampleSet.of(Subsets.sample(state.splits().retain(), retainFraction,
                    state.random())), Role.RETAIN));
        }
        return EpochPlan.mixed(parts, batchSize, state.random());
    }
}
