package org.lethe.ui.dataset;

import java.nio.file.Path;
import java.util.Objects;
import org.lethe.engine.data.DatasetCatalog;

/**
 * Where the loaded dataset came from, so that a session can load it again.
 *
 * @param source a built-in catalog name ({@code mnist}) or an absolute path
 * @param trainLimit only the first N training images are used (null: all)
 */
public record DatasetOrigin(String source, Integer trainLimit) {

    public DatasetOrigin {
        Objects.requireNonNull(source, "source");
        if (trainLimit != null && trainLimit < 1) {
            throw new IllegalArgumentException("trainLimit must be at least 1, was " + trainLimit);
        }
    }

    /** The origin of {@code nameOrPath} as typed: built-in names are canonicalised, paths made absolute. */
    public static DatasetOrigin of(String nameOrPath, Integer trainLimit) {
        String canonical = DatasetCatalog.canonicalName(nameOrPath);
        String source = canonical != null ? canonical : Path.of(nameOrPath).toAbsolutePath().normalize().toString();
        return new DatasetOrigin(source, trainLimit);
    }

    /** Whether this is the built-in dataset {@code name} with every training image. */
    public boolean isFull(String name) {
        return trainLimit == null && source.equals(DatasetCatalog.canonicalName(name));
    }
}
