package org.lethe.ui.inspector;

import java.util.Objects;

/**
 * Which image to inspect.
 *
 * @param origin the split the index refers to
 * @param index the image's index in that split
 */
public record SampleRef(Origin origin, int index) {

    /** The split an image comes from. */
    public enum Origin {
        /** The training split (forget and retain samples). */
        TRAIN,
        /** The test split. */
        TEST
    }

    public SampleRef {
        Objects.requireNonNull(origin, "origin");
        if (index < 0) {
            throw new IllegalArgumentException("sample index " + index + ", expected >= 0");
        }
    }

    /** A training image. */
    public static SampleRef train(int index) {
        return new SampleRef(Origin.TRAIN, index);
    }

    /** A test image. */
    public static SampleRef test(int index) {
        return new SampleRef(Origin.TEST, index);
    }
}
