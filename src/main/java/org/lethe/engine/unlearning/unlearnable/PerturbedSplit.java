package org.lethe.engine.unlearning.unlearnable;

import java.util.Objects;
import org.lethe.engine.data.ImageSplit;

/**
 * Writes noise into chosen images of a split and returns the result as a new 8-bit
 * {@link ImageSplit}, the form in which unlearnable images are published (and the form the
 * reference code trains on: it adds {@code 255·δ}, clips to [0, 255] and casts to uint8). The other
 * images and all labels are copied unchanged, so every index keeps its meaning and the perturbed
 * split can be trained with the ordinary {@link org.lethe.engine.model.Trainer}.
 *
 * <p>Quantisation, per pixel value {@code p} in 0..255 and noise {@code δ}: with the signed noise of
 * the paper the change is {@code q = round(255·δ)}, limited to {@code ±floor(255·ε)} so that the
 * 8-bit image still lies within ε of the original; with {@code dropNegative} (the reference code's
 * loader, which clamps {@code 255·δ} to [0, 255] before adding and then truncates) it is
 * {@code q = floor(max(0, 255·δ))}. The new value is {@code clamp(p + q, 0, 255)}. A radius below
 * 1/255 therefore changes nothing.
 */
public final class PerturbedSplit {

    private PerturbedSplit() {
    }

    /**
     * A copy of {@code clean} with {@code noise} written into the images at {@code indices}.
     *
     * @param clean the original split
     * @param noise noise that {@link UnlearnableNoise#covers covers} every chosen image
     * @param indices split indices of the images to perturb (D_u); others stay clean
     * @param dropNegative the reference code's behaviour: negative noise components are dropped
     * @throws IllegalArgumentException if an index is outside the split, the noise has no row for an
     *     image, or the dimensions differ
     */
    public static ImageSplit of(ImageSplit clean, UnlearnableNoise noise, int[] indices, boolean dropNegative) {
        Objects.requireNonNull(clean, "clean");
        Objects.requireNonNull(noise, "noise");
        int d = clean.shape().pixelsPerImage();
        if (noise.dimension() != d) {
            throw new IllegalArgumentException("noise of dimension " + noise.dimension() + " for images of " + d
                    + " values");
        }
        int n = clean.count();
        byte[] pixels = new byte[n * d];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            clean.copyImage(i, pixels, i * d);
            labels[i] = (byte) clean.label(i);
        }
        int limit = levels(noise.eps());
        for (int i : indices) {
            if (i < 0 || i >= n) {
                throw new IllegalArgumentException("index " + i + " outside " + clean.name() + " split of " + n);
            }
            float[] delta = noise.delta(i, clean.label(i));
            int base = i * d;
            for (int k = 0; k < d; k++) {
                int q = dropNegative ? (int) Math.floor(Math.max(0.0, 255.0 * delta[k]))
                        : (int) Math.round(255.0 * delta[k]);
                q = Math.max(-limit, Math.min(limit, q));
                int v = (pixels[base + k] & 0xFF) + q;
                pixels[base + k] = (byte) Math.max(0, Math.min(255, v));
            }
        }
        return new ImageSplit(clean.name(), clean.shape(), pixels, labels);
    }

    /** The largest change in 8-bit levels a radius allows: {@code floor(255·eps)} (guarding rounding). */
    public static int levels(double eps) {
        return (int) Math.floor(255.0 * eps + 1e-6);
    }
}
