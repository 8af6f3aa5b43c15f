package org.lethe.engine.evaluation.metric;

/**
 * One point of a ROC curve: predicting "positive" for every score {@code ≥ threshold} gives this
 * false-positive and true-positive rate. The first point of a curve has threshold
 * {@code +∞} and rates (0, 0).
 *
 * @param fpr false-positive rate in [0, 1]
 * @param tpr true-positive rate in [0, 1]
 * @param threshold the score threshold, {@code +∞} for the origin
 */
public record RocPoint(double fpr, double tpr, double threshold) {

    /** Checks that both rates are in [0, 1]. */
    public RocPoint {
        if (!(fpr >= 0 && fpr <= 1) || !(tpr >= 0 && tpr <= 1)) {
            throw new MetricInputException("ROC point (" + fpr + ", " + tpr
                    + "): expected both rates in [0, 1]");
        }
    }
}
