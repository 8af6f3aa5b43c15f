package org.lethe.engine.evaluation.metric;

import java.util.Objects;

/**
 * Distances between the output distributions of two models on the same samples, e.g. the
 * retrained model {@code p} and the unlearned model {@code q} on the forget set.
 *
 * <ul>
 *   <li><b>KL(p‖q)</b> = Σ_c p_c · ln(p_c / q_c), in nats. A term with {@code p_c = 0} is 0
 *       (the limit of x·ln x). A {@code q_c} below {@link #EPSILON} is raised to
 *       {@link #EPSILON}, so a class the reference believes in and the other model rules out
 *       costs a large finite amount (about p_c · 27.6) instead of infinity. Not symmetric.</li>
 *   <li><b>JS(p, q)</b> = ½ KL(p‖m) + ½ KL(q‖m) with m = ½(p + q), natural log: symmetric,
 *       0 for equal rows and at most ln 2. It needs no epsilon (m_c &gt; 0 wherever p_c or q_c
 *       is).</li>
 *   <li><b>Activation distance</b> (Chundawat et al., Bad Teacher) = the Euclidean distance
 *       ‖p − q‖₂ between the probability vectors.</li>
 * </ul>
 *
 * <p>The per-sample methods return one value per row; the {@code mean…} methods average them.
 * Sums are accumulated in double.
 */
public final class Divergence {

    /** Floor for the second argument's probabilities in KL (see the class comment). */
    public static final double EPSILON = 1e-12;

    private Divergence() {
    }

    /** KL(p‖q) of two probability vectors of the same length, in nats. */
    public static double kl(double[] p, double[] q) {
        requireSameLength(p, q);
        double sum = 0;
        for (int c = 0; c < p.length; c++) {
            sum += klTerm(p[c], q[c]);
        }
        return sum;
    }

    /** Jensen-Shannon divergence of two probability vectors, natural log, in [0, ln 2]. */
    public static double js(double[] p, double[] q) {
        requireSameLength(p, q);
        double sum = 0;
        for (int c = 0; c < p.length; c++) {
            sum += jsTerm(p[c], q[c]);
        }
        return sum;
    }

    /** Euclidean distance between two probability vectors. */
    public static double activationDistance(double[] p, double[] q) {
        requireSameLength(p, q);
        double sum = 0;
        for (int c = 0; c < p.length; c++) {
            double d = p[c] - q[c];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }

    /** KL(p_i‖q_i) for each sample i. */
    public static double[] klPerSample(ProbabilityRows p, ProbabilityRows q) {
        p.requireSameShape(q, "KL divergence");
        double[] out = new double[p.rows()];
        for (int r = 0; r < out.length; r++) {
            double sum = 0;
            for (int c = 0; c < p.numClasses(); c++) {
                sum += klTerm(p.get(r, c), q.get(r, c));
            }
            out[r] = sum;
        }
        return out;
    }

    /** JS(p_i, q_i) for each sample i. */
    public static double[] jsPerSample(ProbabilityRows p, ProbabilityRows q) {
        p.requireSameShape(q, "JS divergence");
        double[] out = new double[p.rows()];
        for (int r = 0; r < out.length; r++) {
            double sum = 0;
            for (int c = 0; c < p.numClasses(); c++) {
                sum += jsTerm(p.get(r, c), q.get(r, c));
            }
            out[r] = sum;
        }
        return out;
    }

    /** ‖p_i − q_i‖₂ for each sample i. */
    public static double[] activationDistancePerSample(ProbabilityRows p, ProbabilityRows q) {
        p.requireSameShape(q, "activation distance");
        double[] out = new double[p.rows()];
        for (int r = 0; r < out.length; r++) {
            double sum = 0;
            for (int c = 0; c < p.numClasses(); c++) {
                double d = p.get(r, c) - q.get(r, c);
                sum += d * d;
            }
            out[r] = Math.sqrt(sum);
        }
        return out;
    }

    /** Mean over samples of KL(p_i‖q_i). @throws MetricInputException if there are no rows */
    public static double meanKl(ProbabilityRows p, ProbabilityRows q) {
        return mean(klPerSample(p, q), "KL divergence");
    }

    /** Mean over samples of JS(p_i, q_i). @throws MetricInputException if there are no rows */
    public static double meanJs(ProbabilityRows p, ProbabilityRows q) {
        return mean(jsPerSample(p, q), "JS divergence");
    }

    /**
     * Bad Teacher's activation distance: the mean over samples of ‖p_i − q_i‖₂.
     *
     * @throws MetricInputException if there are no rows
     */
    public static double meanActivationDistance(ProbabilityRows p, ProbabilityRows q) {
        return mean(activationDistancePerSample(p, q), "activation distance");
    }

    private static double klTerm(double p, double q) {
        if (p <= 0) {
            return 0;
        }
        return p * Math.log(p / Math.max(q, EPSILON));
    }

    private static double jsTerm(double p, double q) {
        double m = 0.5 * (p + q);
        double sum = 0;
        if (p > 0) {
            sum += 0.5 * p * Math.log(p / m);
        }
        if (q > 0) {
            sum += 0.5 * q * Math.log(q / m);
        }
        return sum;
    }

    private static double mean(double[] values, String what) {
        if (values.length == 0) {
            throw new MetricInputException(what + ": no samples, expected at least one row");
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static void requireSameLength(double[] p, double[] q) {
        Objects.requireNonNull(p, "p");
        Objects.requireNonNull(q, "q");
        if (p.length != q.length) {
            throw new MetricInputException("probability vectors have " + p.length + " and "
                    + q.length + " entries, expected the same number of classes");
        }
    }
}
