package org.lethe.viz;

import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYTitleAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/**
 * Histograms of a per-sample score: one panel per model, stacked vertically, each showing the
 * forget, retain and test distributions as translucent bars in the splits' colours. All panels
 * share one x axis and the same {@link HistogramBins}, so shapes can be compared panel to panel.
 *
 * <p>Bar heights are the percentage of the split's samples in the bin (splits differ a lot in
 * size). Series keys are "model: Split" (e.g. "Original: Forget"); the legend shows the three
 * splits once. Panels are added with {@link #add(ModelScores)} as models arrive; everything must
 * happen on one thread (JFreeChart is not thread-safe).
 */
public final class ConfidenceHistogramChart {

    private static final double FILL_ALPHA = 0.40;

    private final ScoreKind kind;
    private final HistogramBins bins;
    private final ChartStyle style;
    private final CombinedDomainXYPlot plot;
    private final JFreeChart chart;
    private final List<String> models = new ArrayList<>();

    /**
     * An empty chart with fixed bins.
     *
     * @param kind the score shown (names the x axis)
     * @param bins the bins every panel uses; the x axis spans exactly their range
     */
    public ConfidenceHistogramChart(ScoreKind kind, HistogramBins bins, ChartStyle style) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.bins = Objects.requireNonNull(bins, "bins");
        this.style = Objects.requireNonNull(style, "style");
        NumberAxis x = new NumberAxis(kind.axisLabel());
        x.setRange(bins.lower(), bins.upper());
        plot = new CombinedDomainXYPlot(x);
        plot.setGap(12);
        plot.setOrientation(PlotOrientation.VERTICAL);
        LegendItemCollection legend = new LegendItemCollection();
        for (Split s : Split.values()) {
            legend.add(new LegendItem(s.label(), null, null, null, Charts.square(12),
                    Palette.withAlpha(s.color(), 0.6), new java.awt.BasicStroke(1.5f), s.color()));
        }
        plot.setFixedLegendItems(legend);
        chart = Charts.chart("Distribution of " + shortName(kind) + " per model", plot, true);
        style.apply(chart);
    }

    /**
     * A chart of all {@code models} with {@code binCount} bins covering every value (for true-class
     * confidence always [0, 1]).
     */
    public static ConfidenceHistogramChart of(ScoreKind kind, List<ModelScores> models, int binCount,
                                              ChartStyle style) {
        List<double[]> all = new ArrayList<>();
        for (ModelScores m : models) {
            for (Split s : Split.values()) {
                all.add(m.scores(s));
            }
        }
        HistogramBins bins = HistogramBins.covering(kind, binCount, all.toArray(new double[0][]));
        ConfidenceHistogramChart c = new ConfidenceHistogramChart(kind, bins, style);
        models.forEach(c::add);
        return c;
    }

    /** Adds one panel for {@code scores}; splits without samples get no bars. */
    public ConfidenceHistogramChart add(ModelScores scores) {
        Objects.requireNonNull(scores, "scores");
        double[] edges = bins.edges();
        XYIntervalSeriesCollection dataset = new XYIntervalSeriesCollection();
        XYBarRenderer renderer = new XYBarRenderer(0.0);
        renderer.setDrawBarOutline(true);
        renderer.setShadowVisible(false);
        for (Split split : Split.values()) {
            double[] values = scores.scores(split);
            long n = java.util.Arrays.stream(values).filter(v -> !Double.isNaN(v)).count();
            if (n == 0) {
                continue;
            }
            long[] counts = bins.counts(values);
            XYIntervalSeries series = new XYIntervalSeries(seriesKey(scores.model(), split), false, true);
            for (int k = 0; k < counts.length; k++) {
                double pct = 100.0 * counts[k] / n;
                double mid = (edges[k] + edges[k + 1]) / 2;
                series.add(mid, edges[k], edges[k + 1], pct, 0, pct);
            }
            int index = dataset.getSeriesCount();
            dataset.addSeries(series);
            renderer.setSeriesPaint(index, Palette.withAlpha(split.color(), FILL_ALPHA));
            renderer.setSeriesOutlinePaint(index, split.color());
        }
        NumberAxis y = new NumberAxis("% of split");
        y.setAutoRangeIncludesZero(true);
        XYPlot panel = new XYPlot(dataset, null, y, renderer);
        TextTitle name = new TextTitle(scores.model(), new Font(style.fontFamily(), Font.BOLD, style.legendSize()));
        name.setPadding(new RectangleInsets(2, 6, 2, 6));
        name.setBackgroundPaint(Palette.withAlpha(java.awt.Color.WHITE, 0.8));
        panel.addAnnotation(new XYTitleAnnotation(0.01, 0.98, name, RectangleAnchor.TOP_LEFT));
        plot.add(panel, 1);
        models.add(scores.model());
        style.apply(chart);
        return this;
    }

    /** Series key of a split's histogram in a model's panel. */
    public static String seriesKey(String model, Split split) {
        return model + ": " + split.label();
    }

    /** The shared bins. */
    public HistogramBins bins() {
        return bins;
    }

    /** The score shown. */
    public ScoreKind kind() {
        return kind;
    }

    /** Models in panel order. */
    public List<String> models() {
        return List.copyOf(models);
    }

    /** The chart (live: later {@link #add} calls add panels). */
    public JFreeChart chart() {
        return chart;
    }

    private static String shortName(ScoreKind kind) {
        return switch (kind) {
            case TRUE_CLASS_CONFIDENCE -> "true-class confidence";
            case LOGIT_CONFIDENCE -> "logit-scaled confidence";
            case LOSS -> "per-sample loss";
        };
    }
}
