package org.lethe.viz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.CategoryDataset;
import org.junit.jupiter.api.Test;
import org.lethe.engine.evaluation.metric.UnlearningWarning;
import org.lethe.engine.experiment.SplitAccuracies;

class AccuracyBarChartTest {

    @Test
    void groupsSplitsWithOneBarPerModel() {
        JFreeChart chart = AccuracyBarChart.of(VizFixtures.accuracies(), ChartStyle.standard());
        CategoryPlot plot = (CategoryPlot) chart.getPlot();
        CategoryDataset data = plot.getDataset();
        assertThat(data.getRowKeys()).containsExactly("Original", "Retrain", "SalUn");
        assertThat(data.getColumnKeys()).containsExactly(AccuracyBarChart.FORGET_CATEGORY, "Retain", "Test");
        assertThat(data.getValue("Retrain", AccuracyBarChart.FORGET_CATEGORY).doubleValue()).isEqualTo(94.1);
        assertThat(data.getValue("SalUn", "Test").doubleValue()).isEqualTo(93.1);
        assertThat(plot.getRangeAxis().getLowerBound()).isZero();
        assertThat(plot.getRangeAxis().getUpperBound()).isGreaterThanOrEqualTo(100);
        assertThat(plot.getRangeAxis().getLabel()).contains("%");
        assertThat(plot.getRenderer().getDefaultItemLabelsVisible()).isTrue();
        assertThat(plot.getRenderer().getSeriesPaint(0)).isEqualTo(Palette.model(0));
        assertThat(plot.getRenderer().getSeriesPaint(2)).isEqualTo(Palette.model(2));
        assertThat(chart.getLegend()).isNotNull();
        assertThat(chart.getTitle().getText()).isNotBlank();
    }

    @Test
    void modelsArriveIncrementallyAndReplaceTheirBars() {
        AccuracyBarChart c = new AccuracyBarChart(ChartStyle.standard());
        c.add(VizFixtures.accuracies().get(0));
        assertThat(((CategoryPlot) c.chart().getPlot()).getDataset().getRowCount()).isEqualTo(1);
        c.add(new ModelAccuracies("Original", new SplitAccuracies(50, Double.NaN, 40)));
        CategoryDataset data = ((CategoryPlot) c.chart().getPlot()).getDataset();
        assertThat(data.getRowCount()).isEqualTo(1);
        assertThat(data.getValue("Original", "Test").doubleValue()).isEqualTo(40);
        assertThat(data.getValue("Original", "Retain")).isNull();
    }

    @Test
    void warningsBecomeSubtitles() {
        AccuracyBarChart c = new AccuracyBarChart(ChartStyle.standard());
        c.add(VizFixtures.accuracies().get(2));
        c.warn("SalUn", List.of(UnlearningWarning.COLLAPSE));
        TextTitle sub = (TextTitle) c.chart().getSubtitles().stream()
                .filter(t -> t instanceof TextTitle).findFirst().orElseThrow();
        assertThat(sub.getText()).startsWith("⚠ SalUn: The model collapsed");
        assertThat(sub.getPaint()).isEqualTo(Palette.VERMILLION);
    }
}
