package org.lethe.engine.model.optim;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Moves flat vectors between ND4J arrays and Java arrays. */
public final class FlatVectors {

    /** Per-thread float scratch space for conversions. */
    private static final ThreadLocal<float[]> FLOATS = ThreadLocal.withInitial(() -> new float[0]);

    private FlatVectors() {
    }

    /** The values of a vector (rank 1 or a single row/column) as doubles. */
    public static double[] read(INDArray v) {
        return read(v, null);
    }

    /** As {@link #read(INDArray)}, into {@code into} when it has the right length. */
    static double[] read(INDArray v, double[] into) {
        INDArray c = direct(v) ? v : v.dup('c');
        int n = Math.toIntExact(c.length());
        double[] out = into != null && into.length == n ? into : new double[n];
        if (c.dataType() == DataType.FLOAT) {
            float[] f = FLOATS.get();
            if (f.length != n) {
                f = new float[n];
                FLOATS.set(f);
            }
            nio(c).asFloatBuffer().get(f);
            for (int i = 0; i < n; i++) {
                out[i] = f[i];
            }
        } else if (c.dataType() == DataType.DOUBLE) {
            nio(c).asDoubleBuffer().get(out);
        } else {
            return c.reshape(n).toDoubleVector();
        }
        return out;
    }

    /** The values of a vector as floats, into {@code into} when it has the right length. */
    static float[] readFloats(INDArray v, float[] into) {
        INDArray c = direct(v) && v.dataType() == DataType.FLOAT ? v : v.castTo(DataType.FLOAT).dup('c');
        int n = Math.toIntExact(c.length());
        float[] out = into != null && into.length == n ? into : new float[n];
        nio(c).asFloatBuffer().get(out);
        return out;
    }

    /** Overwrites the values of a FLOAT vector with {@code values}. */
    static void writeFloats(INDArray target, float[] values) {
        if (values.length != target.length()) {
            throw new IllegalArgumentException(values.length + " values for a vector of " + target.length());
        }
        if (direct(target) && target.dataType() == DataType.FLOAT) {
            nio(target).asFloatBuffer().put(values);
        } else {
            target.assign(Nd4j.createFromArray(values).reshape(target.shape()));
        }
    }

    /** Overwrites the values of vector {@code target} (in place, keeping its type) with {@code values}. */
    public static void write(INDArray target, double[] values) {
        if (values.length != target.length()) {
            throw new IllegalArgumentException(values.length + " values for a vector of " + target.length());
        }
        if (direct(target) && target.dataType() == DataType.FLOAT) {
            float[] f = FLOATS.get();
            if (f.length != values.length) {
                f = new float[values.length];
                FLOATS.set(f);
            }
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) values[i];
            }
            nio(target).asFloatBuffer().put(f);
        } else if (direct(target) && target.dataType() == DataType.DOUBLE) {
            nio(target).asDoubleBuffer().put(values);
        } else {
            target.assign(Nd4j.createFromArray(values).reshape(target.shape()));
        }
    }

    /** Whether the array owns its whole buffer, so bulk NIO access sees exactly its values in order. */
    private static boolean direct(INDArray v) {
        return !v.isView() && v.ordering() == 'c' && v.data().length() == v.length() && v.data().offset() == 0;
    }

    private static ByteBuffer nio(INDArray v) {
        return v.data().asNio().order(ByteOrder.nativeOrder());
    }

    /** Which entries a 0/1 mask lets through; {@code null} for no mask. */
    static boolean[] readMask(INDArray mask, long length) {
        if (mask == null) {
            return null;
        }
        if (mask.length() != length) {
            throw new IllegalArgumentException("mask of " + mask.length() + " entries for " + length + " parameters");
        }
        double[] m = read(mask);
        boolean[] on = new boolean[m.length];
        for (int i = 0; i < m.length; i++) {
            on[i] = m[i] != 0;
        }
        return on;
    }

    static void checkSameLength(INDArray params, INDArray grad) {
        if (params.length() != grad.length()) {
            throw new IllegalArgumentException("gradient of " + grad.length() + " values for " + params.length()
                    + " parameters");
        }
    }
}
