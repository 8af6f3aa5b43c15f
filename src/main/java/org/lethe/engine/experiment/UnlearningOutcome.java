package org.lethe.engine.experiment;

import java.util.Objects;
import org.lethe.engine.evaluation.ModelMetrics;
import org.lethe.engine.unlearning.UnlearningResult;

/**
 * One method run next to the retrained reference, with the three models' metrics.
 *
 * @param unlearned the method's result
 * @param retrained the retrain's result
 * @param original the original's metrics
 * @param retrainedMetrics the retrained model's metrics
 * @param unlearnedMetrics the unlearned model's metrics
 */
public record UnlearningOutcome(UnlearningResult unlearned, UnlearningResult retrained, ModelMetrics original,
        ModelMetrics retrainedMetrics, ModelMetrics unlearnedMetrics) {

    public UnlearningOutcome {
        Objects.requireNonNull(unlearned, "unlearned");
        Objects.requireNonNull(retrained, "retrained");
    }

    /** Unlearning time relative to the retrain's (retrain seconds / method seconds). */
    public double speedup() {
        return retrained.seconds() / unlearned.seconds();
    }
}
