package org.lethe.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.IntervalXYDataset;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.lethe.engine.evaluation.metric.MeanStd;

class CostGapChartTest {

    @Test
    void labelledPointsWithErrorBarsOnlyWhereThereIsSpread() {
        CostGapChart c = new CostGapChart(false, ChartStyle.standard());
        VizFixtures.costs().forEach(c::add);
        XYPlot plot = (XYPlot) c.chart().getPlot();
        XYDataset points = plot.getDataset(0);
        assertThat(points.getSeriesCount()).isEqualTo(3);
        assertThat(points.getSeriesKey(1)).isEqualTo("Gradient ascent");
        assertThat(points.getXValue(0, 0)).isEqualTo(13.0);
        assertThat(points.getYValue(0, 0)).isEqualTo(3.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(plot.getRenderer(0).getItemLabelGenerator(1, 0).generateLabel(points, 1, 0))
                .isEqualTo("Gradient ascent");
        assertThat(plot.getRenderer(0).getSeriesPaint(2)).isEqualTo(Palette.method(2));
        IntervalXYDataset errors = (IntervalXYDataset) plot.getDataset(1);
        assertThat(errors.getSeriesCount()).isEqualTo(2); // the single run has no error bars
        assertThat(errors.getSeriesKey(1)).isEqualTo("SalUn");
        assertThat(errors.getStartXValue(0, 0)).isEqualTo(12.0);
        assertThat(errors.getEndXValue(0, 0)).isEqualTo(14.0);
        assertThat(errors.getStartYValue(0, 0)).isEqualTo(2.5, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(plot.getRenderer(1)).isInstanceOf(XYErrorRenderer.class);
        assertThat(plot.getDomainAxis()).isInstanceOf(NumberAxis.class);
        assertThat(plot.getDomainAxis().getLabel()).contains("(s)");
    }

    @Test
    void logTimeAxisKeepsLowerErrorBoundsPositive() {
        CostGapChart c = new CostGapChart(true, ChartStyle.standard());
        c.add(new MethodCost("Wild", MeanStd.of(1, 9), MeanStd.of(2, 2)));
        c.markRetrainTime(120);
        XYPlot plot = (XYPlot) c.chart().getPlot();
        assertThat(plot.getDomainAxis()).isInstanceOf(LogAxis.class);
        IntervalXYDataset errors = (IntervalXYDataset) plot.getDataset(1);
        assertThat(errors.getStartXValue(0, 0)).isEqualTo(0.5); // mean 5 − std 5.66 < 0 → mean / 10
        assertThat(plot.getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND)).hasSize(1);
    }

    @Test
    void rejectsDuplicatesAndNonPositiveTimes() {
        CostGapChart c = new CostGapChart(false, ChartStyle.standard());
        c.add(MethodCost.single("A", 1, 1));
        assertThatThrownBy(() -> c.add(MethodCost.single("A", 2, 2))).hasMessageContaining("already");
        assertThatThrownBy(() -> MethodCost.single("B", 0, 1)).hasMessageContaining("positive");
    }
}
