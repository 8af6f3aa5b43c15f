package org.lethe.engine.evaluation;

import java.util.Objects;

/**
 * A model's predictions on the three sets, its flat parameters and its metrics; the per-sample
 * arrays feed the charts (confidence histograms, per-sample scatter, ROC).
 *
 * @param name e.g. "original", "retrained", "SalUn"
 * @param forget predictions on the forget set
 * @param retain predictions on the retain set (or its evaluation sample)
 * @param test predictions on the test set
 * @param params the flat parameters (for distances)
 * @param metrics the headline numbers
 */
public record EvaluatedModel(String name, Predictions forget, Predictions retain, Predictions test, float[] params,
        ModelMetrics metrics) {

    public EvaluatedModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(metrics, "metrics");
    }
}
