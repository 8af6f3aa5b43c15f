package org.lethe.viz;

import java.util.Objects;
import org.lethe.engine.evaluation.Predictions;

/** A per-sample score that histograms and scatter plots can show, with its axis label and usual range. */
public enum ScoreKind {

    /** Probability of the true class, p_y, in [0, 1]. */
    TRUE_CLASS_CONFIDENCE("True-class confidence p_y", 0, 1),
    /** Logit-scaled confidence log(p_y) − log(1 − p_y), unbounded; the usual range is a default only. */
    LOGIT_CONFIDENCE("Logit-scaled confidence log(p_y) − log(1 − p_y)", -15, 15),
    /** Cross-entropy loss −log p_y in nats, at least 0. */
    LOSS("Cross-entropy loss (nats)", 0, 10);

    private final String axisLabel;
    private final double usualLower;
    private final double usualUpper;

    ScoreKind(String axisLabel, double usualLower, double usualUpper) {
        this.axisLabel = axisLabel;
        this.usualLower = usualLower;
        this.usualUpper = usualUpper;
    }

    /** Axis label, with the formula or unit. */
    public String axisLabel() {
        return axisLabel;
    }

    /** Lower end of the default histogram range. */
    public double usualLower() {
        return usualLower;
    }

    /** Upper end of the default histogram range. */
    public double usualUpper() {
        return usualUpper;
    }

    /** This score for every sample of {@code predictions}, in sample order. */
    public double[] of(Predictions predictions) {
        Objects.requireNonNull(predictions, "predictions");
        return switch (this) {
            case TRUE_CLASS_CONFIDENCE -> predictions.trueClassProbability();
            case LOGIT_CONFIDENCE -> predictions.logitConfidence();
            case LOSS -> predictions.loss();
        };
    }
}
