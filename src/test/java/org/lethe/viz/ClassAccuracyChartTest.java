package org.lethe.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.xy.XYZDataset;
import org.junit.jupiter.api.Test;

class ClassAccuracyChartTest {

    private static final List<String> CLASSES = ClassAccuracyChart.numberedClasses(3);

    private static List<ModelClassAccuracy> models() {
        return List.of(new ModelClassAccuracy("Original", new double[] {99, 98, 97}),
                new ModelClassAccuracy("Retrain", new double[] {0, 98.5, Double.NaN}));
    }

    @Test
    void groupedBarsPerClassAndModel() {
        JFreeChart chart = ClassAccuracyChart.bars(CLASSES, models(), ChartStyle.standard());
        CategoryPlot plot = (CategoryPlot) chart.getPlot();
        CategoryDataset data = plot.getDataset();
        assertThat(data.getColumnKeys()).containsExactly("0", "1", "2");
        assertThat(data.getRowKeys()).containsExactly("Original", "Retrain");
        assertThat(data.getValue("Retrain", "0").doubleValue()).isZero();
        assertThat(data.getValue("Retrain", "2")).isNull();
        assertThat(plot.getRenderer().getSeriesPaint(1)).isEqualTo(Palette.retrained());
        assertThat(plot.getRangeAxis().getUpperBound()).isEqualTo(100);
    }

    @Test
    void heatmapPutsTheFirstModelOnTop() {
        JFreeChart chart = ClassAccuracyChart.heatmap(CLASSES, models(), ChartStyle.standard());
        XYPlot plot = (XYPlot) chart.getPlot();
        XYZDataset data = (XYZDataset) plot.getDataset();
        assertThat(data.getItemCount(0)).isEqualTo(5); // one NaN left out
        assertThat(((SymbolAxis) plot.getRangeAxis()).getSymbols()).containsExactly("Retrain", "Original");
        XYBlockRenderer r = (XYBlockRenderer) plot.getRenderer();
        assertThat(r.getPaintScale().getPaint(0)).isEqualTo(Color.WHITE);
        assertThat(r.getPaintScale().getPaint(100)).isEqualTo(Palette.BLUE);
        assertThat(chart.getSubtitles()).anyMatch(t -> t instanceof PaintScaleLegend);
    }

    @Test
    void rejectsWrongClassCounts() {
        ClassAccuracyChart c = new ClassAccuracyChart(CLASSES, ChartStyle.standard());
        assertThatThrownBy(() -> c.add(new ModelClassAccuracy("X", new double[] {1, 2})))
                .hasMessageContaining("2 class accuracies, expected 3");
    }
}
