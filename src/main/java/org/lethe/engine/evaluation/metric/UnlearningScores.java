package org.lethe.engine.evaluation.metric;

/**
 * The four headline numbers of one model in the unlearning tables, all in percent.
 *
 * @param forgetAccuracy accuracy on the forget set D_F (AMUN's "Unlearn Acc", not SalUn's UA)
 * @param retainAccuracy accuracy on the retain set D_R
 * @param testAccuracy accuracy on the test set
 * @param mia the membership-inference number used in the table, in percent: MIA-efficacy (SalUn),
 *     forget-vs-test AUC × 100 (AMUN's RMIA tables) or a threshold attack's member rate; NaN when
 *     not measured
 */
public record UnlearningScores(double forgetAccuracy, double retainAccuracy, double testAccuracy,
        double mia) {

    /** Each value is NaN (not measured) or a percentage in [0, 100]. */
    public UnlearningScores {
        requirePercent("forget accuracy", forgetAccuracy);
        requirePercent("retain accuracy", retainAccuracy);
        requirePercent("test accuracy", testAccuracy);
        requirePercent("MIA value", mia);
    }

    /** The three accuracies without an MIA number. */
    public static UnlearningScores accuracies(double forget, double retain, double test) {
        return new UnlearningScores(forget, retain, test, Double.NaN);
    }

    /** Whether an MIA number was given. */
    public boolean hasMia() {
        return !Double.isNaN(mia);
    }

    private static void requirePercent(String what, double value) {
        if (!Double.isNaN(value) && !(value >= 0 && value <= 100)) {
            throw new MetricInputException(what + " is " + value
                    + ", expected a percentage in [0, 100] (or NaN when not measured)");
        }
    }
}
