package org.lethe.engine.evaluation;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * The headline numbers of one model on one forget/retain/test split, as reports and the CLI print
 * them. Accuracies and MIA values are percentages; null means "not applicable" (e.g. the distance
 * of the retrained model to itself is reported, the original's MIA efficacy is not skipped, but a
 * distance without a retrained model is null; the RMIA numbers are null unless reference models
 * were trained).
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
 * @param rmiaAuc offline RMIA's AUC of forget (positives) against test (negatives); 50 is the goal
 * @param rmiaAucRetain offline RMIA's AUC of forget (positives) against retain (negatives)
 * @param tprAt1Fpr RMIA's forget-vs-test true-positive rate at 1% false positives
 * @param tprAt01Fpr RMIA's forget-vs-test true-positive rate at 0.1% false positives
 */
public record ModelMetrics(double forgetAccuracy, double retainAccuracy, double testAccuracy, Double miaAuc,
        Double miaEfficacy, Double l2ToRetrained, Double klToRetrained, Double rmiaAuc, Double rmiaAucRetain,
        Double tprAt1Fpr, Double tprAt01Fpr) {

    /** The canonical constructor (also the one JSON readers use; absent RMIA fields read as null). */
    @JsonCreator
    public ModelMetrics {
    }

    /** Metrics without RMIA numbers (no reference models). */
    public ModelMetrics(double forgetAccuracy, double retainAccuracy, double testAccuracy, Double miaAuc,
            Double miaEfficacy, Double l2ToRetrained, Double klToRetrained) {
        this(forgetAccuracy, retainAccuracy, testAccuracy, miaAuc, miaEfficacy, l2ToRetrained, klToRetrained,
                null, null, null, null);
    }

    /** The same numbers with the distances to the retrained model replaced. */
    public ModelMetrics withDistances(Double l2, Double kl) {
        return new ModelMetrics(forgetAccuracy, retainAccuracy, testAccuracy, miaAuc, miaEfficacy, l2, kl, rmiaAuc,
                rmiaAucRetain, tprAt1Fpr, tprAt01Fpr);
    }

    /** The same numbers with RMIA's four (percentages) set. */
    public ModelMetrics withRmia(double auc, double aucRetain, double tpr1, double tpr01) {
        return new ModelMetrics(forgetAccuracy, retainAccuracy, testAccuracy, miaAuc, miaEfficacy, l2ToRetrained,
                klToRetrained, auc, aucRetain, tpr1, tpr01);
    }

    /** Whether the RMIA numbers are present. */
    public boolean hasRmia() {
        return rmiaAuc != null;
    }
}
