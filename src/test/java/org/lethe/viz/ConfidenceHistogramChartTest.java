package org.lethe.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.IntervalXYDataset;
import org.junit.jupiter.api.Test;

class ConfidenceHistogramChartTest {

    @Test
    void binsHaveEqualWidthAndClampOutliers() {
        HistogramBins bins = new HistogramBins(0, 1, 4);
        assertThat(bins.edges()).containsExactly(0, 0.25, 0.5, 0.75, 1.0);
        assertThat(bins.counts(new double[] {-3, 0, 0.3, 0.5, 1.0, 7, Double.NaN})).containsExactly(2, 1, 1, 2);
        assertThat(HistogramBins.covering(ScoreKind.LOGIT_CONFIDENCE, 10, new double[] {-2, 5}, new double[] {1}))
                .isEqualTo(new HistogramBins(-2, 5, 10));
        assertThat(HistogramBins.covering(ScoreKind.TRUE_CLASS_CONFIDENCE, 5, new double[] {0.3}))
                .isEqualTo(new HistogramBins(0, 1, 5));
        assertThatThrownBy(() -> new HistogramBins(1, 1, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void panelsShareBinsAndAxisRange() {
        ConfidenceHistogramChart c = ConfidenceHistogramChart.of(ScoreKind.TRUE_CLASS_CONFIDENCE,
                List.of(VizFixtures.scores("Original", 0), VizFixtures.scores("SalUn", 0.4)), 20,
                ChartStyle.standard());
        CombinedDomainXYPlot plot = (CombinedDomainXYPlot) c.chart().getPlot();
        List<XYPlot> panels = plot.getSubplots();
        assertThat(panels).hasSize(2);
        assertThat(plot.getDomainAxis().getLowerBound()).isEqualTo(0);
        assertThat(plot.getDomainAxis().getUpperBound()).isEqualTo(1);
        assertThat(plot.getDomainAxis().getLabel()).isEqualTo(ScoreKind.TRUE_CLASS_CONFIDENCE.axisLabel());
        double[] edges = c.bins().edges();
        for (XYPlot panel : panels) {
            IntervalXYDataset data = (IntervalXYDataset) panel.getDataset();
            assertThat(data.getSeriesCount()).isEqualTo(3);
            for (int s = 0; s < 3; s++) {
                assertThat(data.getItemCount(s)).isEqualTo(20);
                for (int i = 0; i < 20; i++) {
                    assertThat(data.getStartXValue(s, i)).isEqualTo(edges[i]);
                    assertThat(data.getEndXValue(s, i)).isEqualTo(edges[i + 1]);
                }
            }
        }
        IntervalXYDataset second = (IntervalXYDataset) panels.get(1).getDataset();
        assertThat(second.getSeriesKey(0)).isEqualTo("SalUn: Forget");
        assertThat(panels.get(1).getRenderer().getSeriesOutlinePaint(0)).isEqualTo(Split.FORGET.color());
        assertThat(panels.get(1).getRenderer().getSeriesOutlinePaint(2)).isEqualTo(Split.TEST.color());
        LegendItemCollection legend = plot.getLegendItems();
        assertThat(legend.getItemCount()).isEqualTo(3);
        assertThat(legend.get(0).getLabel()).isEqualTo("Forget");
    }

    @Test
    void barHeightsArePercentOfEachSplit() {
        ModelScores m = new ModelScores("M", new double[] {0.1, 0.1, 0.9, 0.95}, new double[] {0.6},
                new double[0]);
        ConfidenceHistogramChart c = new ConfidenceHistogramChart(ScoreKind.TRUE_CLASS_CONFIDENCE,
                new HistogramBins(0, 1, 2), ChartStyle.standard());
        c.add(m);
        XYPlot panel = ((CombinedDomainXYPlot) c.chart().getPlot()).getSubplots().get(0);
        IntervalXYDataset data = (IntervalXYDataset) panel.getDataset();
        // empty test split: no series
        assertThat(data.getSeriesCount()).isEqualTo(2);
        assertThat(data.getYValue(0, 0)).isEqualTo(50.0);
        assertThat(data.getYValue(0, 1)).isEqualTo(50.0);
        assertThat(data.getYValue(1, 1)).isEqualTo(100.0);
        assertThat(c.models()).containsExactly("M");
    }

    @Test
    void logitScoresGetADataDrivenSharedRange() {
        ModelScores a = new ModelScores("A", new double[] {-4, 2}, new double[] {8}, new double[] {0});
        ModelScores b = new ModelScores("B", new double[] {-1}, new double[] {12}, new double[] {3});
        ConfidenceHistogramChart c = ConfidenceHistogramChart.of(ScoreKind.LOGIT_CONFIDENCE, List.of(a, b), 8,
                ChartStyle.standard());
        assertThat(c.bins()).isEqualTo(new HistogramBins(-4, 12, 8));
        assertThat(((CombinedDomainXYPlot) c.chart().getPlot()).getDomainAxis().getUpperBound()).isEqualTo(12);
    }
}
