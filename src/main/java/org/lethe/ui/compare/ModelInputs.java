package org.lethe.ui.compare;

import org.lethe.engine.evaluation.EvaluatedModel;
import org.lethe.engine.evaluation.metric.Roc;
import org.lethe.viz.ChartInputs;
import org.lethe.viz.ModelAccuracies;
import org.lethe.viz.ModelClassAccuracy;
import org.lethe.viz.ModelScores;

/**
 * One model's contribution to the four charts that show every model (accuracy bars, confidence
 * histograms, MIA ROC, class accuracy), computed from its predictions on the chart worker.
 */
record ModelInputs(ModelAccuracies accuracies, ModelScores confidences, String name, Roc miaRoc,
        ModelClassAccuracy classAccuracy) {

    static ModelInputs of(EvaluatedModel m) {
        return new ModelInputs(ChartInputs.accuracies(m), ChartInputs.confidences(m),
                ChartInputs.displayName(m.name()), ChartInputs.miaRoc(m), ChartInputs.testClassAccuracy(m));
    }
}
