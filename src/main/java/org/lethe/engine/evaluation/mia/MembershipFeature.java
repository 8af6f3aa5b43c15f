package org.lethe.engine.evaluation.mia;

import org.lethe.engine.evaluation.metric.ProbabilityRows;

/**
 * Per-sample membership signals of Song &amp; Mittal ("Systematic evaluation of privacy risks of
 * machine learning models", 2021), oriented so that a higher value suggests "member".
 *
 * <p>Logarithms take probabilities floored at {@link #LOG_FLOOR}, as the reference code does, so
 * a probability of 0 or 1 gives a large finite value instead of infinity.
 */
public enum MembershipFeature {

    /** 1 if the prediction is right, else 0. Members are predicted by correctness alone. */
    CORRECTNESS("correctness"),

    /** Probability of the true class, p_y. */
    CONFIDENCE("confidence"),

    /** Minus the entropy −Σ_c p_c ln p_c of the prediction (confident rows score high). */
    NEGATIVE_ENTROPY("entropy"),

    /**
     * Minus the modified entropy of Song &amp; Mittal,
     * Mentr(p, y) = −(1 − p_y) ln p_y − Σ_{j≠y} p_j ln(1 − p_j), computed row by row. (The
     * reference implementation indexes whole columns by the label vector here; this one does not.)
     */
    NEGATIVE_MODIFIED_ENTROPY("modified entropy");

    /** Floor applied to probabilities before taking logarithms. */
    public static final double LOG_FLOOR = 1e-30;

    private final String displayName;

    MembershipFeature(String displayName) {
        this.displayName = displayName;
    }

    /** Short name, e.g. "modified entropy". */
    public String displayName() {
        return displayName;
    }

    /** The feature for every sample of the group. */
    public double[] values(LabelledProbabilities group) {
        ProbabilityRows rows = group.probabilities();
        double[] out = new double[group.size()];
        for (int i = 0; i < out.length; i++) {
            int y = group.label(i);
            out[i] = switch (this) {
                case CORRECTNESS -> rows.argmax(i) == y ? 1.0 : 0.0;
                case CONFIDENCE -> rows.get(i, y);
                case NEGATIVE_ENTROPY -> -entropy(rows.row(i));
                case NEGATIVE_MODIFIED_ENTROPY -> -modifiedEntropy(rows.row(i), y);
            };
        }
        return out;
    }

    /** Shannon entropy −Σ_c p_c ln p_c of one probability vector, in nats. */
    public static double entropy(double[] p) {
        double sum = 0;
        for (double v : p) {
            sum -= v * safeLog(v);
        }
        return sum;
    }

    /**
     * Song &amp; Mittal's modified entropy of one probability vector with true class {@code y}:
     * −(1 − p_y) ln p_y − Σ_{j≠y} p_j ln(1 − p_j). It is 0 for a confident correct prediction and
     * grows both with uncertainty and with confident mistakes.
     */
    public static double modifiedEntropy(double[] p, int y) {
        double sum = -(1 - p[y]) * safeLog(p[y]);
        for (int j = 0; j < p.length; j++) {
            if (j != y) {
                sum -= p[j] * safeLog(1 - p[j]);
            }
        }
        return sum;
    }

    private static double safeLog(double v) {
        return Math.log(Math.max(v, LOG_FLOOR));
    }
}
