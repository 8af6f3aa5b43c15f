package org.lethe.engine.evaluation;

/**
 * The headline numbers of one model on one forget/retain/test split, as reports and the CLI print
 * them. Accuracies and MIA values are percentages; null means "not applicable" (e.g. the distance
 * of the retrained model to itself is reported, the original's MIA efficacy is not skipped, but a
 * distance without a retrained model is null).
 *
 * @param forgetAccuracy accuracy on the forget set (AMUN's "unlearn accuracy"; SalUn's UA is 100 minus it)
 * @param retainAccuracy accuracy on the retain set (or a seeded sample of it)
 * @param testAccuracy accuracy on the test set
 * @param miaAuc ROC-AUC of the true-class confidence separating forget (members) from the test
 *     samples of the forget set's classes (non-members); 50 means an attacker cannot tell them apart
 * @param miaEfficacy SalUn's MIA-efficacy: share of the forget set an SVM trained on retain-vs-test
 *     confidence calls a non-member
 * @param l2ToRetrained L2 distance of the parameters to the retrained model's
 * @param klToRetrained mean KL(p_retrained || p_model) over the forget set
 */
public record ModelMetrics(double forgetAccuracy, double retainAccuracy, double testAccuracy, Double miaAuc,
        Double miaEfficacy, Double l2ToRetrained, Double klToRetrained) {
}
