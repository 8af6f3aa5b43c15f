package org.lethe.ui.train;

import java.util.Objects;
import java.util.function.Supplier;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.data.xy.XYSeries;
import org.lethe.viz.ChartStyle;
import org.lethe.viz.TrainingCurvesChart;

/**
 * An immutable copy of live training curves (their points and the epoch axis' range) that builds an
 * independent {@link TrainingCurvesChart} on any thread, for drawing off the FX thread while the
 * live chart keeps growing on it. Copying a few hundred points takes microseconds.
 */
final class CurvesSnapshot implements Supplier<JFreeChart> {

    private final double[][] loss;
    private final double[][] trainAccuracy;
    private final double[][] testAccuracy;
    private final boolean autoRange;
    private final double lower;
    private final double upper;
    private final ChartStyle style;

    private CurvesSnapshot(TrainingCurvesChart curves, ChartStyle style) {
        loss = curves.lossSeries().toArray();
        trainAccuracy = curves.trainAccuracySeries().toArray();
        testAccuracy = curves.testAccuracySeries().toArray();
        ValueAxis epochs = curves.chart().getXYPlot().getDomainAxis();
        autoRange = epochs.isAutoRange();
        lower = epochs.getLowerBound();
        upper = epochs.getUpperBound();
        this.style = style;
    }

    /** A copy of what {@code curves} holds now (on the thread that owns it). */
    static CurvesSnapshot of(TrainingCurvesChart curves, ChartStyle style) {
        return new CurvesSnapshot(Objects.requireNonNull(curves, "curves"), Objects.requireNonNull(style, "style"));
    }

    /** Points of the loss curve (x in epochs). */
    int lossPoints() {
        return loss[0].length;
    }

    /** A new chart with the copied points, in the copied style. */
    @Override
    public JFreeChart get() {
        TrainingCurvesChart chart = new TrainingCurvesChart(1, style);
        fill(chart.lossSeries(), loss);
        fill(chart.trainAccuracySeries(), trainAccuracy);
        fill(chart.testAccuracySeries(), testAccuracy);
        if (!autoRange) {
            chart.chart().getXYPlot().getDomainAxis().setRange(lower, upper);
        }
        return chart.chart();
    }

    private static void fill(XYSeries series, double[][] xy) {
        for (int i = 0; i < xy[0].length; i++) {
            series.add(xy[0][i], xy[1][i], false);
        }
        series.fireSeriesChanged(); // one event: the axes fit the data
    }
}
