package org.lethe.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.BasicStroke;
import java.awt.Color;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;

class PaletteAndStyleTest {

    @Test
    void rolesHaveFixedOkabeItoColours() {
        assertThat(Split.FORGET.color()).isEqualTo(new Color(0xD55E00));
        assertThat(Split.RETAIN.color()).isEqualTo(new Color(0x0072B2));
        assertThat(Split.TEST.color()).isEqualTo(new Color(0x009E73));
        assertThat(Palette.model(0)).isEqualTo(Palette.BLACK);
        assertThat(Palette.model(1)).isEqualTo(Palette.SKY_BLUE);
        assertThat(Palette.model(2)).isEqualTo(Palette.ORANGE);
        assertThat(Palette.method(0)).isEqualTo(Palette.model(2));
        // methods cycle after six colours
        assertThat(Palette.method(6)).isEqualTo(Palette.method(0));
        assertThat(Palette.withAlpha(Palette.BLUE, 0.5).getAlpha()).isEqualTo(128);
        assertThatThrownBy(() -> Palette.model(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void projectorPresetHasLargeFontsAndThickLines() {
        ChartStyle p = ChartStyle.projector();
        assertThat(p.titleSize()).isGreaterThanOrEqualTo(18);
        assertThat(p.axisLabelSize()).isGreaterThanOrEqualTo(18);
        assertThat(p.tickLabelSize()).isGreaterThanOrEqualTo(18);
        assertThat(p.lineWidth()).isGreaterThan(ChartStyle.standard().lineWidth());
        assertThat(p.textColor()).isEqualTo(Color.BLACK);
    }

    @Test
    void applyRestylesAnExistingChartAndKeepsDashes() {
        RocChart roc = RocChart.linear(ChartStyle.standard()).add("Original", VizFixtures.roc());
        JFreeChart chart = ChartStyle.projector().apply(roc.chart());
        XYPlot plot = (XYPlot) chart.getPlot();
        assertThat(chart.getTitle().getFont().getSize()).isEqualTo(26);
        assertThat(plot.getDomainAxis().getLabelFont().getSize()).isEqualTo(20);
        assertThat(plot.getRangeAxis().getTickLabelFont().getSize()).isEqualTo(18);
        assertThat(chart.getLegend().getItemFont().getSize()).isEqualTo(18);
        BasicStroke curve = (BasicStroke) plot.getRenderer(0).getSeriesStroke(0);
        assertThat(curve.getLineWidth()).isEqualTo(4f);
        BasicStroke chance = (BasicStroke) plot.getRenderer(1).getSeriesStroke(0);
        assertThat(chance.getDashArray()).isNotNull();
        // idempotent
        ChartStyle.projector().apply(chart);
        assertThat(((BasicStroke) plot.getRenderer(1).getSeriesStroke(0)).getDashArray())
                .containsExactly(chance.getDashArray());
    }

    @Test
    void standardStyleAppliesToCategoryCharts() {
        JFreeChart chart = AccuracyBarChart.of(VizFixtures.accuracies(), ChartStyle.projector());
        ChartStyle.standard().apply(chart);
        CategoryPlot plot = (CategoryPlot) chart.getPlot();
        assertThat(plot.getRangeAxis().getLabelFont().getSize()).isEqualTo(13);
        assertThat(plot.getRenderer().getDefaultItemLabelFont().getSize()).isEqualTo(11);
    }

    @Test
    void styleRejectsBadSizes() {
        assertThatThrownBy(() -> new ChartStyle("x", "SansSerif", 0, 1, 1, 1, 1, 1f, Color.BLACK, Color.GRAY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChartStyle("x", "SansSerif", 1, 1, 1, 1, 1, 0f, Color.BLACK, Color.GRAY))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
