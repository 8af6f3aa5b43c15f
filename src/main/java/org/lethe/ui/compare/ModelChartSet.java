package org.lethe.ui.compare;

import java.util.List;
import org.jfree.chart.JFreeChart;
import org.lethe.viz.AccuracyBarChart;
import org.lethe.viz.ChartStyle;
import org.lethe.viz.ClassAccuracyChart;
import org.lethe.viz.ConfidenceHistogramChart;
import org.lethe.viz.HistogramBins;
import org.lethe.viz.RocChart;
import org.lethe.viz.ScoreKind;

/**
 * The four dashboard charts that show every model of a comparison: accuracy bars, true-class
 * confidence histograms, MIA ROC and test accuracy per class. Models are appended in order; a
 * set that must lose or re-order models is replaced by a new one.
 */
final class ModelChartSet {

    final AccuracyBarChart accuracy;
    final ConfidenceHistogramChart confidence;
    final RocChart roc;
    final ClassAccuracyChart classes;

    ModelChartSet(List<String> classNames, ChartStyle style) {
        accuracy = new AccuracyBarChart(style);
        confidence = new ConfidenceHistogramChart(ScoreKind.TRUE_CLASS_CONFIDENCE,
                HistogramBins.covering(ScoreKind.TRUE_CLASS_CONFIDENCE, DashboardCharts.HISTOGRAM_BINS), style);
        roc = RocChart.linear(style);
        classes = new ClassAccuracyChart(classNames, style);
    }

    /** Adds one model's bars, histogram panel, ROC curve and class accuracies. */
    void add(ModelInputs model) {
        accuracy.add(model.accuracies());
        confidence.add(model.confidences());
        roc.add(model.name(), model.miaRoc());
        classes.add(model.classAccuracy());
    }

    /** The four charts, in the order accuracy, confidence, MIA ROC, class accuracy. */
    List<JFreeChart> charts() {
        return List.of(accuracy.chart(), confidence.chart(), roc.chart(), classes.chart());
    }
}
