package org.lethe.viz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.lethe.engine.evaluation.metric.Roc;
import org.lethe.engine.evaluation.metric.RocPoint;

/**
 * ROC curves of a membership-inference attack, one per model, with each curve's AUC in the legend
 * ("SalUn (AUC 0.512)") and the chance diagonal as a dashed grey line.
 *
 * <p>With {@link Scale#LOG_LOG} both axes are logarithmic from {@code minRate} (e.g. 1e-3 or 1e-4)
 * to 1, which shows the low-false-positive region that matters for membership inference. Rates
 * below {@code minRate} (including the origin) are drawn at {@code minRate}, and the curve is
 * thinned on a logarithmic grid so that the low-FPR steps survive. On linear axes the curve is
 * {@link Roc#chartPoints()}.
 *
 * <p>Curves are added as models arrive ({@link #add(String, Roc)}); colours follow
 * {@link Palette#model(int)} in order of addition, with {@link Palette#stroke} dashes once the
 * method colours repeat. One thread only (JFreeChart is not thread-safe).
 */
public final class RocChart {

    /** Axis scaling. */
    public enum Scale {
        /** Linear axes from 0 to 1. */
        LINEAR,
        /** Logarithmic axes from the minimum rate to 1. */
        LOG_LOG
    }

    /** Key of the chance-diagonal series (in its own dataset, index 1). */
    public static final String CHANCE = "Chance (AUC 0.500)";

    private static final int LOG_GRID_PER_DECADE = 60;

    private final Scale scale;
    private final double minRate;
    private final ChartStyle style;
    private final XYSeriesCollection curves = new XYSeriesCollection();
    private final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    private final List<String> models = new ArrayList<>();
    private final JFreeChart chart;

    /**
     * An empty chart.
     *
     * @param scale linear or log-log axes
     * @param minRate lower end of both log axes, in (0, 0.5); ignored for linear axes
     */
    public RocChart(Scale scale, double minRate, ChartStyle style) {
        this.scale = Objects.requireNonNull(scale, "scale");
        this.style = Objects.requireNonNull(style, "style");
        if (scale == Scale.LOG_LOG && !(minRate > 0 && minRate < 0.5)) {
            throw new IllegalArgumentException("log ROC lower rate " + minRate + ", expected a number in (0, 0.5)");
        }
        this.minRate = minRate;
        ValueAxis x = axis("False-positive rate");
        ValueAxis y = axis("True-positive rate");
        XYPlot plot = new XYPlot(curves, x, y, renderer);
        XYSeriesCollection chance = new XYSeriesCollection();
        XYSeries diagonal = new XYSeries(CHANCE);
        double from = scale == Scale.LOG_LOG ? minRate : 0;
        diagonal.add(from, from);
        diagonal.add(1, 1);
        chance.addSeries(diagonal);
        XYLineAndShapeRenderer chanceRenderer = new XYLineAndShapeRenderer(true, false);
        chanceRenderer.setSeriesPaint(0, Palette.REFERENCE);
        chanceRenderer.setSeriesStroke(0, style.dashedLine());
        plot.setDataset(1, chance);
        plot.setRenderer(1, chanceRenderer);
        String title = "Membership inference ROC" + (scale == Scale.LOG_LOG ? " (log-log)" : "");
        chart = Charts.chart(title, plot, true);
        style.apply(chart);
    }

    /** A linear-axes chart. */
    public static RocChart linear(ChartStyle style) {
        return new RocChart(Scale.LINEAR, 0, style);
    }

    /** A log-log chart from {@code minRate} (e.g. 1e-3) to 1. */
    public static RocChart logLog(double minRate, ChartStyle style) {
        return new RocChart(Scale.LOG_LOG, minRate, style);
    }

    /** The legend text of a curve: "model (AUC 0.123)". */
    public static String label(String model, Roc roc) {
        return model + String.format(Locale.ROOT, " (AUC %.3f)", roc.auc());
    }

    /** Adds one model's curve; a model added again replaces its curve. */
    public RocChart add(String model, Roc roc) {
        Charts.requireName(model, "model");
        Objects.requireNonNull(roc, "roc");
        XYSeries series = new XYSeries(label(model, roc), false, true);
        for (RocPoint p : scale == Scale.LOG_LOG ? logThinned(roc.points()) : roc.chartPoints()) {
            series.add(clamp(p.fpr()), clamp(p.tpr()), false);
        }
        int existing = models.indexOf(model);
        if (existing >= 0) {
            curves.removeSeries(existing);
            models.remove(existing);
            // keep positions stable: re-insert at the same index
            List<XYSeries> tail = new ArrayList<>();
            while (curves.getSeriesCount() > existing) {
                tail.add(curves.getSeries(existing));
                curves.removeSeries(existing);
            }
            curves.addSeries(series);
            tail.forEach(curves::addSeries);
            models.add(existing, model);
        } else {
            curves.addSeries(series);
            models.add(model);
        }
        for (int s = 0; s < curves.getSeriesCount(); s++) {
            renderer.setSeriesPaint(s, Palette.model(s));
            renderer.setSeriesStroke(s, Palette.stroke(s, style.lineWidth()));
        }
        style.apply(chart);
        return this;
    }

    /** The axis scaling. */
    public Scale scale() {
        return scale;
    }

    /** The chart (live: later {@link #add} calls update it). */
    public JFreeChart chart() {
        return chart;
    }

    private ValueAxis axis(String label) {
        if (scale == Scale.LINEAR) {
            NumberAxis a = new NumberAxis(label);
            a.setRange(0, 1);
            return a;
        }
        LogAxis a = new LogAxis(label + " (log scale)");
        a.setBase(10);
        a.setSmallestValue(minRate);
        // a hair below minRate so that the tick at minRate itself gets its label
        a.setRange(minRate * 0.98, 1);
        a.setNumberFormatOverride(Charts.format("0.####"));
        Charts.decadeTicks(a);
        return a;
    }

    private double clamp(double rate) {
        return scale == Scale.LOG_LOG ? Math.max(minRate, rate) : rate;
    }

    /**
     * The first and last point of every cell of a logarithmic FPR grid (plus the end points), so the
     * staircase keeps its shape on log axes without drawing every point.
     */
    private List<RocPoint> logThinned(List<RocPoint> points) {
        List<RocPoint> out = new ArrayList<>();
        long previousCell = Long.MIN_VALUE;
        for (int i = 0; i < points.size(); i++) {
            RocPoint p = points.get(i);
            long cell = (long) Math.floor(Math.log10(Math.max(minRate, p.fpr())) * LOG_GRID_PER_DECADE);
            boolean last = i == points.size() - 1;
            boolean nextInOtherCell = last || cellOf(points.get(i + 1)) != cell;
            if (cell != previousCell || nextInOtherCell) {
                out.add(p);
            }
            previousCell = cell;
        }
        return out;
    }

    private long cellOf(RocPoint p) {
        return (long) Math.floor(Math.log10(Math.max(minRate, p.fpr())) * LOG_GRID_PER_DECADE);
    }
}
