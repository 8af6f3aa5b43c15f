package org.lethe.engine.evaluation.metric;

import java.util.Collection;
import java.util.Locale;
import java.util.Objects;

/**
 * Mean and sample standard deviation (divisor n − 1) of a metric over repeated runs, e.g. seeds.
 *
 * @param mean the arithmetic mean
 * @param std the sample standard deviation; NaN when there is a single value
 * @param count how many values were summarised, at least 1
 */
public record MeanStd(double mean, double std, int count) {

    /** Checks the count and that the mean is a number. */
    public MeanStd {
        if (count < 1) {
            throw new MetricInputException("mean ± std over " + count + " values, expected at least one");
        }
        if (Double.isNaN(mean)) {
            throw new MetricInputException("mean ± std: mean is NaN, expected a number");
        }
    }

    /**
     * Summarises the values.
     *
     * @throws MetricInputException if there are none or one is NaN
     */
    public static MeanStd of(double... values) {
        Objects.requireNonNull(values, "values");
        if (values.length == 0) {
            throw new MetricInputException("mean ± std: no values, expected at least one");
        }
        double sum = 0;
        for (int k = 0; k < values.length; k++) {
            if (Double.isNaN(values[k])) {
                throw new MetricInputException("mean ± std: value " + k + " is NaN, expected a number");
            }
            sum += values[k];
        }
        double mean = sum / values.length;
        if (values.length == 1) {
            return new MeanStd(mean, Double.NaN, 1);
        }
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return new MeanStd(mean, Math.sqrt(squares / (values.length - 1)), values.length);
    }

    /** Summarises a collection of values. */
    public static MeanStd of(Collection<Double> values) {
        return of(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Whether a spread exists (more than one value). */
    public boolean hasSpread() {
        return count > 1;
    }

    /** "94.49 ± 0.12" with the given decimals, or just the mean for a single value. */
    public String format(int decimals) {
        String pattern = "%." + decimals + "f";
        String m = String.format(Locale.ROOT, pattern, mean);
        return hasSpread() ? m + " ± " + String.format(Locale.ROOT, pattern, std) : m;
    }
}
