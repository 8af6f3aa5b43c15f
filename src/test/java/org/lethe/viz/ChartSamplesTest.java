package org.lethe.viz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.Test;
import org.lethe.engine.evaluation.metric.UnlearningWarning;
import org.lethe.engine.experiment.SplitAccuracies;

/** Renders every chart once into target/viz-samples/ (for people to look at) and checks the files exist. */
class ChartSamplesTest {

    private static final Path OUT = Path.of("target", "viz-samples");

    @Test
    void rendersEveryChartInBothStyles() throws Exception {
        for (ChartStyle style : List.of(ChartStyle.standard(), ChartStyle.projector())) {
            String s = style.name();
            AccuracyBarChart acc = new AccuracyBarChart(style);
            VizFixtures.accuracies().forEach(acc::add);
            acc.add(new ModelAccuracies("Gradient ascent", new SplitAccuracies(12.0, 30.5, 28.9)));
            acc.warn("Gradient ascent", List.of(UnlearningWarning.COLLAPSE));
            write(acc.chart(), "accuracy-" + s, 900, 560);

            List<ModelScores> scores = List.of(VizFixtures.scores("Original", 0), VizFixtures.scores("Retrain", 0.3),
                    VizFixtures.scores("SalUn", 0.4));
            write(ConfidenceHistogramChart.of(ScoreKind.TRUE_CLASS_CONFIDENCE, scores, 25, style).chart(),
                    "histograms-" + s, 900, 800);
            write(PerSampleScatterChart.create(ScoreKind.TRUE_CLASS_CONFIDENCE, scores.get(0), scores.get(2), style),
                    "scatter-" + s, 800, 700);
            write(RocChart.linear(style).add("Original", VizFixtures.bigRoc(3000, 1.0))
                    .add("Retrain", VizFixtures.bigRoc(3000, 0.1)).add("SalUn", VizFixtures.bigRoc(3000, 0.2)).chart(),
                    "roc-" + s, 800, 700);
            write(RocChart.logLog(1e-3, style).add("Original", VizFixtures.bigRoc(3000, 1.0))
                    .add("Retrain", VizFixtures.bigRoc(3000, 0.1)).add("SalUn", VizFixtures.bigRoc(3000, 0.2)).chart(),
                    "roc-loglog-" + s, 800, 700);
            List<ModelClassAccuracy> classes = List.of(
                    new ModelClassAccuracy("Original", new double[] {99, 98, 97, 99, 96, 98, 99, 97, 95, 96}),
                    new ModelClassAccuracy("Retrain", new double[] {0, 98, 97, 99, 96, 98, 99, 97, 95, 96}),
                    new ModelClassAccuracy("SalUn", new double[] {3, 97, 96, 98, 95, 97, 98, 96, 94, 95}));
            write(ClassAccuracyChart.bars(ClassAccuracyChart.numberedClasses(10), classes, style),
                    "class-bars-" + s, 1000, 560);
            write(ClassAccuracyChart.heatmap(ClassAccuracyChart.numberedClasses(10), classes, style),
                    "class-heatmap-" + s, 1000, 420);
            write(new CostGapChart(true, style).add(VizFixtures.costs().get(0)).add(VizFixtures.costs().get(1))
                    .add(VizFixtures.costs().get(2)).markRetrainTime(120).chart(), "cost-gap-" + s, 900, 600);
            TrainingCurvesChart train = new TrainingCurvesChart(50, style);
            for (int i = 1; i <= 250; i++) {
                train.appendLoss(i, 2.3 * Math.exp(-i / 40.0) + 0.05 + 0.05 * Math.sin(i));
                if (i % 50 == 0) {
                    train.appendAccuracy(i / 50, 100 - 60 * Math.exp(-i / 60.0), 98 - 60 * Math.exp(-i / 60.0));
                }
            }
            write(train.chart(), "training-" + s, 900, 700);
        }
        try (var files = Files.list(OUT)) {
            assertThat(files.filter(p -> p.toString().endsWith(".png")).count()).isGreaterThanOrEqualTo(18);
        }
    }

    private static void write(JFreeChart chart, String name, int w, int h) throws Exception {
        Path file = OUT.resolve(name + ".png");
        ChartExport.writePng(chart, file, w, h, 1.0);
        assertThat(Files.size(file)).isGreaterThan(1000);
    }
}
