package org.lethe.viz;

import java.util.Objects;
import org.lethe.engine.evaluation.metric.MeanStd;

/**
 * A method's cost and quality, as fed to {@link CostGapChart}.
 *
 * @param method the method's display name
 * @param seconds wall-clock unlearning time in seconds (mean ± std over runs; mean must be positive)
 * @param avgGap Avg Gap to the retrained model in percentage points (mean ± std over runs)
 */
public record MethodCost(String method, MeanStd seconds, MeanStd avgGap) {

    /** Checks the parts; the time must be positive (it may go on a log axis). */
    public MethodCost {
        Charts.requireName(method, "method");
        Objects.requireNonNull(seconds, "seconds");
        Objects.requireNonNull(avgGap, "avgGap");
        if (!(seconds.mean() > 0) || Double.isInfinite(seconds.mean())) {
            throw new IllegalArgumentException(method + ": time " + seconds.mean() + " s, expected a positive number");
        }
    }

    /** A single run (no error bars). */
    public static MethodCost single(String method, double seconds, double avgGap) {
        return new MethodCost(method, MeanStd.of(seconds), MeanStd.of(avgGap));
    }
}
