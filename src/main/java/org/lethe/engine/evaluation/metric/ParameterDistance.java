package org.lethe.engine.evaluation.metric;

import java.util.Objects;

/**
 * Distances between flat parameter vectors (DeltaGrad's evaluation): the L2 distance
 * ‖θ_U − θ_R‖₂ between the unlearned and the retrained model, and the same distance relative to
 * how far the original model was from the retrained one, ‖θ_U − θ_R‖ / ‖θ_O − θ_R‖ (0 means the
 * unlearned model reached the retrained one; 1 means it is as far away as the original).
 *
 * <p>Only meaningful when retraining started from the same initialisation and visited the data
 * in the same order minus the forget set. Sums are accumulated in double.
 */
public final class ParameterDistance {

    private ParameterDistance() {
    }

    /**
     * The relative distance with its parts.
     *
     * @param distance ‖θ_U − θ_R‖₂
     * @param originalDistance ‖θ_O − θ_R‖₂, the denominator
     * @param value distance / originalDistance, NaN when {@link #defined()} is false
     */
    public record Relative(double distance, double originalDistance, double value) {

        /** Whether the ratio exists: false when the original and retrained models coincide. */
        public boolean defined() {
            return originalDistance > 0;
        }
    }

    /** ‖a − b‖₂ of two vectors of the same length. */
    public static double l2(double[] a, double[] b) {
        requireSameLength(a.length, b.length);
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            double d = a[k] - b[k];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }

    /** ‖a − b‖₂ of two float vectors (differences and sum taken in double). */
    public static double l2(float[] a, float[] b) {
        requireSameLength(a.length, b.length);
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            double d = (double) a[k] - (double) b[k];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }

    /**
     * ‖θ_U − θ_R‖ / ‖θ_O − θ_R‖.
     *
     * @param unlearned θ_U
     * @param retrained θ_R
     * @param original θ_O
     * @return the ratio with numerator and denominator; value NaN and {@code defined() == false}
     *     when θ_O equals θ_R
     */
    public static Relative relative(double[] unlearned, double[] retrained, double[] original) {
        Objects.requireNonNull(original, "original");
        double num = l2(unlearned, retrained);
        double den = l2(original, retrained);
        return new Relative(num, den, den > 0 ? num / den : Double.NaN);
    }

    /** Float version of {@link #relative(double[], double[], double[])}. */
    public static Relative relative(float[] unlearned, float[] retrained, float[] original) {
        Objects.requireNonNull(original, "original");
        double num = l2(unlearned, retrained);
        double den = l2(original, retrained);
        return new Relative(num, den, den > 0 ? num / den : Double.NaN);
    }

    private static void requireSameLength(int a, int b) {
        if (a != b) {
            throw new MetricInputException("parameter vectors have " + a + " and " + b
                    + " entries, expected the same architecture");
        }
    }
}
