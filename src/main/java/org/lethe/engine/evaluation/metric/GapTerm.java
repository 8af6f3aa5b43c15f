package org.lethe.engine.evaluation.metric;

/** One column that may enter the {@link AvgGap}. */
public enum GapTerm {
    /** Accuracy on the forget set. */
    FORGET_ACCURACY("forget accuracy"),
    /** Accuracy on the retain set. */
    RETAIN_ACCURACY("retain accuracy"),
    /** Accuracy on the test set. */
    TEST_ACCURACY("test accuracy"),
    /** The table's membership-inference number. */
    MIA("MIA value");

    private final String displayName;

    GapTerm(String displayName) {
        this.displayName = displayName;
    }

    /** Human name, lower case. */
    public String displayName() {
        return displayName;
    }

    /** This column's value in the scores (percent, possibly NaN). */
    public double valueIn(UnlearningScores scores) {
        return switch (this) {
            case FORGET_ACCURACY -> scores.forgetAccuracy();
            case RETAIN_ACCURACY -> scores.retainAccuracy();
            case TEST_ACCURACY -> scores.testAccuracy();
            case MIA -> scores.mia();
        };
    }
}
