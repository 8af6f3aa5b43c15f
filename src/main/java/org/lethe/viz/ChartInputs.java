package org.lethe.viz;

import java.util.Objects;
import org.lethe.engine.evaluation.EvaluatedModel;
import org.lethe.engine.evaluation.ModelEvaluator;
import org.lethe.engine.evaluation.ModelMetrics;
import org.lethe.engine.evaluation.metric.Roc;
import org.lethe.engine.experiment.SplitAccuracies;

/**
 * Adapters from evaluated models (as a scenario run or the workbench's comparison holds them) to
 * the chart builders' input types, so the CLI report and the GUI dashboard draw the same numbers.
 */
public final class ChartInputs {

    private ChartInputs() {
    }

    /** The name charts show: "original" and "retrained" capitalised, any other name as it is. */
    public static String displayName(String name) {
        return switch (name) {
            case "original" -> "Original";
            case "retrained" -> "Retrained";
            default -> name;
        };
    }

    /** Forget / retain / test accuracy of a model's metrics, for {@link AccuracyBarChart}. */
    public static ModelAccuracies accuracies(String model, ModelMetrics metrics) {
        Objects.requireNonNull(metrics, "metrics");
        return new ModelAccuracies(displayName(model), new SplitAccuracies(metrics.forgetAccuracy(),
                metrics.retainAccuracy(), metrics.testAccuracy()));
    }

    /** {@link #accuracies(String, ModelMetrics)} of an evaluated model under its own name. */
    public static ModelAccuracies accuracies(EvaluatedModel model) {
        return accuracies(model.name(), model.metrics());
    }

    /** The model's true-class confidences on the three sets, for histograms and the scatter. */
    public static ModelScores confidences(EvaluatedModel model) {
        return ModelScores.of(displayName(model.name()), ScoreKind.TRUE_CLASS_CONFIDENCE, model.forget(),
                model.retain(), model.test());
    }

    /**
     * The membership-inference ROC behind the model's MIA AUC: forget-set confidences (members)
     * against the test samples of the forget set's classes (non-members), so the AUC in the legend
     * is the table's MIA AUC divided by 100.
     */
    public static Roc miaRoc(EvaluatedModel model) {
        return Roc.of(model.forget().trueClassProbability(),
                ModelEvaluator.sameClassTestScores(model.forget(), model.test()));
    }

    /** Accuracy per class on the test set, for {@link ClassAccuracyChart}. */
    public static ModelClassAccuracy testClassAccuracy(EvaluatedModel model) {
        return ModelClassAccuracy.of(displayName(model.name()), model.test());
    }
}
