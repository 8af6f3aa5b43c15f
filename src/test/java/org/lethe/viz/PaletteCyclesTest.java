package org.lethe.viz;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.junit.jupiter.api.Test;
import org.lethe.engine.experiment.SplitAccuracies;

/** More than six methods repeat the colours; the repeats get other dashes, markers and bar outlines. */
class PaletteCyclesTest {

    /** Original, retrained, then nine methods: method 6 (position 8) repeats method 0's colour. */
    private static final int MODELS = 11;

    @Test
    void repeatsOfAColourDifferInDashAndMarker() {
        assertThat(Palette.cycle(0)).isZero();
        assertThat(Palette.cycle(7)).isZero();
        assertThat(Palette.cycle(8)).isEqualTo(1);
        assertThat(Palette.cycle(14)).isEqualTo(2);
        assertThat(Palette.model(8)).isEqualTo(Palette.model(2));
        assertThat(Palette.dash(2)).isNull();
        assertThat(Palette.dash(8)).isNotNull();
        assertThat(Palette.dash(14)).isNotNull().isNotEqualTo(Palette.dash(8));
        assertThat(((BasicStroke) Palette.stroke(2, 2f)).getDashArray()).isNull();
        assertThat(((BasicStroke) Palette.stroke(8, 2f)).getDashArray()).isNotEmpty();
        assertThat(shapeKey(Palette.marker(8, 10))).isNotEqualTo(shapeKey(Palette.marker(2, 10)));
        assertThat(shapeKey(Palette.marker(14, 10))).isNotEqualTo(shapeKey(Palette.marker(8, 10)));
        assertThat(Palette.outline(3, 2f)).isNull();
        assertThat(Palette.outline(9, 2f)).isNotNull();
    }

    @Test
    void rocCurvesOfTheSecondCycleAreDashedAfterStyling() {
        RocChart roc = RocChart.logLog(1e-3, ChartStyle.standard());
        for (int m = 0; m < MODELS; m++) {
            roc.add("model " + m, VizFixtures.bigRoc(200, 0.5 + 0.1 * m));
        }
        JFreeChart chart = ChartStyle.projector().apply(roc.chart());
        XYItemRenderer r = ((XYPlot) chart.getPlot()).getRenderer(0);
        assertThat(r.getSeriesPaint(8)).isEqualTo(r.getSeriesPaint(2));
        assertThat(((BasicStroke) r.getSeriesStroke(2)).getDashArray()).isNull();
        assertThat(((BasicStroke) r.getSeriesStroke(8)).getDashArray()).as("second cycle keeps its dashes")
                .isNotEmpty();
    }

    @Test
    void costPointsAndStudyLinesGetOtherMarkersAndBarsAnOutline() {
        CostGapChart cost = new CostGapChart(true, ChartStyle.standard());
        for (int m = 0; m < 8; m++) {
            cost.add(MethodCost.single("method " + m, 1 + m, 2 + m));
        }
        XYItemRenderer points = ((XYPlot) cost.chart().getPlot()).getRenderer(0);
        assertThat(points.getSeriesPaint(6)).isEqualTo(points.getSeriesPaint(0));
        assertThat(shapeKey(points.getSeriesShape(6))).isNotEqualTo(shapeKey(points.getSeriesShape(0)));

        List<ModelAccuracies> models = new ArrayList<>();
        for (int m = 0; m < MODELS; m++) {
            models.add(new ModelAccuracies("model " + m, new SplitAccuracies(90 + m * 0.5, 95, 93)));
        }
        BarRenderer bars = (BarRenderer) ((CategoryPlot) AccuracyBarChart.of(models, ChartStyle.standard())
                .getPlot()).getRenderer();
        assertThat(bars.isDrawBarOutline()).isTrue();
        assertThat(((Color) bars.getSeriesPaint(8)).getRGB() & 0xFFFFFF)
                .isEqualTo(Palette.model(2).getRGB() & 0xFFFFFF);
        assertThat(((Color) bars.getSeriesPaint(8)).getAlpha()).isLessThan(255);
        assertThat(((BasicStroke) bars.getSeriesOutlineStroke(8)).getDashArray()).isNotEmpty();
        assertThat(bars.getSeriesPaint(2)).isEqualTo(Palette.model(2));
    }

    private static String shapeKey(Shape shape) {
        return shape.getClass().getSimpleName() + shape.getBounds2D();
    }
}
