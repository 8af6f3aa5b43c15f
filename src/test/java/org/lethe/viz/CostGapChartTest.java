package org.lethe.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.jfree.chart.ChartRenderingInfo;
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
        assertThat(plot.getDomainMarkers(org.jfree.chart.ui.Layer.BACKGROUND)).hasSize(1); // behind the points
    }

    @Test
    void rejectsDuplicatesAndNonPositiveTimes() {
        CostGapChart c = new CostGapChart(false, ChartStyle.standard());
        c.add(MethodCost.single("A", 1, 1));
        assertThatThrownBy(() -> c.add(MethodCost.single("A", 2, 2))).hasMessageContaining("already");
        assertThatThrownBy(() -> MethodCost.single("B", 0, 1)).hasMessageContaining("positive");
    }

    /**
     * The crowded case of the dashboard: two methods at almost the same cost and gap, one just left
     * of the retraining time near the top (where the "Retrain" label sits), one at the far left.
     * Drawn at a dashboard tile's size, no two labels overlap, none covers a point, all stay in the
     * plot area.
     */
    @Test
    void labelsOfCrowdedPointsAndTheRetrainLineDoNotOverlap() {
        for (ChartStyle style : List.of(ChartStyle.standard(), ChartStyle.projector())) {
            CostGapChart c = new CostGapChart(true, style);
            c.add(MethodCost.single("FT", 3.1, 4.0));
            c.add(MethodCost.single("GA", 3.3, 4.1));
            c.add(MethodCost.single("AMUN", 24, 9.8));
            c.add(MethodCost.single("SCRUB", 0.2, 0.5));
            c.markRetrainTime(30);
            ChartRenderingInfo info = new ChartRenderingInfo();
            BufferedImage image = new BufferedImage(420, 300, BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = image.createGraphics();
            c.chart().draw(g, new Rectangle2D.Double(0, 0, 420, 300), info);
            g.dispose();

            List<CostGapChart.PlacedLabel> labels = c.labelLayout();
            assertThat(labels).extracting(CostGapChart.PlacedLabel::text)
                    .containsExactlyInAnyOrder("Retrain", "FT", "GA", "AMUN", "SCRUB");
            for (int i = 0; i < labels.size(); i++) {
                for (int j = i + 1; j < labels.size(); j++) {
                    assertThat(labels.get(i).bounds().intersects(labels.get(j).bounds()))
                            .as(style.name() + ": " + labels.get(i) + " overlaps " + labels.get(j)).isFalse();
                }
            }
            Rectangle2D area = info.getPlotInfo().getDataArea();
            XYPlot plot = (XYPlot) c.chart().getPlot();
            XYDataset points = plot.getDataset(0);
            for (CostGapChart.PlacedLabel label : labels) {
                assertThat(area.contains(label.bounds())).as(style.name() + ": " + label + " inside " + area).isTrue();
                for (int s = 0; s < points.getSeriesCount(); s++) {
                    double x = plot.getDomainAxis().valueToJava2D(points.getXValue(s, 0), area, plot.getDomainAxisEdge());
                    double y = plot.getRangeAxis().valueToJava2D(points.getYValue(s, 0), area, plot.getRangeAxisEdge());
                    assertThat(label.bounds().contains(x, y)).as(label + " covers point " + s).isFalse();
                }
            }
            CostGapChart.PlacedLabel retrain = labels.stream().filter(CostGapChart.PlacedLabel::reference)
                    .findFirst().orElseThrow();
            double lineX = plot.getDomainAxis().valueToJava2D(30, area, plot.getDomainAxisEdge());
            // beside its line, not across it, and within a few pixels of it
            boolean left = retrain.bounds().getMaxX() <= lineX && lineX - retrain.bounds().getMaxX() < 6;
            boolean right = retrain.bounds().getMinX() >= lineX && retrain.bounds().getMinX() - lineX < 6;
            assertThat(left || right).as(retrain + " beside the line at x=" + lineX).isTrue();
        }
    }

    @Test
    void placerSpreadsLabelsOfOnePointAroundIt() {
        List<double[]> anchors = List.of(new double[] {100, 100}, new double[] {100, 100}, new double[] {100, 100});
        List<double[]> sizes = List.of(new double[] {40, 12}, new double[] {40, 12}, new double[] {40, 12});
        List<Rectangle2D> boxes = LabelPlacer.place(anchors, sizes, new Rectangle2D.Double(0, 0, 300, 300), 4, 3,
                List.of(new Rectangle2D.Double(104, 70, 50, 30)));
        assertThat(boxes).hasSize(3);
        assertThat(boxes.get(0).intersects(boxes.get(1))).isFalse();
        assertThat(boxes.get(0).intersects(boxes.get(2))).isFalse();
        assertThat(boxes.get(1).intersects(boxes.get(2))).isFalse();
        // the first choice (up and right) is taken by the fixed box, so the first label goes up and left
        assertThat(boxes.get(0).getMaxX()).isLessThanOrEqualTo(100);
        assertThat(boxes.get(0).getMaxY()).isLessThanOrEqualTo(100);
    }
}
