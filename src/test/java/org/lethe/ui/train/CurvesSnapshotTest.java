package org.lethe.ui.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.lethe.viz.ChartStyle;
import org.lethe.viz.TrainingCurvesChart;

/** A snapshot of the live curves keeps their points and axis range, and later appends do not reach it. */
class CurvesSnapshotTest {

    @Test
    void buildsAnIndependentChartWithTheCopiedPoints() {
        TrainingCurvesChart live = new TrainingCurvesChart(4, ChartStyle.standard());
        live.chart().getXYPlot().getDomainAxis().setRange(0, 3);
        for (int i = 1; i <= 6; i++) {
            live.appendLoss(i, 2.0 / i);
        }
        live.appendAccuracy(1, 80, 78);
        CurvesSnapshot snapshot = CurvesSnapshot.of(live, ChartStyle.standard());
        live.appendLoss(7, 0.1); // after the copy: not in the snapshot
        live.appendAccuracy(2, 90, 88);

        assertThat(snapshot.lossPoints()).isEqualTo(6);
        JFreeChart chart = snapshot.get();
        assertThat(chart).isNotSameAs(live.chart());
        CombinedDomainXYPlot plot = (CombinedDomainXYPlot) chart.getPlot();
        XYDataset loss = ((XYPlot) plot.getSubplots().get(0)).getDataset();
        XYDataset accuracy = ((XYPlot) plot.getSubplots().get(1)).getDataset();
        assertThat(loss.getItemCount(0)).isEqualTo(6);
        assertThat(loss.getXValue(0, 5)).isEqualTo(1.5); // iteration 6 of 4 per epoch
        assertThat(loss.getYValue(0, 5)).isEqualTo(2.0 / 6);
        assertThat(accuracy.getItemCount(0)).isEqualTo(1);
        assertThat(accuracy.getYValue(1, 0)).isEqualTo(78.0);
        // the live chart's fixed epoch range carries over, and the loss axis fits the copied points
        assertThat(plot.getDomainAxis().getUpperBound()).isEqualTo(3.0);
        assertThat(((XYPlot) plot.getSubplots().get(0)).getRangeAxis().getUpperBound()).isGreaterThanOrEqualTo(2.0);
        // every call builds a new chart
        assertThat(snapshot.get()).isNotSameAs(chart);
    }
}
