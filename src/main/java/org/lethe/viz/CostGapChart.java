package org.lethe.viz;

import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
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
 */
public final class CostGapChart {

    private final boolean logTime;
    private final ChartStyle style;
    private final XYSeriesCollection points = new XYSeriesCollection();
    private final XYIntervalSeriesCollection errors = new XYIntervalSeriesCollection();
    private final XYLineAndShapeRenderer pointRenderer = new XYLineAndShapeRenderer(false, true);
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
        pointRenderer.setDefaultItemLabelGenerator((dataset, series, item) -> dataset.getSeriesKey(series).toString());
        pointRenderer.setDefaultItemLabelsVisible(true);
        // up and to the right, clear of the error bars and their caps
        pointRenderer.setDefaultPositiveItemLabelPosition(
                new ItemLabelPosition(ItemLabelAnchor.OUTSIDE2, TextAnchor.BOTTOM_LEFT));
        pointRenderer.setDefaultNegativeItemLabelPosition(
                new ItemLabelPosition(ItemLabelAnchor.OUTSIDE2, TextAnchor.BOTTOM_LEFT));
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
        m.setLabel("Retrain");
        m.setLabelFont(new Font(style.fontFamily(), Font.PLAIN, style.itemLabelSize()));
        m.setLabelPaint(style.textColor());
        m.setLabelBackgroundColor(java.awt.Color.WHITE);
        m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        m.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
        plot.addDomainMarker(m);
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

    /** The chart (live). */
    public JFreeChart chart() {
        return chart;
    }
}
