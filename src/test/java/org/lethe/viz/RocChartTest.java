package org.lethe.viz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;

class RocChartTest {

    @Test
    void oneCurvePerModelWithAucInLegendAndChanceDiagonal() {
        RocChart c = RocChart.linear(ChartStyle.standard())
                .add("Original", VizFixtures.roc())
                .add("Retrain", VizFixtures.bigRoc(50, 0));
        XYPlot plot = (XYPlot) c.chart().getPlot();
        XYDataset curves = plot.getDataset(0);
        assertThat(curves.getSeriesCount()).isEqualTo(2);
        // AUC of positives {2,3} vs negatives {1,2.5} is 3/4
        assertThat(curves.getSeriesKey(0)).isEqualTo("Original (AUC 0.750)");
        assertThat(curves.getItemCount(0)).isEqualTo(VizFixtures.roc().points().size());
        assertThat(plot.getDataset(1).getSeriesKey(0)).isEqualTo(RocChart.CHANCE);
        List<String> legend = new ArrayList<>();
        LegendItemCollection items = plot.getLegendItems();
        for (int i = 0; i < items.getItemCount(); i++) {
            legend.add(items.get(i).getLabel());
        }
        assertThat(legend).containsExactly("Original (AUC 0.750)", "Retrain (AUC 0.500)", RocChart.CHANCE);
        assertThat(plot.getDomainAxis()).isInstanceOf(NumberAxis.class);
        assertThat(plot.getRenderer(0).getSeriesPaint(0)).isEqualTo(Palette.original());
        assertThat(plot.getRenderer(0).getSeriesPaint(1)).isEqualTo(Palette.retrained());
    }

    @Test
    void logLogAxesStartAtTheMinimumRate() {
        RocChart c = RocChart.logLog(1e-3, ChartStyle.standard()).add("SalUn", VizFixtures.bigRoc(20_000, 1.5));
        XYPlot plot = (XYPlot) c.chart().getPlot();
        assertThat(plot.getDomainAxis()).isInstanceOf(LogAxis.class);
        assertThat(plot.getRangeAxis()).isInstanceOf(LogAxis.class);
        assertThat(plot.getDomainAxis().getLowerBound()).isBetween(0.9e-3, 1e-3);
        assertThat(plot.getDomainAxis().getUpperBound()).isEqualTo(1.0);
        XYDataset curve = plot.getDataset(0);
        int n = curve.getItemCount(0);
        // thinned, yet the low-FPR region keeps many points
        assertThat(n).isLessThan(2_000).isGreaterThan(100);
        int lowFpr = 0;
        for (int i = 0; i < n; i++) {
            assertThat(curve.getXValue(0, i)).isGreaterThanOrEqualTo(1e-3);
            assertThat(curve.getYValue(0, i)).isGreaterThanOrEqualTo(1e-3);
            if (curve.getXValue(0, i) < 1e-2) {
                lowFpr++;
            }
        }
        assertThat(lowFpr).isGreaterThan(20);
        assertThat(curve.getXValue(0, n - 1)).isEqualTo(1.0);
        assertThat(plot.getDataset(1).getXValue(0, 0)).isEqualTo(1e-3);
    }

    @Test
    void readdingAModelReplacesItsCurveInPlace() {
        RocChart c = RocChart.linear(ChartStyle.standard())
                .add("A", VizFixtures.roc()).add("B", VizFixtures.roc()).add("A", VizFixtures.bigRoc(10, 0));
        XYDataset curves = ((XYPlot) c.chart().getPlot()).getDataset(0);
        assertThat(curves.getSeriesCount()).isEqualTo(2);
        assertThat(curves.getSeriesKey(0).toString()).startsWith("A (AUC 0.500");
        assertThat(curves.getSeriesKey(1).toString()).startsWith("B (AUC 0.750");
    }
}
