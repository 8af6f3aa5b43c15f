package org.lethe.viz;

import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Per-sample scatter of a score before and after unlearning: x is the original model's score, y
 * the unlearned model's, one point per sample, coloured by split, with the diagonal y = x as a
 * dashed grey line (points on it did not move; forget-set points below it lost confidence).
 *
 * <p>Large splits are thinned deterministically to at most {@code maxPointsPerSplit} points by
 * taking every k-th sample (k = ⌈n / max⌉), so the picture stays light and reproducible.
 */
public final class PerSampleScatterChart {

    /** Default largest number of points drawn per split. */
    public static final int DEFAULT_MAX_POINTS_PER_SPLIT = 4000;

    private PerSampleScatterChart() {
    }

    /**
     * Builds the chart.
     *
     * @param kind the score compared (names the axes)
     * @param original the original model's scores (x)
     * @param unlearned the unlearned model's scores (y); each split must have as many samples as in
     *                  {@code original}, in the same order
     * @param maxPointsPerSplit at least 1
     * @throws IllegalArgumentException if a split's sample counts differ
     */
    public static JFreeChart create(ScoreKind kind, ModelScores original, ModelScores unlearned,
                                    int maxPointsPerSplit, ChartStyle style) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(unlearned, "unlearned");
        Objects.requireNonNull(style, "style");
        if (maxPointsPerSplit < 1) {
            throw new IllegalArgumentException("max points per split " + maxPointsPerSplit + ", expected >= 1");
        }
        XYSeriesCollection dataset = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Split split : Split.values()) {
            double[] x = original.scores(split);
            double[] y = unlearned.scores(split);
            if (x.length != y.length) {
                throw new IllegalArgumentException(split.label() + " set: " + original.model() + " has "
                        + x.length + " scores but " + unlearned.model() + " has " + y.length
                        + ", expected the same samples in the same order");
            }
            if (x.length == 0) {
                continue;
            }
            XYSeries series = new XYSeries(split.label(), false, true);
            for (int i : plottedSamples(x, y, maxPointsPerSplit)) {
                series.add(x[i], y[i], false);
                lo = Math.min(lo, Math.min(x[i], y[i]));
                hi = Math.max(hi, Math.max(x[i], y[i]));
            }
            int index = dataset.getSeriesCount();
            dataset.addSeries(series);
            renderer.setSeriesPaint(index, Palette.withAlpha(split.color(), 0.55));
            renderer.setSeriesShape(index, Charts.dot(Math.max(4, style.lineWidth() * 2)));
        }
        if (kind == ScoreKind.TRUE_CLASS_CONFIDENCE || lo > hi) {
            lo = kind.usualLower();
            hi = kind.usualUpper();
        }
        NumberAxis xAxis = new NumberAxis(kind.axisLabel() + ", " + axisName(original.model()));
        NumberAxis yAxis = new NumberAxis(kind.axisLabel() + ", " + axisName(unlearned.model()));
        double pad = (hi - lo) * 0.02;
        xAxis.setRange(lo - pad, hi + pad);
        yAxis.setRange(lo - pad, hi + pad);
        XYPlot plot = new XYPlot(dataset, xAxis, yAxis, renderer);
        plot.addAnnotation(new XYLineAnnotation(lo - pad, lo - pad, hi + pad, hi + pad, style.dashedLine(),
                Palette.REFERENCE));
        JFreeChart chart = Charts.chart("Per-sample score: " + original.model() + " vs " + unlearned.model(),
                plot, true);
        return style.apply(chart);
    }

    /**
     * Which samples of one split the chart draws, in item order: every k-th sample
     * (k = ⌈n / max⌉) whose two scores are finite. Item j of a split's series is sample
     * {@code plottedSamples(x, y, max)[j]}, which is how a click on a point finds its sample.
     */
    public static int[] plottedSamples(double[] x, double[] y, int maxPointsPerSplit) {
        if (maxPointsPerSplit < 1) {
            throw new IllegalArgumentException("max points per split " + maxPointsPerSplit + ", expected >= 1");
        }
        int n = Math.min(x.length, y.length);
        int step = Math.max(1, (int) Math.ceil((double) n / maxPointsPerSplit));
        return java.util.stream.IntStream.iterate(0, i -> i < n, i -> i + step)
                .filter(i -> Double.isFinite(x[i]) && Double.isFinite(y[i])).toArray();
    }

    /** {@link #create(ScoreKind, ModelScores, ModelScores, int, ChartStyle)} with the default thinning. */
    public static JFreeChart create(ScoreKind kind, ModelScores original, ModelScores unlearned, ChartStyle style) {
        return create(kind, original, unlearned, DEFAULT_MAX_POINTS_PER_SPLIT, style);
    }

    /**
     * A model's name short enough for an axis label: a long name with an explanation in brackets
     * ("AMUN (adversarial unlearning)") keeps only what comes before them; the title keeps it whole.
     */
    static String axisName(String model) {
        int bracket = model.indexOf(" (");
        return model.length() > 18 && bracket >= 2 ? model.substring(0, bracket) : model;
    }
}
