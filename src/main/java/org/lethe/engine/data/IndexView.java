package org.lethe.engine.data;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * An immutable subset of one {@link ImageSplit}: a list of sample indices with a tag ("forget",
 * "retain", "shard-3" ...) and a SHA-256 of the indices. Views never copy pixels.
 *
 * <p>Indices keep the order they were given in; the hash depends on that order.
 */
public final class IndexView {

    private final ImageSplit split;
    private final int[] indices;
    private final String tag;
    private volatile String sha256;

    /**
     * Creates a view; the array is copied.
     *
     * @throws IllegalArgumentException if an index is outside the split
     */
    public IndexView(ImageSplit split, int[] indices, String tag) {
        this.split = Objects.requireNonNull(split, "split");
        this.tag = Objects.requireNonNull(tag, "tag");
        this.indices = indices.clone();
        for (int index : this.indices) {
            if (index < 0 || index >= split.count()) {
                throw new IllegalArgumentException("index " + index + " outside " + split.name()
                        + " split of " + split.count());
            }
        }
    }

    /** The split the indices point into. */
    public ImageSplit split() {
        return split;
    }

    /** What this subset is, e.g. "forget". */
    public String tag() {
        return tag;
    }

    /** Number of samples. */
    public int size() {
        return indices.length;
    }

    /** Whether the view holds no sample. */
    public boolean isEmpty() {
        return indices.length == 0;
    }

    /** The split index of the view's {@code i}-th sample. */
    public int index(int i) {
        return indices[i];
    }

    /** The label of the view's {@code i}-th sample. */
    public int label(int i) {
        return split.label(indices[i]);
    }

    /** A copy of the indices. */
    public int[] toArray() {
        return indices.clone();
    }

    /** The indices as a stream. */
    public IntStream stream() {
        return Arrays.stream(indices);
    }

    /** The same indices under another tag. */
    public IndexView withTag(String newTag) {
        return new IndexView(split, indices, newTag);
    }

    /** Samples per class, for classes {@code 0..numClasses-1}. */
    public int[] countsPerClass(int numClasses) {
        int[] counts = new int[numClasses];
        for (int index : indices) {
            counts[split.label(index)]++;
        }
        return counts;
    }

    /** SHA-256 of the indices in order (big-endian int32 each), lower-case hex. */
    public String sha256() {
        String h = sha256;
        if (h == null) {
            h = hashIndices(indices);
            sha256 = h;
        }
        return h;
    }

    /** SHA-256 of a list of indices, as {@link #sha256()} computes it. */
    public static String hashIndices(int[] indices) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            for (int index : indices) {
                if (!buffer.hasRemaining()) {
                    digest.update(buffer.array(), 0, buffer.position());
                    buffer.clear();
                }
                buffer.putInt(index);
            }
            digest.update(buffer.array(), 0, buffer.position());
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    @Override
    public String toString() {
        return tag + "[" + indices.length + " of " + split.name() + "]";
    }
}
