package org.lethe.engine.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A labelled image dataset with a train and a test split, pixels kept as unsigned bytes.
 *
 * <p>The {@link #sha256()} covers the decoded content (class names, shapes, labels, pixels), not the
 * file bytes, so the same data read from a .gz or a raw file hashes the same. Immutable.
 */
public final class ImageDataset {

    private final String name;
    private final DatasetFormat format;
    private final List<String> classNames;
    private final ImageShape shape;
    private final ImageSplit train;
    private final ImageSplit test;
    private final String sha256;

    /**
     * Creates a dataset and computes its content hash.
     *
     * @throws IllegalArgumentException when the splits disagree on shape or hold labels outside the
     *     class list (readers check this first and raise {@link DatasetFormatException})
     */
    public ImageDataset(String name, DatasetFormat format, List<String> classNames,
            ImageSplit train, ImageSplit test) {
        this.name = Objects.requireNonNull(name, "name");
        this.format = Objects.requireNonNull(format, "format");
        this.classNames = List.copyOf(classNames);
        this.train = Objects.requireNonNull(train, "train");
        this.test = Objects.requireNonNull(test, "test");
        this.shape = train.shape();
        if (!test.shape().equals(shape)) {
            throw new IllegalArgumentException("train " + shape + " and test " + test.shape() + " differ");
        }
        if (this.classNames.isEmpty()) {
            throw new IllegalArgumentException("a dataset needs at least one class");
        }
        checkLabels(train);
        checkLabels(test);
        this.sha256 = computeHash();
    }

    private void checkLabels(ImageSplit split) {
        for (int i = 0; i < split.count(); i++) {
            if (split.label(i) >= classNames.size()) {
                throw new IllegalArgumentException(split.name() + " image " + i + " has label "
                        + split.label(i) + " but there are " + classNames.size() + " classes");
            }
        }
    }

    private String computeHash() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String c : classNames) {
                digest.update(c.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            train.digestInto(digest);
            test.digestInto(digest);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** A display name, e.g. "MNIST". */
    public String name() {
        return name;
    }

    /** The format the dataset was read from. */
    public DatasetFormat format() {
        return format;
    }

    /** Class names, indexed by label. */
    public List<String> classNames() {
        return classNames;
    }

    /** Number of classes. */
    public int numClasses() {
        return classNames.size();
    }

    /** The shape of every image. */
    public ImageShape shape() {
        return shape;
    }

    /** The training split. */
    public ImageSplit train() {
        return train;
    }

    /** The test split (may be empty for image folders without a test folder). */
    public ImageSplit test() {
        return test;
    }

    /** SHA-256 of the decoded content, lower-case hex. */
    public String sha256() {
        return sha256;
    }

    /**
     * The same dataset with only the first {@code n} training images (the test split is kept), e.g.
     * for quick experiments; returns this dataset when it has no more than {@code n}.
     */
    public ImageDataset limitTrain(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("training limit must be >= 1, was " + n);
        }
        if (n >= train.count()) {
            return this;
        }
        int d = shape.pixelsPerImage();
        byte[] pixels = new byte[n * d];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            train.copyImage(i, pixels, i * d);
            labels[i] = (byte) train.label(i);
        }
        return new ImageDataset(name, format, classNames, new ImageSplit("train", shape, pixels, labels), test);
    }

    @Override
    public String toString() {
        return name + " (" + format.id() + ", " + train.count() + " train / " + test.count() + " test, "
                + shape.channels() + "x" + shape.height() + "x" + shape.width() + ")";
    }
}
