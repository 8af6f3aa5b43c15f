package org.lethe.engine.unlearning.amnesiac;

import org.lethe.engine.model.Release;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One stored flat parameter vector, in float when the network is FLOAT and in double when it is
 * DOUBLE, so that the storage equals what the network's precision costs.
 */
final class FlatDelta {

    private final float[] floats;
    private final double[] doubles;

    private FlatDelta(float[] floats, double[] doubles) {
        this.floats = floats;
        this.doubles = doubles;
    }

    /** A zero vector of {@code n} entries in the given precision. */
    static FlatDelta zeros(int n, boolean doublePrecision) {
        return doublePrecision ? new FlatDelta(null, new double[n]) : new FlatDelta(new float[n], null);
    }

    /** {@code after − before}, computed in the arrays' own precision. */
    static FlatDelta difference(INDArray before, INDArray after) {
        INDArray d = after.sub(before);
        try {
            INDArray flat = d.reshape(d.length());
            return d.dataType() == DataType.DOUBLE
                    ? new FlatDelta(null, flat.toDoubleVector())
                    : new FlatDelta(flat.castTo(DataType.FLOAT).toFloatVector(), null);
        } finally {
            Release.all(d);
        }
    }

    int length() {
        return doubles != null ? doubles.length : floats.length;
    }

    boolean isDouble() {
        return doubles != null;
    }

    /** Bytes of the stored values. */
    long bytes() {
        return (long) length() * (doubles != null ? Double.BYTES : Float.BYTES);
    }

    /** {@code this += scale · v}, in the stored precision. */
    void addScaled(double[] v, double scale) {
        if (doubles != null) {
            for (int i = 0; i < doubles.length; i++) {
                doubles[i] += scale * v[i];
            }
        } else {
            for (int i = 0; i < floats.length; i++) {
                floats[i] += (float) (scale * v[i]);
            }
        }
    }

    /** {@code target += sign · this}, in double. */
    void addTo(double[] target, double sign) {
        if (doubles != null) {
            for (int i = 0; i < doubles.length; i++) {
                target[i] += sign * doubles[i];
            }
        } else {
            for (int i = 0; i < floats.length; i++) {
                target[i] += sign * floats[i];
            }
        }
    }

    /** The values as a new double array. */
    double[] toDoubles() {
        double[] out = new double[length()];
        addTo(out, 1);
        return out;
    }
}
