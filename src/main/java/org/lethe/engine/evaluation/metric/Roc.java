package org.lethe.engine.evaluation.metric;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The ROC curve of a score that should be higher for positives (e.g. members) than for negatives
 * (e.g. non-members).
 *
 * <p>The curve has one point per distinct score: all samples with a score {@code ≥} that value are
 * called positive, so tied samples enter together and a tie between a positive and a negative
 * forms a diagonal segment. The trapezoidal area under these points is therefore exactly the
 * probability that a random positive outscores a random negative, with ties counting one half
 * (the Mann-Whitney statistic); it is computed from integer counts, so it carries no rounding
 * from the summation.
 */
public final class Roc {

    /** Default largest number of points handed to a chart by {@link #chartPoints()}. */
    public static final int CHART_POINTS = 500;

    private final int positives;
    private final int negatives;
    private final List<RocPoint> points;
    private final double auc;

    private Roc(int positives, int negatives, List<RocPoint> points, double auc) {
        this.positives = positives;
        this.negatives = negatives;
        this.points = points;
        this.auc = auc;
    }

    /**
     * Builds the curve.
     *
     * @param positiveScores scores of the positive samples (at least one, no NaN)
     * @param negativeScores scores of the negative samples (at least one, no NaN)
     * @throws MetricInputException if a group is empty or a score is NaN
     */
    public static Roc of(double[] positiveScores, double[] negativeScores) {
        Objects.requireNonNull(positiveScores, "positiveScores");
        Objects.requireNonNull(negativeScores, "negativeScores");
        requireUsable("positive scores", positiveScores);
        requireUsable("negative scores", negativeScores);
        double[] pos = positiveScores.clone();
        double[] neg = negativeScores.clone();
        Arrays.sort(pos);
        Arrays.sort(neg);
        int nPos = pos.length;
        int nNeg = neg.length;

        List<RocPoint> pts = new ArrayList<>();
        pts.add(new RocPoint(0, 0, Double.POSITIVE_INFINITY));
        // walk both sorted arrays from the top, one distinct score at a time
        int i = nPos - 1;
        int j = nNeg - 1;
        long tp = 0;
        long fp = 0;
        long twiceArea = 0; // Σ Δfp · (tp_before + tp_after), in units of 1/(nPos·nNeg)/2
        while (i >= 0 || j >= 0) {
            double s = Math.max(i >= 0 ? pos[i] : Double.NEGATIVE_INFINITY,
                    j >= 0 ? neg[j] : Double.NEGATIVE_INFINITY);
            long tpBefore = tp;
            long fpBefore = fp;
            while (i >= 0 && pos[i] == s) {
                tp++;
                i--;
            }
            while (j >= 0 && neg[j] == s) {
                fp++;
                j--;
            }
            twiceArea += (fp - fpBefore) * (tpBefore + tp);
            pts.add(new RocPoint((double) fp / nNeg, (double) tp / nPos, s));
        }
        double auc = twiceArea / (2.0 * nPos * (double) nNeg);
        return new Roc(nPos, nNeg, Collections.unmodifiableList(pts), auc);
    }

    private static void requireUsable(String what, double[] scores) {
        if (scores.length == 0) {
            throw new MetricInputException(what + ": none given, expected at least one score");
        }
        for (int k = 0; k < scores.length; k++) {
            if (Double.isNaN(scores[k])) {
                throw new MetricInputException(what + ": score " + k + " is NaN, expected a number");
            }
        }
    }

    /** Float convenience: widens both arrays and calls {@link #of(double[], double[])}. */
    public static Roc of(float[] positiveScores, float[] negativeScores) {
        return of(widen(positiveScores), widen(negativeScores));
    }

    private static double[] widen(float[] values) {
        Objects.requireNonNull(values, "scores");
        double[] out = new double[values.length];
        for (int k = 0; k < values.length; k++) {
            out[k] = values[k];
        }
        return out;
    }

    /**
     * Area under the curve in [0, 1]: P(random positive scores higher than random negative),
     * ties counting 1/2. 0.5 is chance, 1 a perfect ranking, 0 a perfectly inverted one.
     */
    public double auc() {
        return auc;
    }

    /**
     * The true-positive rate achievable at a false-positive rate of at most {@code maxFpr}: the
     * highest TPR among the curve's points whose FPR is {@code ≤ maxFpr}. No interpolation between
     * points, so the value never claims more than some threshold actually achieves.
     *
     * @param maxFpr target false-positive rate in [0, 1], e.g. 0.01 or 0.001
     */
    public double tprAtFpr(double maxFpr) {
        if (!(maxFpr >= 0 && maxFpr <= 1)) {
            throw new MetricInputException("target false-positive rate is " + maxFpr
                    + ", expected a number in [0, 1]");
        }
        double best = 0;
        for (RocPoint p : points) {
            if (p.fpr() <= maxFpr) {
                best = Math.max(best, p.tpr());
            } else {
                break; // FPR only grows along the curve
            }
        }
        return best;
    }

    /** All points, from (0, 0) at threshold {@code +∞} to (1, 1) at the lowest score. */
    public List<RocPoint> points() {
        return points;
    }

    /** {@link #chartPoints(int)} with {@link #CHART_POINTS}. */
    public List<RocPoint> chartPoints() {
        return chartPoints(CHART_POINTS);
    }

    /**
     * At most {@code maxPoints} points for plotting, evenly spaced along the point list, always
     * including the first (0, 0) and the last (1, 1) point.
     *
     * @param maxPoints at least 2
     */
    public List<RocPoint> chartPoints(int maxPoints) {
        if (maxPoints < 2) {
            throw new MetricInputException("chart points: " + maxPoints + " requested, expected at least 2");
        }
        int n = points.size();
        if (n <= maxPoints) {
            return points;
        }
        List<RocPoint> out = new ArrayList<>(maxPoints);
        for (int k = 0; k < maxPoints; k++) {
            long index = Math.round((double) k * (n - 1) / (maxPoints - 1));
            out.add(points.get((int) index));
        }
        return Collections.unmodifiableList(out);
    }

    /** Number of positive samples. */
    public int positives() {
        return positives;
    }

    /** Number of negative samples. */
    public int negatives() {
        return negatives;
    }
}
