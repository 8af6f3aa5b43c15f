package org.lethe.ui.compare;

import java.util.List;
import org.jfree.chart.JFreeChart;
import org.lethe.engine.evaluation.EvaluatedModel;

/**
 * What the chart worker prepared for one comparison, for the FX thread to show: either a fresh set
 * of model charts or the inputs to append to the live set, and replacements for the other charts
 * (null: that chart stays as it is).
 *
 * @param rebuilt new model charts that take the place of the live ones, or null
 * @param appended models to add to the live model charts (empty with a rebuild)
 * @param rmia the new RMIA ROC, or null
 * @param cost the new cost chart, or null
 * @param scatter the new scatter, or null
 */
record PreparedCharts(ModelChartSet rebuilt, List<ModelInputs> appended, Replacement rmia, Replacement cost,
        ScatterChange scatter) {

    PreparedCharts {
        appended = List.copyOf(appended);
    }

    /** A chart that takes the place of the shown one (a null chart: none is shown). */
    record Replacement(JFreeChart chart) { }

    /** A new scatter and the two models it sets against each other (all null: no scatter). */
    record ScatterChange(JFreeChart chart, EvaluatedModel original, EvaluatedModel other) { }
}
