package org.lethe.viz.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.lethe.engine.evaluation.EvaluatedModel;
import org.lethe.engine.evaluation.ModelMetrics;
import org.lethe.engine.evaluation.metric.MeanStd;
import org.lethe.engine.evaluation.metric.Roc;
import org.lethe.engine.experiment.ScenarioReport;
import org.lethe.engine.experiment.ScenarioRunner;
import org.lethe.engine.experiment.SplitAccuracies;
import org.lethe.viz.AccuracyBarChart;
import org.lethe.viz.ChartStyle;
import org.lethe.viz.ClassAccuracyChart;
import org.lethe.viz.ConfidenceHistogramChart;
import org.lethe.viz.CostGapChart;
import org.lethe.viz.MethodCost;
import org.lethe.viz.ModelAccuracies;
import org.lethe.viz.ModelClassAccuracy;
import org.lethe.viz.ModelScores;
import org.lethe.viz.PerSampleScatterChart;
import org.lethe.viz.RocChart;
import org.lethe.viz.ScoreKind;

/**
 * The standard charts of a scenario run, by file name stem: accuracy bars (means over seeds),
 * confidence histograms, MIA ROC, class-wise accuracy and per-sample scatter (last seed), and cost
 * versus Avg Gap.
 */
public final class ScenarioCharts {

    private ScenarioCharts() {
    }

    /** Builds the charts in display order. */
    public static Map<String, JFreeChart> build(ScenarioRunner.Result result, List<String> classNames,
            ChartStyle style) {
        ScenarioReport report = result.report();
        Map<String, JFreeChart> charts = new LinkedHashMap<>();
        List<ModelAccuracies> accuracies = new ArrayList<>();
        accuracies.add(new ModelAccuracies("Original", accuracies(report.original())));
        accuracies.add(new ModelAccuracies("Retrained", accuracies(report.retrained())));
        for (ScenarioReport.MethodSummary m : report.methods()) {
            accuracies.add(new ModelAccuracies(m.label(), accuracies(m.models().get("unlearned"))));
        }
        charts.put("accuracy", AccuracyBarChart.of(accuracies, style));

        List<EvaluatedModel> models = result.lastSeedModels();
        List<ModelScores> scores = models.stream()
                .map(e -> ModelScores.of(display(e.name()), ScoreKind.TRUE_CLASS_CONFIDENCE, e.forget(), e.retain(),
                        e.test()))
                .toList();
        charts.put("confidence", ConfidenceHistogramChart.of(ScoreKind.TRUE_CLASS_CONFIDENCE, scores, 20, style)
                .chart());
        RocChart roc = RocChart.linear(style);
        for (EvaluatedModel e : models) {
            roc.add(display(e.name()), Roc.of(e.forget().trueClassProbability(), e.test().trueClassProbability()));
        }
        charts.put("mia-roc", roc.chart());
        ClassAccuracyChart classes = new ClassAccuracyChart(classNames, style);
        for (EvaluatedModel e : models) {
            classes.add(ModelClassAccuracy.of(display(e.name()), e.test()));
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

    private static String display(String name) {
        return switch (name) {
            case "original" -> "Original";
            case "retrained" -> "Retrained";
            default -> name;
        };
    }

    private static SplitAccuracies accuracies(ModelMetrics m) {
        return new SplitAccuracies(m.forgetAccuracy(), m.retainAccuracy(), m.testAccuracy());
    }
}
