package org.lethe.viz;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Cost against quality: each method is a labelled point at (seconds, Avg Gap), lower-left is
 * better. Where a method's {@link MethodCost} has a spread (several runs), error bars show ± one
 * standard deviation in both directions. The time axis can be logarithmic; a dashed vertical line
 * can mark the retraining time for reference.
 *
 * <p>Dataset 0 holds the points (one series per method, the key is the method's name);
 * dataset 1 holds the error intervals of the methods that have a spread. On a log axis a lower
 * time bound at or below zero is drawn at a tenth of the mean. Methods are added as they finish
 * ({@link #add(MethodCost)}), coloured by {@link Palette#method(int)}. One thread only.
 *
 * <p>The points' names and the "Retrain" label of the reference line are placed when the chart is
 * drawn, so that no two of them overlap and none covers a point ({@link LabelPlacer}): a method
 * close to another, or close to the retraining time, gets its label on another side of its
 * point. {@link #labelLayout()} tells where the last drawing put them.
 */
public final class CostGapChart {

    private final boolean logTime;
    private final ChartStyle style;
    private final XYSeriesCollection points = new XYSeriesCollection();
    private final XYIntervalSeriesCollection errors = new XYIntervalSeriesCollection();
    private final LabellingRenderer pointRenderer = new LabellingRenderer();
    private final XYErrorRenderer errorRenderer = new XYErrorRenderer();
    private final XYPlot plot;
    private final JFreeChart chart;
    private final List<String> methods = new ArrayList<>();
    private double minSeconds = Double.POSITIVE_INFINITY;
    private double maxSeconds = Double.NEGATIVE_INFINITY;

    /**
     * An empty chart.
     *
     * @param logTime whether the time axis is logarithmic (useful when times span decades)
     */
    public CostGapChart(boolean logTime, ChartStyle style) {
        this.logTime = logTime;
        this.style = Objects.requireNonNull(style, "style");
        ValueAxis x;
        if (logTime) {
            LogAxis log = new LogAxis("Unlearning time (s, log scale)");
            log.setBase(10);
            log.setSmallestValue(1e-3);
            log.setNumberFormatOverride(Charts.format("0.###"));
            Charts.decadeTicks(log);
            x = log;
        } else {
            NumberAxis lin = new NumberAxis("Unlearning time (s)");
            lin.setAutoRangeIncludesZero(true);
            x = lin;
        }
        NumberAxis y = new NumberAxis("Avg Gap to Retrain (percentage points)");
        y.setAutoRangeIncludesZero(true);
        y.setUpperMargin(0.12); // room for the labels above the top point
        // the renderer draws the names itself (placed clear of each other), not as JFreeChart's item labels
        pointRenderer.setDefaultItemLabelGenerator((dataset, series, item) -> dataset.getSeriesKey(series).toString());
        pointRenderer.setDefaultItemLabelsVisible(false);
        errorRenderer.setDefaultLinesVisible(false);
        errorRenderer.setDefaultShapesVisible(false);
        errorRenderer.setDefaultSeriesVisibleInLegend(false);
        errorRenderer.setDrawXError(true);
        errorRenderer.setDrawYError(true);
        plot = new XYPlot(points, x, y, pointRenderer);
        plot.setDataset(1, errors);
        plot.setRenderer(1, errorRenderer);
        chart = Charts.chart("Cost vs Avg Gap (lower left is better)", plot, true);
        style.apply(chart);
    }

    /** A chart of all {@code methods}. */
    public static JFreeChart of(List<MethodCost> methods, boolean logTime, ChartStyle style) {
        CostGapChart c = new CostGapChart(logTime, style);
        methods.forEach(c::add);
        return c.chart();
    }

    /** Adds one method's point (and error bars when it has a spread). Names must be unique. */
    public CostGapChart add(MethodCost cost) {
        Objects.requireNonNull(cost, "cost");
        if (methods.contains(cost.method())) {
            throw new IllegalArgumentException("method " + cost.method() + " is already on the chart");
        }
        int index = methods.size();
        methods.add(cost.method());
        minSeconds = Math.min(minSeconds, cost.seconds().mean());
        maxSeconds = Math.max(maxSeconds, cost.seconds().mean());
        XYSeries p = new XYSeries(cost.method(), false, true);
        p.add(cost.seconds().mean(), cost.avgGap().mean());
        points.addSeries(p);
        pointRenderer.setSeriesPaint(index, Palette.method(index));
        pointRenderer.setSeriesShape(index, Palette.marker(index + 2, 8 + 2 * style.lineWidth()));
        if (cost.seconds().hasSpread() || cost.avgGap().hasSpread()) {
            double x = cost.seconds().mean();
            double sx = cost.seconds().hasSpread() ? cost.seconds().std() : 0;
            double y = cost.avgGap().mean();
            double sy = cost.avgGap().hasSpread() ? cost.avgGap().std() : 0;
            double xLow = x - sx;
            if (logTime && xLow <= 0) {
                xLow = x / 10;
            }
            minSeconds = Math.min(minSeconds, xLow);
            maxSeconds = Math.max(maxSeconds, x + sx);
            XYIntervalSeries e = new XYIntervalSeries(cost.method(), false, true);
            e.add(x, xLow, x + sx, y, y - sy, y + sy);
            int ei = errors.getSeriesCount();
            errors.addSeries(e);
            errorRenderer.setSeriesPaint(ei, Palette.method(index));
        }
        style.apply(chart);
        errorRenderer.setErrorStroke(new java.awt.BasicStroke(Math.max(1f, style.lineWidth() * 0.75f)));
        errorRenderer.setCapLength(4 + 2 * style.lineWidth());
        errorRenderer.setErrorPaint(null); // use each series' paint
        pointRenderer.setItemLabelAnchorOffset(4 + 2 * style.lineWidth());
        fitTimeAxis();
        return this;
    }

    /** Marks the retraining time with a dashed vertical line labelled "Retrain". */
    public CostGapChart markRetrainTime(double seconds) {
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("retrain time " + seconds + " s, expected a positive number");
        }
        plot.clearDomainMarkers();
        ValueMarker m = new ValueMarker(seconds, Palette.REFERENCE, style.dashedLine());
        // behind the points; its "Retrain" label is placed with the points' names
        plot.addDomainMarker(m, Layer.BACKGROUND);
        pointRenderer.referenceSeconds = seconds;
        minSeconds = Math.min(minSeconds, seconds);
        maxSeconds = Math.max(maxSeconds, seconds);
        fitTimeAxis();
        return this;
    }

    /**
     * Makes the time axis cover every point, error bar and the retrain marker: whole decades on a
     * log axis (so ticks fall on 1, 10, 100 ...), from 0 with a margin on a linear one.
     */
    private void fitTimeAxis() {
        if (minSeconds > maxSeconds) {
            return;
        }
        ValueAxis x = plot.getDomainAxis();
        if (logTime) {
            double lo = Math.pow(10, Math.floor(Math.log10(minSeconds)));
            double hi = Math.pow(10, Math.ceil(Math.log10(maxSeconds)));
            x.setRange(lo, hi > lo ? hi : lo * 10);
        } else {
            x.setRange(0, maxSeconds * 1.15);
        }
    }

    /** Whether the time axis is logarithmic. */
    public boolean logTime() {
        return logTime;
    }

    /**
     * Where the last drawing of the chart put each label (the methods' names and "Retrain"), in
     * the drawing's coordinates; empty before the first drawing.
     */
    public List<PlacedLabel> labelLayout() {
        return pointRenderer.lastLayout;
    }

    /**
     * One drawn label.
     *
     * @param text the label
     * @param bounds its box in the drawing's coordinates
     * @param reference whether it labels the retraining time's line (else a method's point)
     */
    public record PlacedLabel(String text, Rectangle2D bounds, boolean reference) {

        public PlacedLabel {
            Objects.requireNonNull(text, "text");
            bounds = (Rectangle2D) bounds.clone();
        }
    }

    /** The chart (live). */
    public JFreeChart chart() {
        return chart;
    }

    /**
     * Draws the points, then, once every point of the drawing is known, their names and the
     * reference line's label where {@link LabelPlacer} puts them, each on a white box.
     */
    private static final class LabellingRenderer extends XYLineAndShapeRenderer {

        private static final long serialVersionUID = 1L;
        private static final String REFERENCE = "Retrain";
        private static final double PAD = 2;

        private double referenceSeconds = Double.NaN;
        private transient volatile List<PlacedLabel> lastLayout = List.of();
        private transient List<double[]> anchors = new ArrayList<>();
        private transient List<String> texts = new ArrayList<>();
        private transient List<Paint> paints = new ArrayList<>();
        private transient int expected;

        LabellingRenderer() {
            super(false, true);
        }

        @Override
        public org.jfree.chart.renderer.xy.XYItemRendererState initialise(Graphics2D g2, Rectangle2D dataArea,
                XYPlot plot, org.jfree.data.xy.XYDataset dataset, org.jfree.chart.plot.PlotRenderingInfo info) {
            anchors = new ArrayList<>();
            texts = new ArrayList<>();
            paints = new ArrayList<>();
            expected = 0;
            if (dataset != null) {
                for (int s = 0; s < dataset.getSeriesCount(); s++) {
                    expected += dataset.getItemCount(s);
                }
            }
            org.jfree.chart.renderer.xy.XYItemRendererState state = super.initialise(g2, dataArea, plot, dataset, info);
            state.setProcessVisibleItemsOnly(false); // every item comes through drawItem, so the count ends at 0
            return state;
        }

        @Override
        public void drawItem(Graphics2D g2, org.jfree.chart.renderer.xy.XYItemRendererState state,
                Rectangle2D dataArea, org.jfree.chart.plot.PlotRenderingInfo info, XYPlot plot, ValueAxis domainAxis,
                ValueAxis rangeAxis, org.jfree.data.xy.XYDataset dataset, int series, int item,
                org.jfree.chart.plot.CrosshairState crosshairState, int pass) {
            super.drawItem(g2, state, dataArea, info, plot, domainAxis, rangeAxis, dataset, series, item,
                    crosshairState, pass);
            if (pass != getPassCount() - 1) {
                return;
            }
            double x = domainAxis.valueToJava2D(dataset.getXValue(series, item), dataArea, plot.getDomainAxisEdge());
            double y = rangeAxis.valueToJava2D(dataset.getYValue(series, item), dataArea, plot.getRangeAxisEdge());
            if (getItemVisible(series, item) && Double.isFinite(x) && Double.isFinite(y)) {
                anchors.add(new double[] {x, y});
                texts.add(getItemLabelGenerator(series, item).generateLabel(dataset, series, item));
                paints.add(getItemPaint(series, item));
            }
            if (--expected == 0) {
                drawLabels(g2, dataArea, plot, domainAxis);
            }
        }

        private double markerRadius() {
            java.awt.Shape shape = getSeriesShape(0);
            return shape == null ? 0 : Math.max(shape.getBounds2D().getWidth(), shape.getBounds2D().getHeight()) / 2;
        }

        /**
         * The reference label's box: beside its line at the top of the plot, left of the line where
         * there is room; lower down the line (then on its right) where a point would be covered.
         */
        private Rectangle2D referenceBox(double lineX, double w, double h, Rectangle2D dataArea, double radius) {
            Rectangle2D first = null;
            for (double y = dataArea.getMinY() + 4; y + h <= dataArea.getMaxY(); y += h) {
                for (double x : new double[] {lineX - 4 - w, lineX + 4}) {
                    Rectangle2D box = new Rectangle2D.Double(x, y, w, h);
                    if (!dataArea.contains(box)) {
                        continue;
                    }
                    if (first == null) {
                        first = box;
                    }
                    boolean clear = true;
                    for (double[] a : anchors) {
                        if (box.intersects(a[0] - radius, a[1] - radius, 2 * radius, 2 * radius)) {
                            clear = false;
                            break;
                        }
                    }
                    if (clear) {
                        return box;
                    }
                }
            }
            return first != null ? first : new Rectangle2D.Double(lineX + 4, dataArea.getMinY() + 4, w, h);
        }

        private void drawLabels(Graphics2D g2, Rectangle2D dataArea, XYPlot plot, ValueAxis domainAxis) {
            Font font = getDefaultItemLabelFont();
            FontMetrics metrics = g2.getFontMetrics(font);
            List<PlacedLabel> layout = new ArrayList<>();
            List<Rectangle2D> fixed = new ArrayList<>();
            if (Double.isFinite(referenceSeconds)) {
                double lineX = domainAxis.valueToJava2D(referenceSeconds, dataArea, plot.getDomainAxisEdge());
                double w = metrics.stringWidth(REFERENCE) + 2 * PAD;
                double h = metrics.getHeight() + 2 * PAD;
                Rectangle2D box = referenceBox(lineX, w, h, dataArea, markerRadius());
                fixed.add(box);
                layout.add(new PlacedLabel(REFERENCE, box, true));
            }
            List<double[]> sizes = new ArrayList<>();
            for (String text : texts) {
                sizes.add(new double[] {metrics.stringWidth(text) + 2 * PAD, metrics.getHeight() + 2 * PAD});
            }
            List<Rectangle2D> boxes = LabelPlacer.place(anchors, sizes, dataArea, getItemLabelAnchorOffset(),
                    markerRadius(), fixed);
            for (int i = 0; i < boxes.size(); i++) {
                layout.add(new PlacedLabel(texts.get(i), boxes.get(i), false));
            }
            Paint textPaint = getDefaultItemLabelPaint();
            g2.setFont(font);
            for (PlacedLabel label : layout) {
                Rectangle2D b = label.bounds();
                g2.setPaint(new Color(255, 255, 255, 220));
                g2.fill(b);
                g2.setPaint(textPaint);
                g2.drawString(label.text(), (float) (b.getX() + PAD), (float) (b.getY() + PAD + metrics.getAscent()));
            }
            lastLayout = List.copyOf(layout);
        }
    }
}
