package org.lethe.engine.model;

import java.util.Arrays;
import org.lethe.engine.data.ImageSplit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns stored images into network input: pixels scaled to [0, 1], one row per image, channel-major,
 * shaped {@code [b, c*h*w]}. A caller-owned float buffer is reused between batches.
 */
public final class Features {

    private Features() {
    }

    /**
     * The features of {@code split} images {@code indices[from..to)}.
     *
     * @param buffer scratch space of at least {@code (to - from) * pixelsPerImage} floats, or null
     */
    public static INDArray of(ImageSplit split, int[] indices, int from, int to, float[] buffer) {
        int d = split.shape().pixelsPerImage();
        int b = to - from;
        float[] buf = buffer != null && buffer.length >= b * d ? buffer : new float[b * d];
        for (int j = 0; j < b; j++) {
            split.copyImageScaled(indices[from + j], buf, j * d);
        }
        float[] data = buf.length == b * d ? buf : Arrays.copyOf(buf, b * d);
        return Nd4j.create(data, new long[] {b, d}, 'c');
    }

    /**
     * As {@link #of}, with each image augmented as {@code augmentation} chooses for (seed, epoch,
     * split index); without an active augmentation exactly {@link #of}.
     */
    public static INDArray augmented(ImageSplit split, int[] indices, int from, int to, float[] buffer,
                                     Augmentation augmentation, long seed, int epoch) {
        if (!augmentation.active()) {
            return of(split, indices, from, to, buffer);
        }
        int d = split.shape().pixelsPerImage();
        int b = to - from;
        float[] buf = buffer != null && buffer.length >= b * d ? buffer : new float[b * d];
        float[] scratch = new float[d];
        for (int j = 0; j < b; j++) {
            augmentation.apply(split, indices[from + j], seed, epoch, scratch, buf, j * d);
        }
        float[] data = buf.length == b * d ? buf : Arrays.copyOf(buf, b * d);
        return Nd4j.create(data, new long[] {b, d}, 'c');
    }

    /** The labels of {@code split} images {@code indices[from..to)}. */
    public static int[] labels(ImageSplit split, int[] indices, int from, int to) {
        int[] y = new int[to - from];
        for (int j = 0; j < y.length; j++) {
            y[j] = split.label(indices[from + j]);
        }
        return y;
    }
}
