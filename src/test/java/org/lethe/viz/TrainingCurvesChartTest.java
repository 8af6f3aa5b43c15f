package org.lethe.viz;

import static org.assertj.core.api.Assertions.assertThat;

import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;

class TrainingCurvesChartTest {

    @Test
    void appendsLossPerIterationAndAccuracyPerEpochOnOneEpochAxis() {
        TrainingCurvesChart c = new TrainingCurvesChart(4, ChartStyle.standard());
        for (int i = 1; i <= 8; i++) {
            c.appendLoss(i, 2.0 / i);
        }
        c.appendLoss(9, Double.NaN);
        c.appendAccuracy(1, 80, 78);
        c.appendAccuracy(2, 90, Double.NaN);
        CombinedDomainXYPlot plot = (CombinedDomainXYPlot) c.chart().getPlot();
        assertThat(plot.getSubplots()).hasSize(2);
        assertThat(plot.getDomainAxis().getLabel()).isEqualTo("Epoch");
        XYPlot loss = plot.getSubplots().get(0);
        XYPlot acc = plot.getSubplots().get(1);
        assertThat(loss.getDataset().getSeriesKey(0)).isEqualTo(TrainingCurvesChart.LOSS);
        assertThat(loss.getDataset().getItemCount(0)).isEqualTo(8);
        assertThat(loss.getDataset().getXValue(0, 3)).isEqualTo(1.0); // iteration 4 of 4 = end of epoch 1
        assertThat(acc.getDataset().getItemCount(0)).isEqualTo(2);
        assertThat(acc.getDataset().getItemCount(1)).isEqualTo(1);
        assertThat(acc.getDataset().getYValue(0, 1)).isEqualTo(90.0);
        assertThat(acc.getRenderer().getSeriesPaint(1)).isEqualTo(Split.TEST.color());
        c.clear();
        assertThat(c.lossSeries().getItemCount()).isZero();
        assertThat(c.testAccuracySeries().getItemCount()).isZero();
    }
}
