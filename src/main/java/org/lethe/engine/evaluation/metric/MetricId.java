package org.lethe.engine.evaluation.metric;

/**
 * The evaluation metrics with the stable ids used in JSON results and scenario files. Ids never
 * change once published; display names may.
 */
public enum MetricId {

    /** Accuracy on the forget set (AMUN's Unlearn Acc). */
    FORGET_ACCURACY("forgetAccuracy", "Forget accuracy (Unlearn Acc)", Unit.PERCENT,
            Preference.CLOSER_TO_RETRAIN),
    /** Accuracy on the retain set. */
    RETAIN_ACCURACY("retainAccuracy", "Retain accuracy", Unit.PERCENT, Preference.HIGHER),
    /** Accuracy on the test set. */
    TEST_ACCURACY("testAccuracy", "Test accuracy", Unit.PERCENT, Preference.HIGHER),
    /** ROC-AUC of a membership attack separating the forget set from the test set. */
    MIA_AUC("miaAuc", "MIA AUC (forget vs test)", Unit.PERCENT, Preference.CLOSER_TO_RETRAIN),
    /** SalUn's MIA-efficacy: share of the forget set an SVM on confidences calls non-member. */
    MIA_EFFICACY("miaEfficacy", "MIA-efficacy (SVC)", Unit.PERCENT, Preference.CLOSER_TO_RETRAIN),
    /** ‖θ_U − θ_R‖₂. */
    L2_TO_RETRAINED("l2ToRetrained", "L2 distance to Retrain", Unit.RAW, Preference.LOWER),
    /** ‖θ_U − θ_R‖ / ‖θ_O − θ_R‖. */
    RELATIVE_L2_TO_RETRAINED("relativeL2ToRetrained", "Relative L2 distance to Retrain", Unit.RAW,
            Preference.LOWER),
    /** Mean KL(p_R ‖ p_U) over samples, in nats. */
    KL_TO_RETRAINED("klToRetrained", "KL(Retrain ‖ model)", Unit.RAW, Preference.LOWER),
    /** Mean Jensen-Shannon divergence to Retrain, in nats. */
    JS_TO_RETRAINED("jsToRetrained", "JS divergence to Retrain", Unit.RAW, Preference.LOWER),
    /** Mean ‖p_R − p_U‖₂ over samples (Bad Teacher). */
    ACTIVATION_DISTANCE("activationDistance", "Activation distance to Retrain", Unit.RAW,
            Preference.LOWER);

    /** How a metric's value is expressed. */
    public enum Unit {
        /** A percentage in [0, 100]. */
        PERCENT,
        /** A plain number (a distance or divergence). */
        RAW
    }

    /** Which values are better. */
    public enum Preference {
        /** Higher is better. */
        HIGHER,
        /** Lower is better (distances to the retrained model). */
        LOWER,
        /** Closest to the retrained model's value is better. */
        CLOSER_TO_RETRAIN
    }

    private final String id;
    private final String displayName;
    private final Unit unit;
    private final Preference preference;

    MetricId(String id, String displayName, Unit unit, Preference preference) {
        this.id = id;
        this.displayName = displayName;
        this.unit = unit;
        this.preference = preference;
    }

    /** The stable id used in JSON, e.g. {@code forgetAccuracy}. */
    public String id() {
        return id;
    }

    /** Name for table headers and chart axes. */
    public String displayName() {
        return displayName;
    }

    /** Percent or raw. */
    public Unit unit() {
        return unit;
    }

    /** Which values are better. */
    public Preference preference() {
        return preference;
    }

    /** Whether the value is judged by its distance to the retrained model's value. */
    public boolean closerToRetrainIsBetter() {
        return preference == Preference.CLOSER_TO_RETRAIN;
    }

    /** Whether a higher value is better. */
    public boolean higherIsBetter() {
        return preference == Preference.HIGHER;
    }
}
