package org.lethe.engine.evaluation.metric;

import java.util.Objects;

/**
 * Per-sample class-probability vectors stored row by row in one flat {@code float[]} of length
 * {@code rows × numClasses} (row {@code i} occupies {@code [i·C, (i+1)·C)}).
 *
 * <p>Validated on construction: every value is finite and in [0, 1] and every row sums to one
 * within {@link #ROW_SUM_TOLERANCE} (so logits passed by mistake are caught). The array is copied,
 * so the instance is immutable.
 */
public final class ProbabilityRows {

    /** How far a row sum may be from 1 (float softmax outputs are well inside this). */
    public static final double ROW_SUM_TOLERANCE = 1e-3;

    private final float[] values;
    private final int numClasses;
    private final int rows;

    private ProbabilityRows(float[] values, int numClasses) {
        this.values = values;
        this.numClasses = numClasses;
        this.rows = values.length / numClasses;
    }

    /**
     * Wraps (a copy of) a flat probability array.
     *
     * @param name what the rows are, used in error messages (e.g. "retrained model on forget set")
     * @param flat {@code rows × numClasses} probabilities, row-major
     * @param numClasses number of classes, at least 2
     * @throws MetricInputException if the shape or a value is invalid
     */
    public static ProbabilityRows of(String name, float[] flat, int numClasses) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(flat, name);
        if (numClasses < 2) {
            throw new MetricInputException(name + ": number of classes is " + numClasses
                    + ", expected at least 2");
        }
        if (flat.length % numClasses != 0) {
            throw new MetricInputException(name + ": " + flat.length
                    + " probabilities, expected a multiple of the " + numClasses + " classes");
        }
        float[] copy = flat.clone();
        int rows = copy.length / numClasses;
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int c = 0; c < numClasses; c++) {
                float v = copy[r * numClasses + c];
                if (!(v >= 0f && v <= 1f)) {
                    throw new MetricInputException(name + ": probability of class " + c + " in row "
                            + r + " is " + v + ", expected a number in [0, 1]");
                }
                sum += v;
            }
            if (Math.abs(sum - 1.0) > ROW_SUM_TOLERANCE) {
                throw new MetricInputException(name + ": row " + r + " sums to " + sum
                        + ", expected 1 (are these logits rather than probabilities?)");
            }
        }
        return new ProbabilityRows(copy, numClasses);
    }

    /** Same as {@link #of(String, float[], int)} with a generic name. */
    public static ProbabilityRows of(float[] flat, int numClasses) {
        return of("probabilities", flat, numClasses);
    }

    /** Number of samples (rows). */
    public int rows() {
        return rows;
    }

    /** Number of classes (columns). */
    public int numClasses() {
        return numClasses;
    }

    /** Probability of class {@code c} for sample {@code row}. */
    public double get(int row, int c) {
        return values[row * numClasses + c];
    }

    /** A copy of one row, widened to double. */
    public double[] row(int row) {
        double[] out = new double[numClasses];
        int base = row * numClasses;
        for (int c = 0; c < numClasses; c++) {
            out[c] = values[base + c];
        }
        return out;
    }

    /** The predicted class of a row: the first index of its largest probability. */
    public int argmax(int row) {
        int base = row * numClasses;
        int best = 0;
        for (int c = 1; c < numClasses; c++) {
            if (values[base + c] > values[base + best]) {
                best = c;
            }
        }
        return best;
    }

    /**
     * Checks that {@code other} has the same shape, naming both in the message otherwise.
     *
     * @throws MetricInputException if rows or classes differ
     */
    public void requireSameShape(ProbabilityRows other, String what) {
        if (other.rows != rows || other.numClasses != numClasses) {
            throw new MetricInputException(what + ": shapes differ, " + rows + " × " + numClasses
                    + " against " + other.rows + " × " + other.numClasses
                    + ", expected the same samples and classes");
        }
    }
}
