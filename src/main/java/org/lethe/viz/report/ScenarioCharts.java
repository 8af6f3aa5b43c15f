package org.lethe.viz.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.lethe.engine.evaluation.EvaluatedModel;
import org.lethe.engine.evaluation.metric.MeanStd;
import org.lethe.engine.experiment.ScenarioReport;
import org.lethe.engine.experiment.ScenarioRunner;
import org.lethe.viz.AccuracyBarChart;
import org.lethe.viz.ChartInputs;
import org.lethe.viz.ChartStyle;
import org.lethe.viz.ClassAccuracyChart;
import org.lethe.viz.ConfidenceHistogramChart;
import org.lethe.viz.CostGapChart;
import org.lethe.viz.MethodCost;
import org.lethe.viz.ModelAccuracies;
import org.lethe.viz.ModelScores;
import org.lethe.viz.PerSampleScatterChart;
import org.lethe.viz.RocChart;
import org.lethe.viz.ScoreKind;

/**
 * The standard charts of a scenario run, by file name stem: accuracy bars (means over seeds),
 * confidence histograms, MIA ROC (forget set against the same classes' test images, as the MIA AUC
 * column), the RMIA ROC on log-log axes when the scenario trained reference models, class-wise
 * accuracy and per-sample scatter (last seed), and cost versus Avg Gap. The
 * workbench's "Export report" feeds its comparison through the same method.
 */
public final class ScenarioCharts {

    /** Lower end of the RMIA chart's log axes: the 0.1% false-positive rate the report's TPR column uses. */
    static final double RMIA_MIN_RATE = 1e-3;

    private ScenarioCharts() {
    }

    /** Builds the charts in display order. */
    public static Map<String, JFreeChart> build(ScenarioRunner.Result result, List<String> classNames,
            ChartStyle style) {
        ScenarioReport report = result.report();
        Map<String, JFreeChart> charts = new LinkedHashMap<>();
        List<ModelAccuracies> accuracies = new ArrayList<>();
        accuracies.add(ChartInputs.accuracies("original", report.original()));
        accuracies.add(ChartInputs.accuracies("retrained", report.retrained()));
        for (ScenarioReport.MethodSummary m : report.methods()) {
            accuracies.add(ChartInputs.accuracies(m.label(), m.models().get("unlearned")));
        }
        charts.put("accuracy", AccuracyBarChart.of(accuracies, style));

        List<EvaluatedModel> models = result.lastSeedModels();
        List<ModelScores> scores = models.stream().map(ChartInputs::confidences).toList();
        charts.put("confidence", ConfidenceHistogramChart.of(ScoreKind.TRUE_CLASS_CONFIDENCE, scores, 20, style)
                .chart());
        RocChart roc = RocChart.linear(style);
        for (EvaluatedModel e : models) {
            roc.add(ChartInputs.displayName(e.name()), ChartInputs.miaRoc(e));
        }
        charts.put("mia-roc", roc.chart());
        if (!models.isEmpty() && models.stream().allMatch(e -> e.rmiaRoc() != null)) {
            RocChart rmia = RocChart.logLog(RMIA_MIN_RATE, style);
            for (EvaluatedModel e : models) {
                rmia.add(ChartInputs.displayName(e.name()), e.rmiaRoc());
            }
            rmia.chart().setTitle("RMIA ROC, forget vs test (log-log)");
            charts.put("rmia-roc", rmia.chart());
        }
        ClassAccuracyChart classes = new ClassAccuracyChart(classNames, style);
        for (EvaluatedModel e : models) {
            classes.add(ChartInputs.testClassAccuracy(e));
        }
        charts.put("class-accuracy", classes.chart());
        if (!report.methods().isEmpty()) {
            List<MethodCost> costs = new ArrayList<>();
            for (ScenarioReport.MethodSummary m : report.methods()) {
                List<Double> seconds = report.perSeed().stream().map(s -> s.runs().stream()
                        .filter(r -> r.label().equals(m.label())).findFirst().orElseThrow().seconds()).toList();
                costs.add(new MethodCost(m.label(), MeanStd.of(seconds), m.avgGap()));
            }
            CostGapChart cost = new CostGapChart(true, style);
            costs.forEach(cost::add);
            cost.markRetrainTime(report.retrainSeconds());
            charts.put("cost-vs-gap", cost.chart());
        }
        ModelScores original = scores.get(0);
        for (int i = 2; i < scores.size(); i++) {
            charts.put("scatter-" + (i - 1), PerSampleScatterChart.create(ScoreKind.TRUE_CLASS_CONFIDENCE, original,
                    scores.get(i), style));
        }
        return charts;
    }

}
