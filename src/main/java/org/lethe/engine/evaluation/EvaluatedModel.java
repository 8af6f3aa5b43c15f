package org.lethe.engine.evaluation;

import java.util.Objects;
import org.lethe.engine.evaluation.metric.Roc;
import org.lethe.engine.evaluation.mia.RmiaEvaluation;

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
 * @param rmiaRoc the RMIA forget-vs-test ROC, or null when no reference models were trained
 */
public record EvaluatedModel(String name, Predictions forget, Predictions retain, Predictions test, float[] params,
        ModelMetrics metrics, Roc rmiaRoc) {

    public EvaluatedModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(metrics, "metrics");
    }

    /** A model evaluated without reference models (no RMIA). */
    public EvaluatedModel(String name, Predictions forget, Predictions retain, Predictions test, float[] params,
            ModelMetrics metrics) {
        this(name, forget, retain, test, params, metrics, null);
    }

    /** The same evaluation with other metrics (the RMIA ROC stays). */
    public EvaluatedModel withMetrics(ModelMetrics replacement) {
        return new EvaluatedModel(name, forget, retain, test, params, replacement, rmiaRoc);
    }

    /** The same evaluation with RMIA's numbers and ROC. */
    public EvaluatedModel withRmia(RmiaEvaluation.Result rmia) {
        Objects.requireNonNull(rmia, "rmia");
        return new EvaluatedModel(name, forget, retain, test, params, metrics.withRmia(rmia.forgetVsTestAuc(),
                rmia.forgetVsRetainAuc(), rmia.tprAt1PercentFpr(), rmia.tprAt01PercentFpr()), rmia.forgetVsTest());
    }
}
