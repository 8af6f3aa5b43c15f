package org.lethe.engine.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.SplittableRandom;
import org.lethe.engine.data.ImageShape;
import org.lethe.engine.data.ImageSplit;

/**
 * Training-time image augmentation as torchvision's {@code RandomCrop(size, padding=p)} followed by
 * {@code RandomHorizontalFlip()}: each image is padded with {@code p} black pixels on every side, a
 * window of the original size is cut at a random offset, and the result is mirrored left-right with
 * probability 1/2. Applied by {@link Trainer} to training batches only, never to evaluation.
 *
 * <p>Deterministic: the choice for a sample depends only on the seed, the epoch and the sample's
 * index in its split, not on the batch it lands in. A {@link Trainer#replay replay} therefore sees
 * the same augmented images, and a replay without some samples gives every remaining sample the
 * augmentation it had in the original run.
 *
 * @param cropPadding {@code p} in [0, 64]; 0 switches the random crop off
 * @param horizontalFlip whether to mirror half of the images
 */
public record Augmentation(int cropPadding, boolean horizontalFlip) {

    /** No augmentation. */
    public static final Augmentation NONE = new Augmentation(0, false);

    public Augmentation {
        if (cropPadding < 0 || cropPadding > 64) {
            throw new IllegalArgumentException("crop padding must be in [0, 64] pixels, was " + cropPadding);
        }
    }

    /** The usual CIFAR recipe: random crop with padding 4 and horizontal flips. */
    public static Augmentation cropAndFlip() {
        return new Augmentation(4, true);
    }

    /** Whether this changes any image. */
    @JsonIgnore
    public boolean active() {
        return cropPadding > 0 || horizontalFlip;
    }

    /**
     * Writes the augmented, [0, 1]-scaled image {@code index} of {@code split} to
     * {@code out[offset .. offset + pixelsPerImage)}.
     *
     * @param scratch at least {@code pixelsPerImage} floats of scratch space
     */
    void apply(ImageSplit split, int index, long seed, int epoch, float[] scratch, float[] out, int offset) {
        split.copyImageScaled(index, scratch, 0);
        SplittableRandom random = new SplittableRandom(mix(seed, epoch, index));
        int p = cropPadding;
        int dy = p == 0 ? 0 : random.nextInt(2 * p + 1) - p;
        int dx = p == 0 ? 0 : random.nextInt(2 * p + 1) - p;
        boolean flip = horizontalFlip && random.nextBoolean();
        ImageShape s = split.shape();
        int h = s.height();
        int w = s.width();
        for (int c = 0; c < s.channels(); c++) {
            int plane = c * h * w;
            for (int y = 0; y < h; y++) {
                int sy = y + dy;
                int row = offset + plane + y * w;
                if (sy < 0 || sy >= h) {
                    java.util.Arrays.fill(out, row, row + w, 0f);
                    continue;
                }
                int srcRow = plane + sy * w;
                for (int x = 0; x < w; x++) {
                    int sx = (flip ? w - 1 - x : x) + dx;
                    out[row + x] = sx < 0 || sx >= w ? 0f : scratch[srcRow + sx];
                }
            }
        }
    }

    /** A well-spread 64-bit key from (seed, epoch, index) (SplitMix64's finaliser over a combination). */
    static long mix(long seed, int epoch, int index) {
        long z = seed * 0x9E3779B97F4A7C15L + ((long) epoch << 32 | (index & 0xFFFFFFFFL)) + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
