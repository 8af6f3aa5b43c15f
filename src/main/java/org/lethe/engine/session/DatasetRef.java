package org.lethe.engine.session;

import java.util.Objects;
import java.util.regex.Pattern;
import org.lethe.engine.data.ImageDataset;

/**
 * How a session finds its dataset again: a built-in catalog name ({@code mnist}) or an absolute
 * path, an optional training-subset size, and the content hash the reloaded data must match.
 *
 * @param source catalog name or path, as {@link org.lethe.engine.data.DatasetCatalog#resolve} takes it
 * @param trainLimit only the first N training images were used (null: all)
 * @param sha256 {@link ImageDataset#sha256()} of the data as used (after the limit)
 * @param name the dataset's display name, for messages
 * @param trainCount training images as used, for messages and index checks
 */
public record DatasetRef(String source, Integer trainLimit, String sha256, String name, int trainCount) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public DatasetRef {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("dataset source is missing");
        }
        if (trainLimit != null && trainLimit < 1) {
            throw new IllegalArgumentException("trainLimit must be at least 1, was " + trainLimit);
        }
        Objects.requireNonNull(sha256, "sha256");
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("dataset sha256 must be 64 lower-case hex digits, was '" + sha256 + "'");
        }
        name = name == null ? source : name;
        if (trainCount < 0) {
            throw new IllegalArgumentException("trainCount must not be negative, was " + trainCount);
        }
    }

    /** The reference of {@code data}, loaded from {@code source} and cut to {@code trainLimit} (may be null). */
    public static DatasetRef of(String source, Integer trainLimit, ImageDataset data) {
        return new DatasetRef(source, trainLimit, data.sha256(), data.name(), data.train().count());
    }

    /** "mnist (first 5,000 training images)" or the plain source. */
    public String describe() {
        return trainLimit == null ? source : String.format("%s (first %,d training images)", source, trainLimit);
    }
}
