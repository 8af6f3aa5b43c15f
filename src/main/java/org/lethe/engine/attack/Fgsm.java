package org.lethe.engine.attack;

import org.lethe.engine.model.Network;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fast gradient sign method (Goodfellow et al., 2015) in the ℓ∞ form that Boundary Shrink uses:
 * one step of size {@code bound} along the sign of the input gradient of the cross-entropy, then
 * clipping to the valid pixel range [0, 1] and snapping to the 8-bit grid (multiples of 1/255), so
 * that the result is again an image that could be stored.
 *
 * <p>Snapping differs slightly from the reference code, which rounds to the nearest grid value and
 * can therefore exceed the bound by up to half a grey level (0.1 = 25.5/255 rounds to 26/255). Here a
 * snapped value that would leave the ℓ∞ ball is moved one grey level back towards the clean pixel,
 * so the perturbation never exceeds {@code bound} (for pixels on the grid: at most
 * {@code floor(255·bound)/255}).
 *
 * <p>The model is only read. {@link Network} implementations serialise concurrent calls, so a caller
 * that attacks from several threads should give each its own {@link Network#copy()}.
 */
public final class Fgsm {

    /** Width of one grey level. */
    public static final double GRID = 1.0 / 255.0;

    private static final double TOLERANCE = 1e-6;

    private Fgsm() {
    }

    /**
     * Perturbs a batch of images.
     *
     * @param model the attacked model (not changed)
     * @param features images {@code [b, c*h*w]} (or {@code [b, c, h, w]}) with values in [0, 1]
     * @param labels the true class of each image; the attack raises its cross-entropy
     * @param bound the ℓ∞ budget, in [1/255, 1]
     * @return the perturbed images, shaped and typed like {@code features}
     * @throws IllegalArgumentException if the bound is outside [1/255, 1] or labels do not match the batch
     */
    public static INDArray perturb(Network model, INDArray features, int[] labels, double bound) {
        if (!(bound >= GRID - TOLERANCE && bound <= 1)) {
            throw new IllegalArgumentException("FGSM bound must be in [1/255, 1], was " + bound);
        }
        if (features.size(0) != labels.length) {
            throw new IllegalArgumentException(labels.length + " labels for a batch of " + features.size(0));
        }
        INDArray gradient = model.inputGradient(features, labels);
        double[] x = flat(features);
        double[] g = flat(gradient);
        double[] adv = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            adv[i] = step(x[i], Math.signum(g[i]), bound);
        }
        return Nd4j.createFromArray(adv).reshape('c', features.shape()).castTo(features.dataType());
    }

    /** One pixel: step, clip, snap to the grid without leaving the ℓ∞ ball around {@code x}. */
    static double step(double x, double direction, double bound) {
        double moved = Math.min(1, Math.max(0, x + direction * bound));
        double snapped = Math.round(moved * 255.0) / 255.0;
        double delta = snapped - x;
        if (Math.abs(delta) > bound + TOLERANCE) {
            snapped -= Math.signum(delta) * GRID;
        }
        return snapped;
    }

    private static double[] flat(INDArray a) {
        return a.castTo(DataType.DOUBLE).reshape('c', new long[] {a.length()}).toDoubleVector();
    }
}
