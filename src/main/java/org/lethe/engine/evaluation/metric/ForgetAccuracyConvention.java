package org.lethe.engine.evaluation.metric;

/**
 * The two incompatible ways the literature reports forgetting on D_F, named so that tables never
 * mix them. Both are in percent and for both "closest to Retrain" is the goal, but they point in
 * opposite directions: a model that forgot nothing has AMUN Unlearn Acc ≈ 100 and SalUn UA ≈ 0.
 */
public enum ForgetAccuracyConvention {

    /** AMUN's "Unlearn Acc": the accuracy on the forget set itself. */
    AMUN_UNLEARN_ACC("Unlearn Acc (AMUN)",
            "accuracy on the forget set; Retrain scores about its test accuracy"),

    /** SalUn's and l1-sparse's "UA": the error rate on the forget set, 100 − forget accuracy. */
    SALUN_UA("UA (SalUn) = 100 − forget acc",
            "error rate on the forget set; Retrain scores about 100 − its test accuracy");

    private final String displayName;
    private final String description;

    ForgetAccuracyConvention(String displayName, String description) {
        this.displayName = displayName;
        this.description = description;
    }

    /** Column header that says which convention it is. */
    public String displayName() {
        return displayName;
    }

    /** What the number means, in one phrase. */
    public String description() {
        return description;
    }

    /**
     * The number under this convention.
     *
     * @param forgetAccuracyPercent accuracy on the forget set in [0, 100]
     */
    public double fromForgetAccuracy(double forgetAccuracyPercent) {
        if (!(forgetAccuracyPercent >= 0 && forgetAccuracyPercent <= 100)) {
            throw new MetricInputException("forget accuracy is " + forgetAccuracyPercent
                    + ", expected a percentage in [0, 100]");
        }
        return this == AMUN_UNLEARN_ACC ? forgetAccuracyPercent : 100.0 - forgetAccuracyPercent;
    }
}
