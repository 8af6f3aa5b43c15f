package org.lethe.ui.compare;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.lethe.engine.evaluation.metric.Roc;
import org.lethe.engine.experiment.SplitAccuracies;
import org.lethe.viz.ChartStyle;
import org.lethe.viz.ClassAccuracyChart;
import org.lethe.viz.CostGapChart;
import org.lethe.viz.MethodCost;
import org.lethe.viz.ModelAccuracies;
import org.lethe.viz.ModelClassAccuracy;
import org.lethe.viz.ModelScores;
import org.lethe.viz.PerSampleScatterChart;
import org.lethe.viz.RocChart;
import org.lethe.viz.ScoreKind;

/**
 * Builds one dashboard chart of each kind from made-up numbers and draws it into a small image, so
 * that the classes, fonts and styles the dashboard needs are loaded before the first real
 * comparison arrives (on the chart worker, not the FX thread).
 */
final class ChartWarmUp {

    private ChartWarmUp() {
    }

    /** Builds and draws the throwaway charts in {@code style} on the calling thread. */
    static void run(ChartStyle style) {
        double[] a = {0.95, 0.62, 0.88, 0.31, 0.77, 0.54, 0.99, 0.12};
        double[] b = {0.41, 0.83, 0.27, 0.66, 0.92, 0.08, 0.58, 0.73};
        ModelScores first = new ModelScores("A", a, b, a);
        ModelScores second = new ModelScores("B", b, a, b);
        ModelChartSet models = new ModelChartSet(ClassAccuracyChart.numberedClasses(10), style);
        for (ModelScores s : List.of(first, second)) {
            models.add(new ModelInputs(new ModelAccuracies(s.model(), new SplitAccuracies(40, 90, 85)), s, s.model(),
                    Roc.of(s.forget(), s.test()), new ModelClassAccuracy(s.model(), new double[] {
                        91, 95, 88, 0, 87, 84, 90, 89, 82, 85})));
        }
        RocChart rmia = RocChart.logLog(DashboardCharts.RMIA_MIN_RATE, style);
        rmia.add("A", Roc.of(a, b));
        CostGapChart cost = new CostGapChart(true, style);
        cost.add(MethodCost.single("A", 2.5, 1.5));
        cost.markRetrainTime(30);
        List<JFreeChart> all = new ArrayList<>(models.charts());
        all.add(rmia.chart());
        all.add(cost.chart());
        all.add(PerSampleScatterChart.create(ScoreKind.TRUE_CLASS_CONFIDENCE, first, second, style));
        BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            for (JFreeChart chart : all) {
                chart.draw(g, new Rectangle2D.Double(0, 0, 320, 240));
            }
        } finally {
            g.dispose();
        }
    }
}
