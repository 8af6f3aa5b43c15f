package org.lethe.engine.evaluation.mia;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.lethe.engine.evaluation.metric.MetricInputException;
import org.lethe.engine.evaluation.metric.Roc;

/**
 * RMIA, the relative membership-inference attack of Zarifzadeh, Liu, Chang and Shokri ("Low-cost
 * high-power membership inference attacks", ICML 2024), with a handful of reference models.
 *
 * <p>All signals refer to one <em>pool</em> of N samples (for instance train + test): a
 * signal is a per-sample number that is higher when the model fits the sample better, normally
 * the probability of the true class p(x|θ). Given the target model's signal and the signals of k
 * reference models (2–8 are enough to be useful; AMUN uses 128):
 *
 * <ol>
 *   <li>prior p(x) = ((1 + a)/2) · mean_k p(x|θ_k) + (1 − a)/2, with the offline coefficient a
 *       of {@link Options#offlineA()};</li>
 *   <li>likelihood ratio LR(x) = p(x|θ) / p(x);</li>
 *   <li>score(x) = share of population samples z ≠ x with LR(x) / LR(z) &gt; γ.</li>
 * </ol>
 *
 * <p><b>Which a.</b> With a = 1 (the default) the prior is the plain mean over the references.
 * That is right when each reference was trained on a random half of a pool that contains the
 * targets, so a target is "in" for about half of them: AMUN's evaluation does this (its mean over
 * all 128 models). When the references were trained without the targets at all (the paper's
 * offline setting, every reference "out"), mean_k p(x|θ_k) estimates only the OUT half of
 * p(x) = ½(p_OUT + p_IN); the paper approximates p_IN ≈ a·p_OUT + (1 − a) with a tuned on
 * reference models (0.3 is a common choice), which gives the formula above.
 *
 * <p>Signals and priors are floored at {@link #SIGNAL_FLOOR} before dividing, so a probability
 * of 0 gives a large finite ratio. The population ratios are sorted once; each score is a binary
 * search, O((N + n) log N) in all.
 */
public final class Rmia {

    /** Floor for signals and priors before dividing. */
    public static final double SIGNAL_FLOOR = 1e-30;

    /**
     * Settings.
     *
     * @param gamma the ratio threshold γ &gt; 0 (2 in the paper's and AMUN's code)
     * @param offlineA the offline coefficient a in [0, 1]; 1 means the plain mean over references
     */
    public record Options(double gamma, double offlineA) {

        /** Checks the values. */
        public Options {
            if (!(gamma > 0) || Double.isInfinite(gamma)) {
                throw new MetricInputException("RMIA: gamma is " + gamma + ", expected a positive number");
            }
            if (!(offlineA >= 0 && offlineA <= 1)) {
                throw new MetricInputException("RMIA: offline coefficient a is " + offlineA
                        + ", expected a number in [0, 1]");
            }
        }

        /** γ = 2, a = 1 (prior = plain mean over references that saw about half the pool). */
        public static Options defaults() {
            return new Options(2.0, 1.0);
        }

        /** γ = 2 and the given a, for references that never saw the targets. */
        public static Options offline(double a) {
            return new Options(2.0, a);
        }
    }

    private final Options options;
    private final double[] ratios;
    private final boolean[] inPopulation;
    private final double[] sortedPopulationRatios;

    private Rmia(Options options, double[] ratios, boolean[] inPopulation, double[] sortedPopulationRatios) {
        this.options = options;
        this.ratios = ratios;
        this.inPopulation = inPopulation;
        this.sortedPopulationRatios = sortedPopulationRatios;
    }

    /**
     * Prepares the attack over a pool.
     *
     * @param targetSignal the target model's signal for each of the N pool samples
     * @param referenceSignals {@code k × N}: each reference model's signal for the same samples
     * @param population indices into the pool of the samples z compared against (at least one)
     * @param options γ and a
     * @throws MetricInputException if lengths differ, an index is out of range, a signal is
     *     negative or not a number, or there is no reference model or population sample
     */
    public static Rmia fit(double[] targetSignal, double[][] referenceSignals, int[] population,
            Options options) {
        Objects.requireNonNull(targetSignal, "targetSignal");
        Objects.requireNonNull(referenceSignals, "referenceSignals");
        Objects.requireNonNull(population, "population");
        Objects.requireNonNull(options, "options");
        int n = targetSignal.length;
        requireSignals("target model", targetSignal);
        if (referenceSignals.length == 0) {
            throw new MetricInputException("RMIA: no reference model, expected at least one (2–8 recommended)");
        }
        for (int r = 0; r < referenceSignals.length; r++) {
            if (referenceSignals[r].length != n) {
                throw new MetricInputException("RMIA: reference model " + r + " has "
                        + referenceSignals[r].length + " signals, expected " + n
                        + " as the target model (one per pool sample)");
            }
            requireSignals("reference model " + r, referenceSignals[r]);
        }
        if (population.length == 0) {
            throw new MetricInputException("RMIA: empty population, expected at least one sample z");
        }
        double a = options.offlineA();
        double[] ratios = new double[n];
        for (int i = 0; i < n; i++) {
            double mean = 0;
            for (double[] ref : referenceSignals) {
                mean += ref[i];
            }
            mean /= referenceSignals.length;
            double prior = (1 + a) / 2 * mean + (1 - a) / 2;
            ratios[i] = Math.max(targetSignal[i], SIGNAL_FLOOR) / Math.max(prior, SIGNAL_FLOOR);
        }
        boolean[] inPopulation = new boolean[n];
        double[] popRatios = new double[population.length];
        for (int k = 0; k < population.length; k++) {
            int z = requireIndex(population[k], n, "population");
            if (inPopulation[z]) {
                throw new MetricInputException("RMIA: population index " + z
                        + " appears twice, expected each sample once");
            }
            inPopulation[z] = true;
            popRatios[k] = ratios[z];
        }
        Arrays.sort(popRatios);
        return new Rmia(options, ratios, inPopulation, popRatios);
    }

    /** The likelihood ratio p(x|θ) / p(x) of pool sample {@code x}. */
    public double likelihoodRatio(int x) {
        return ratios[requireIndex(x, ratios.length, "sample")];
    }

    /**
     * The RMIA score of pool sample {@code x} in [0, 1]: the share of population samples z ≠ x
     * with LR(x)/LR(z) &gt; γ. Higher means "more likely a member". NaN if the population holds
     * only x itself.
     */
    public double score(int x) {
        double lr = likelihoodRatio(x);
        // LR(x)/LR(z) > γ  ⇔  LR(z) < LR(x)/γ  (all ratios are positive)
        int count = SortedArrays.lowerBound(sortedPopulationRatios, lr / options.gamma());
        int total = sortedPopulationRatios.length;
        if (inPopulation[x]) {
            total--;
            if (options.gamma() < 1) {
                count--; // z = x gives a ratio of 1 > γ and was counted
            }
        }
        return total == 0 ? Double.NaN : (double) count / total;
    }

    /** Scores of several pool samples, in order. */
    public double[] scores(int[] samples) {
        double[] out = new double[samples.length];
        for (int k = 0; k < samples.length; k++) {
            out[k] = score(samples[k]);
        }
        return out;
    }

    /** ROC of the scores with {@code members} as positives and {@code nonMembers} as negatives. */
    public Roc roc(int[] members, int[] nonMembers) {
        return Roc.of(scores(members), scores(nonMembers));
    }

    /**
     * The AUC of forget (positives) against test (negatives): 50% means the attack cannot tell
     * the forget set from unseen data, the goal of unlearning.
     */
    public MiaResult forgetVsTest(int[] forget, int[] test) {
        return auc("forget set", forget, "test set", test);
    }

    /**
     * The AUC of forget (positives) against retain (negatives): 50% means the forget set still
     * looks like training data; a well-unlearned model should score below 50%.
     */
    public MiaResult forgetVsRetain(int[] forget, int[] retain) {
        return auc("forget set", forget, "retain set", retain);
    }

    /** AUC of one named group of pool samples against another. */
    public MiaResult auc(String positivesName, int[] positives, String negativesName, int[] negatives) {
        double auc = roc(positives, negatives).auc();
        String meaning = String.format(Locale.ROOT,
                "RMIA (γ = %s, a = %s) ranks a random %s sample above a random %s sample with"
                        + " probability %.1f%%; 50%% means it cannot tell them apart",
                trim(options.gamma()), trim(options.offlineA()), positivesName, negativesName, auc * 100);
        return new MiaResult("RMIA " + positivesName + " vs " + negativesName, MiaResult.Measure.AUC,
                auc, positives.length + negatives.length, meaning);
    }

    /** The settings used. */
    public Options options() {
        return options;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }


    private static int requireIndex(int index, int n, String what) {
        if (index < 0 || index >= n) {
            throw new MetricInputException("RMIA: " + what + " index " + index
                    + " is outside the pool of " + n + " samples");
        }
        return index;
    }

    private static void requireSignals(String model, double[] signals) {
        for (int i = 0; i < signals.length; i++) {
            if (!(signals[i] >= 0) || Double.isInfinite(signals[i])) {
                throw new MetricInputException("RMIA: signal of " + model + " for sample " + i + " is "
                        + signals[i] + ", expected a finite number ≥ 0 (e.g. a probability)");
            }
        }
    }
}
