package org.lethe.engine.evaluation.metric;

import java.util.List;
import java.util.Objects;

/**
 * "Avg. Gap": the mean absolute difference, in percentage points, between a method's numbers and
 * Retrain's over a chosen list of columns. SalUn and AMUN use all four
 * ({@link #ALL_TERMS}: forget, retain and test accuracy and an MIA number); lower is better and
 * Retrain itself scores 0.
 *
 * <p>Whatever MIA number is chosen (MIA-efficacy, RMIA AUC × 100, ...), the method and Retrain must
 * use the same one. For several seeds the papers compute the gap per run and report mean ± std
 * ({@link #overSeeds(List, List, List)}).
 */
public final class AvgGap {

    /** The four columns of the papers' tables. */
    public static final List<GapTerm> ALL_TERMS = List.of(GapTerm.values());

    /** The three accuracies, for runs without an MIA number. */
    public static final List<GapTerm> ACCURACY_TERMS =
            List.of(GapTerm.FORGET_ACCURACY, GapTerm.RETAIN_ACCURACY, GapTerm.TEST_ACCURACY);

    private AvgGap() {
    }

    /** The gap over {@link #ALL_TERMS}. */
    public static double of(UnlearningScores method, UnlearningScores retrain) {
        return of(method, retrain, ALL_TERMS);
    }

    /**
     * (1/|terms|) Σ_t |method_t − retrain_t|, in percentage points.
     *
     * @throws MetricInputException if no term is chosen, a term repeats, or a chosen value is NaN
     */
    public static double of(UnlearningScores method, UnlearningScores retrain, List<GapTerm> terms) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(retrain, "retrain");
        Objects.requireNonNull(terms, "terms");
        if (terms.isEmpty()) {
            throw new MetricInputException("Avg Gap: no columns chosen, expected at least one");
        }
        if (terms.stream().distinct().count() != terms.size()) {
            throw new MetricInputException("Avg Gap: columns " + terms + " repeat, expected each once");
        }
        double sum = 0;
        for (GapTerm t : terms) {
            double m = t.valueIn(method);
            double r = t.valueIn(retrain);
            if (Double.isNaN(m) || Double.isNaN(r)) {
                throw new MetricInputException("Avg Gap: " + t.displayName() + " is missing for the "
                        + (Double.isNaN(m) ? "method" : "Retrain model")
                        + ", expected a value for every chosen column");
            }
            sum += Math.abs(m - r);
        }
        return sum / terms.size();
    }

    /**
     * The gap per seed, paired run by run (seed k of the method against seed k of Retrain), then
     * mean ± sample std.
     *
     * @throws MetricInputException if the lists are empty or of different lengths
     */
    public static MeanStd overSeeds(List<UnlearningScores> method, List<UnlearningScores> retrain,
            List<GapTerm> terms) {
        if (method.size() != retrain.size()) {
            throw new MetricInputException("Avg Gap over seeds: " + method.size() + " method runs and "
                    + retrain.size() + " Retrain runs, expected one Retrain run per method run");
        }
        double[] gaps = new double[method.size()];
        for (int k = 0; k < gaps.length; k++) {
            gaps[k] = of(method.get(k), retrain.get(k), terms);
        }
        return MeanStd.of(gaps);
    }

    /** The gap of every method run against one fixed Retrain row, then mean ± sample std. */
    public static MeanStd overSeeds(List<UnlearningScores> method, UnlearningScores retrain,
            List<GapTerm> terms) {
        double[] gaps = new double[method.size()];
        for (int k = 0; k < gaps.length; k++) {
            gaps[k] = of(method.get(k), retrain, terms);
        }
        return MeanStd.of(gaps);
    }
}
