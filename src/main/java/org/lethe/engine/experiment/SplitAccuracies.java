package org.lethe.engine.experiment;

/**
 * A model's accuracy, in percent, on the forget, retain and test sets.
 *
 * @param forgetAccuracy on the forget set (AMUN's "unlearn accuracy"; SalUn's UA is 100 minus it)
 * @param retainAccuracy on the retain set
 * @param testAccuracy on the test set
 */
public record SplitAccuracies(double forgetAccuracy, double retainAccuracy, double testAccuracy) {
}
