package org.lethe.engine.evaluation.mia;

/**
 * A fitted membership threshold: values {@code ≥ threshold} are called members.
 *
 * @param threshold the threshold, one of the fitted values
 * @param balancedAccuracy ½(TPR on members + TNR on non-members) it reaches on the fitting data
 */
public record ThresholdFit(double threshold, double balancedAccuracy) {
}
