package org.lethe.viz;

/**
 * Equal-width bins over {@code [lower, upper]}, shared by all panels of a histogram chart so their
 * bars line up. Values below {@code lower} count in the first bin and values above {@code upper}
 * in the last (so nothing is silently dropped); NaN values are skipped.
 *
 * @param lower left edge of the first bin (finite)
 * @param upper right edge of the last bin (finite, greater than lower)
 * @param count number of bins, at least 1
 */
public record HistogramBins(double lower, double upper, int count) {

    /** Checks the range and the count. */
    public HistogramBins {
        if (!Double.isFinite(lower) || !Double.isFinite(upper) || !(upper > lower)) {
            throw new IllegalArgumentException("histogram range [" + lower + ", " + upper
                    + "], expected finite bounds with lower < upper");
        }
        if (count < 1) {
            throw new IllegalArgumentException("histogram with " + count + " bins, expected at least 1");
        }
    }

    /**
     * Bins covering every finite value of {@code arrays}; for {@link ScoreKind#TRUE_CLASS_CONFIDENCE}
     * always [0, 1]. Falls back to the kind's usual range when there are no finite values, and
     * widens a single repeated value by ±0.5.
     */
    public static HistogramBins covering(ScoreKind kind, int count, double[]... arrays) {
        if (kind == ScoreKind.TRUE_CLASS_CONFIDENCE) {
            return new HistogramBins(0, 1, count);
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] a : arrays) {
            lo = Math.min(lo, Charts.minFinite(a));
            hi = Math.max(hi, Charts.maxFinite(a));
        }
        if (lo > hi) {
            return new HistogramBins(kind.usualLower(), kind.usualUpper(), count);
        }
        if (lo == hi) {
            return new HistogramBins(lo - 0.5, hi + 0.5, count);
        }
        return new HistogramBins(lo, hi, count);
    }

    /** Width of one bin. */
    public double width() {
        return (upper - lower) / count;
    }

    /** The {@code count + 1} bin edges, from lower to upper. */
    public double[] edges() {
        double[] e = new double[count + 1];
        for (int k = 0; k <= count; k++) {
            e[k] = k == count ? upper : lower + k * width();
        }
        return e;
    }

    /** Bin of {@code value}, clamped into [0, count − 1]; the upper edge belongs to the last bin. */
    public int binOf(double value) {
        int k = (int) Math.floor((value - lower) / width());
        return Math.max(0, Math.min(count - 1, k));
    }

    /** How many of {@code values} fall in each bin (NaN skipped, infinities clamped). */
    public long[] counts(double[] values) {
        long[] c = new long[count];
        for (double v : values) {
            if (!Double.isNaN(v)) {
                c[binOf(v)]++;
            }
        }
        return c;
    }
}
