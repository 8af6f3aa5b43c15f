package org.lethe.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;

class PerSampleScatterChartTest {

    @Test
    void plotsOriginalAgainstUnlearnedPerSplitWithDiagonal() {
        ModelScores before = VizFixtures.scores("Original", 0);
        ModelScores after = VizFixtures.scores("SalUn", 0.4);
        JFreeChart chart = PerSampleScatterChart.create(ScoreKind.TRUE_CLASS_CONFIDENCE, before, after,
                ChartStyle.standard());
        XYPlot plot = (XYPlot) chart.getPlot();
        XYDataset data = plot.getDataset();
        assertThat(data.getSeriesCount()).isEqualTo(3);
        assertThat(data.getSeriesKey(0)).isEqualTo("Forget");
        assertThat(data.getItemCount(0)).isEqualTo(40);
        assertThat(data.getItemCount(1)).isEqualTo(100);
        // first forget sample: x = 0.5 (original), y = 0.1 (unlearned)
        assertThat(data.getXValue(0, 0)).isEqualTo(0.5);
        assertThat(data.getYValue(0, 0)).isEqualTo(0.1, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(plot.getRenderer().getSeriesPaint(0)).isEqualTo(Palette.withAlpha(Split.FORGET.color(), 0.55));
        assertThat(plot.getAnnotations()).hasSize(1).first().isInstanceOf(XYLineAnnotation.class);
        assertThat(plot.getDomainAxis().getLabel()).contains("Original");
        assertThat(plot.getRangeAxis().getLabel()).contains("SalUn");
    }

    @Test
    void thinsLargeSplitsDeterministically() {
        ModelScores a = new ModelScores("A", VizFixtures.ramp(1000, 0, 1), new double[0], new double[0]);
        ModelScores b = new ModelScores("B", VizFixtures.ramp(1000, 1, 0), new double[0], new double[0]);
        XYDataset data = ((XYPlot) PerSampleScatterChart.create(ScoreKind.TRUE_CLASS_CONFIDENCE, a, b, 100,
                ChartStyle.standard()).getPlot()).getDataset();
        assertThat(data.getSeriesCount()).isEqualTo(1);
        assertThat(data.getItemCount(0)).isEqualTo(100);
        assertThat(data.getXValue(0, 1)).isEqualTo(a.forget()[10]);
    }

    @Test
    void rejectsMismatchedSamples() {
        ModelScores a = new ModelScores("A", new double[] {1, 2}, new double[0], new double[0]);
        ModelScores b = new ModelScores("B", new double[] {1}, new double[0], new double[0]);
        assertThatThrownBy(() -> PerSampleScatterChart.create(ScoreKind.LOSS, a, b, ChartStyle.standard()))
                .hasMessageContaining("Forget set").hasMessageContaining("same samples");
    }

    @Test
    void plottedSamplesNamesTheSampleBehindEachPoint() {
        double[] x = {0.1, Double.NaN, 0.3, 0.4, 0.5, 0.6, 0.7};
        double[] y = {0.9, 0.8, 0.7, Double.POSITIVE_INFINITY, 0.5, 0.4, 0.3};
        // every 2nd sample (7 / 4 rounded up), without the non-finite pair
        assertThat(PerSampleScatterChart.plottedSamples(x, y, 4)).containsExactly(0, 2, 4, 6);
        assertThat(PerSampleScatterChart.plottedSamples(x, y, 100)).containsExactly(0, 2, 4, 5, 6);
        ModelScores a = new ModelScores("A", x, new double[0], new double[0]);
        ModelScores b = new ModelScores("B", y, new double[0], new double[0]);
        XYDataset data = ((XYPlot) PerSampleScatterChart.create(ScoreKind.TRUE_CLASS_CONFIDENCE, a, b, 4,
                ChartStyle.standard()).getPlot()).getDataset();
        int[] plotted = PerSampleScatterChart.plottedSamples(x, y, 4);
        for (int item = 0; item < plotted.length; item++) {
            assertThat(data.getXValue(0, item)).isEqualTo(x[plotted[item]]);
            assertThat(data.getYValue(0, item)).isEqualTo(y[plotted[item]]);
        }
        assertThatThrownBy(() -> PerSampleScatterChart.plottedSamples(x, y, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void longModelNamesLoseTheirBracketsOnTheAxisOnly() {
        assertThat(PerSampleScatterChart.axisName("AMUN (adversarial unlearning)")).isEqualTo("AMUN");
        assertThat(PerSampleScatterChart.axisName("Fine-tune (FT)")).isEqualTo("Fine-tune (FT)");
        assertThat(PerSampleScatterChart.axisName("Influence distillation")).isEqualTo("Influence distillation");
    }
}
