package org.lethe.engine.model.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of an optimizer's state: its step count and its per-parameter buffers (Adam's first and
 * second moments, SGD's momentum), so that training can continue exactly where it stopped after a
 * model is saved and loaded.
 *
 * @param steps steps taken
 * @param buffers named buffers, each one value per parameter (copies)
 */
public record OptimizerState(long steps, Map<String, double[]> buffers) {

    public OptimizerState {
        Map<String, double[]> copy = new LinkedHashMap<>();
        Objects.requireNonNull(buffers, "buffers").forEach((k, v) -> copy.put(k, v.clone()));
        buffers = java.util.Collections.unmodifiableMap(copy);
    }

    /** The state of an optimizer that has not stepped yet. */
    public static OptimizerState initial() {
        return new OptimizerState(0, Map.of());
    }

    /** A copy of buffer {@code name}, or null. */
    public double[] buffer(String name) {
        double[] b = buffers.get(name);
        return b == null ? null : b.clone();
    }

    static double[] widen(float[] values) {
        if (values == null) {
            return null;
        }
        double[] d = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            d[i] = values[i];
        }
        return d;
    }

    static float[] narrow(double[] values) {
        if (values == null) {
            return null;
        }
        float[] f = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }
}
