package org.lethe.engine.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * One split (train or test) of an {@link ImageDataset}: {@code count} images of one
 * {@link ImageShape}, stored back to back as unsigned bytes, and one label per image.
 *
 * <p>Immutable: the arrays are owned by the split and never handed out.
 */
public final class ImageSplit {

    private final String name;
    private final ImageShape shape;
    private final byte[] pixels;
    private final byte[] labels;

    /**
     * Creates a split; takes ownership of the arrays.
     *
     * @param name "train" or "test"
     * @param shape the shape of every image
     * @param pixels {@code labels.length * shape.pixelsPerImage()} unsigned bytes
     * @param labels one class index (0..255, unsigned) per image
     */
    public ImageSplit(String name, ImageShape shape, byte[] pixels, byte[] labels) {
        this.name = Objects.requireNonNull(name, "name");
        this.shape = Objects.requireNonNull(shape, "shape");
        this.pixels = Objects.requireNonNull(pixels, "pixels");
        this.labels = Objects.requireNonNull(labels, "labels");
        if ((long) labels.length * shape.pixelsPerImage() != pixels.length) {
            throw new IllegalArgumentException(name + ": " + labels.length + " labels but "
                    + pixels.length + " pixel bytes for images of " + shape.pixelsPerImage());
        }
    }

    /** An empty split of the given shape. */
    public static ImageSplit empty(String name, ImageShape shape) {
        return new ImageSplit(name, shape, new byte[0], new byte[0]);
    }

    /** "train" or "test". */
    public String name() {
        return name;
    }

    /** The shape of every image. */
    public ImageShape shape() {
        return shape;
    }

    /** Number of images. */
    public int count() {
        return labels.length;
    }

    /** The class index of image {@code i}. */
    public int label(int i) {
        return labels[i] & 0xFF;
    }

    /** The unsigned value (0..255) of byte {@code offset} of image {@code i}. */
    public int pixel(int i, int offset) {
        return pixels[i * shape.pixelsPerImage() + offset] & 0xFF;
    }

    /** Copies image {@code i}'s bytes into {@code target} at {@code targetOffset}. */
    public void copyImage(int i, byte[] target, int targetOffset) {
        int n = shape.pixelsPerImage();
        System.arraycopy(pixels, i * n, target, targetOffset, n);
    }

    /**
     * Writes image {@code i} scaled to [0, 1] into {@code target} at {@code targetOffset}
     * (channel-major, as stored). This is the path from stored bytes to a network's input.
     */
    public void copyImageScaled(int i, float[] target, int targetOffset) {
        int n = shape.pixelsPerImage();
        int base = i * n;
        for (int p = 0; p < n; p++) {
            target[targetOffset + p] = (pixels[base + p] & 0xFF) * (1f / 255f);
        }
    }

    /** Images per class, for classes {@code 0..numClasses-1}. */
    public int[] countsPerClass(int numClasses) {
        int[] counts = new int[numClasses];
        for (byte label : labels) {
            counts[label & 0xFF]++;
        }
        return counts;
    }

    /** A view of every image in this split. */
    public IndexView all(String tag) {
        int[] indices = new int[count()];
        Arrays.setAll(indices, i -> i);
        return new IndexView(this, indices, tag);
    }

    /** Feeds labels and pixels into a content digest. */
    void digestInto(java.security.MessageDigest digest) {
        digest.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        digest.update(java.nio.ByteBuffer.allocate(16).putInt(shape.channels()).putInt(shape.height())
                .putInt(shape.width()).putInt(count()).array());
        digest.update(labels);
        digest.update(pixels);
    }
}
