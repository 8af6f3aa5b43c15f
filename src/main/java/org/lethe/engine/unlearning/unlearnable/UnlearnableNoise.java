package org.lethe.engine.unlearning.unlearnable;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import org.lethe.engine.data.ImageSplit;
import org.lethe.engine.data.IndexView;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Additive noise for the images of one training split, in pixel units of [0, 1]: one row of
 * {@code dimension} values per sample (sample-wise, keyed by split index) or per class (class-wise).
 * Every value lies in {@code [-eps, eps]}. Immutable.
 */
public final class UnlearnableNoise {

    private final NoiseMode mode;
    private final double eps;
    private final int dimension;
    private final float[] values;
    /** Sample-wise: split index of each row. Class-wise: empty. */
    private final int[] splitIndices;
    /** Sample-wise: row of each split index (or -1), sized to the largest index + 1. */
    private final int[] rowOf;

    private UnlearnableNoise(NoiseMode mode, double eps, int dimension, float[] values, int[] splitIndices) {
        this.mode = Objects.requireNonNull(mode, "mode");
        if (!(eps > 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("noise radius must be a positive number, was " + eps);
        }
        if (dimension < 1 || values.length % dimension != 0) {
            throw new IllegalArgumentException(values.length + " noise values do not form rows of " + dimension);
        }
        float bound = (float) eps;
        for (int k = 0; k < values.length; k++) {
            if (!(Math.abs(values[k]) <= bound)) {
                throw new IllegalArgumentException("noise value " + values[k] + " at " + k + " outside [-" + eps
                        + ", " + eps + "]");
            }
        }
        this.eps = eps;
        this.dimension = dimension;
        this.values = values;
        this.splitIndices = splitIndices;
        int max = -1;
        for (int i : splitIndices) {
            if (i < 0) {
                throw new IllegalArgumentException("negative split index " + i);
            }
            max = Math.max(max, i);
        }
        this.rowOf = new int[max + 1];
        Arrays.fill(rowOf, -1);
        for (int r = 0; r < splitIndices.length; r++) {
            if (rowOf[splitIndices[r]] >= 0) {
                throw new IllegalArgumentException("split index " + splitIndices[r] + " appears twice");
            }
            rowOf[splitIndices[r]] = r;
        }
    }

    /**
     * Sample-wise noise: row {@code r} of {@code values} belongs to split index {@code splitIndices[r]}.
     *
     * @throws IllegalArgumentException if a value lies outside {@code [-eps, eps]} or the sizes disagree
     */
    public static UnlearnableNoise sampleWise(double eps, int dimension, int[] splitIndices, float[] values) {
        if ((long) splitIndices.length * dimension != values.length) {
            throw new IllegalArgumentException(values.length + " noise values for " + splitIndices.length
                    + " samples of dimension " + dimension);
        }
        return new UnlearnableNoise(NoiseMode.SAMPLE_WISE, eps, dimension, values.clone(), splitIndices.clone());
    }

    /**
     * Class-wise noise: row {@code c} of {@code values} is added to every image of class {@code c}.
     *
     * @throws IllegalArgumentException if a value lies outside {@code [-eps, eps]} or the sizes disagree
     */
    public static UnlearnableNoise classWise(double eps, int dimension, int numClasses, float[] values) {
        if ((long) numClasses * dimension != values.length) {
            throw new IllegalArgumentException(values.length + " noise values for " + numClasses
                    + " classes of dimension " + dimension);
        }
        return new UnlearnableNoise(NoiseMode.CLASS_WISE, eps, dimension, values.clone(), new int[0]);
    }

    /**
     * Uniform random noise in {@code [-eps, eps]} of the same form as min-min noise (the paper's
     * control): one row per sample of {@code samples} or one per class.
     */
    public static UnlearnableNoise random(NoiseMode mode, double eps, IndexView samples, int numClasses, long seed) {
        int d = samples.split().shape().pixelsPerImage();
        int rows = mode == NoiseMode.SAMPLE_WISE ? samples.size() : numClasses;
        SplittableRandom random = new SplittableRandom(seed);
        float[] v = new float[rows * d];
        float bound = (float) eps;
        for (int k = 0; k < v.length; k++) {
            v[k] = Math.max(-bound, Math.min(bound, (float) ((2 * random.nextDouble() - 1) * eps)));
        }
        return mode == NoiseMode.SAMPLE_WISE ? sampleWise(eps, d, samples.toArray(), v)
                : classWise(eps, d, numClasses, v);
    }

    /** Sample-wise or class-wise. */
    public NoiseMode mode() {
        return mode;
    }

    /** The L-infinity radius every value respects. */
    public double eps() {
        return eps;
    }

    /** Values per row (pixels per image). */
    public int dimension() {
        return dimension;
    }

    /** Number of rows: samples (sample-wise) or classes (class-wise). */
    public int rows() {
        return values.length / dimension;
    }

    /** Sample-wise: the split indices the rows belong to (a copy); class-wise: empty. */
    public int[] splitIndices() {
        return splitIndices.clone();
    }

    /** All values, row after row (a copy). */
    public float[] values() {
        return values.clone();
    }

    /** Whether this noise has a row for the image at {@code splitIndex} with label {@code label}. */
    public boolean covers(int splitIndex, int label) {
        if (mode == NoiseMode.CLASS_WISE) {
            return label >= 0 && label < rows();
        }
        return splitIndex >= 0 && splitIndex < rowOf.length && rowOf[splitIndex] >= 0;
    }

    /**
     * The noise row of the image at {@code splitIndex} with label {@code label} (a copy).
     *
     * @throws IllegalArgumentException if this noise has no row for it
     */
    public float[] delta(int splitIndex, int label) {
        int off = offset(splitIndex, label);
        return Arrays.copyOfRange(values, off, off + dimension);
    }

    /** Adds the image's noise to {@code x[offset .. offset + dimension)} and clips to [0, 1]. */
    public void addTo(int splitIndex, int label, float[] x, int offset) {
        int off = offset(splitIndex, label);
        for (int k = 0; k < dimension; k++) {
            x[offset + k] = Math.min(1f, Math.max(0f, x[offset + k] + values[off + k]));
        }
    }

    /**
     * The perturbed features {@code clip(x + δ, 0, 1)} of split images, shaped {@code [b, c*h*w]} as
     * {@link org.lethe.engine.model.Features} makes them.
     */
    public INDArray perturbedFeatures(ImageSplit split, int[] indices) {
        int d = split.shape().pixelsPerImage();
        if (d != dimension) {
            throw new IllegalArgumentException("images of " + d + " values for noise of dimension " + dimension);
        }
        float[] x = new float[indices.length * d];
        for (int j = 0; j < indices.length; j++) {
            split.copyImageScaled(indices[j], x, j * d);
            addTo(indices[j], split.label(indices[j]), x, j * d);
        }
        return Nd4j.create(x, new long[] {indices.length, d}, 'c');
    }

    /** The largest absolute value. */
    public double maxAbs() {
        float m = 0;
        for (float v : values) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** The mean absolute value. */
    public double meanAbs() {
        double s = 0;
        for (float v : values) {
            s += Math.abs(v);
        }
        return values.length == 0 ? 0 : s / values.length;
    }

    private int offset(int splitIndex, int label) {
        if (!covers(splitIndex, label)) {
            throw new IllegalArgumentException(mode.id() + "-wise noise has no row for split index " + splitIndex
                    + " (label " + label + ")");
        }
        int row = mode == NoiseMode.CLASS_WISE ? label : rowOf[splitIndex];
        return row * dimension;
    }

    @Override
    public String toString() {
        return mode.id() + "-wise noise, " + rows() + " rows of " + dimension + ", eps " + eps;
    }
}
