package org.lethe.engine.evaluation.metric;

/** A problem that the numbers of an unlearning run point to; see {@link UnlearningWarnings}. */
public enum UnlearningWarning {

    /** Test accuracy fell far below the retrained model's (the original's when there is none). */
    COLLAPSE("The model collapsed: its test accuracy fell more than "
            + fmt(UnlearningWarnings.COLLAPSE_TEST_DROP) + " points below the retrained model's"
            + " (the original's when there is no retrained model)."),

    /** Nothing seems to have changed. */
    NO_OP("Nothing seems to have been forgotten: forget-set accuracy and the membership-inference"
            + " number are practically those of the original model."),

    /** The forget set is now treated worse than unseen data. */
    OVER_FORGETTING("Over-forgetting: forget-set accuracy is more than "
            + fmt(UnlearningWarnings.OVER_FORGETTING_MARGIN) + " points below the retrained model's,"
            + " which itself never saw these samples; a membership attack can spot the forget set"
            + " by its unusually low accuracy.");

    private final String sentence;

    UnlearningWarning(String sentence) {
        this.sentence = sentence;
    }

    /** The warning as a sentence for people. */
    public String sentence() {
        return sentence;
    }

    private static String fmt(double points) {
        return points == Math.rint(points) ? Long.toString((long) points) : Double.toString(points);
    }
}
