package org.lethe.engine.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where a dataset lives and what to call it, as {@link DatasetCatalog#resolve} finds it and
 * {@link DatasetLoader#load(DatasetSource, org.lethe.engine.job.JobContext)} reads it.
 *
 * @param displayName the name to show, e.g. "MNIST"; {@code null} lets the loader derive one
 *     from the path
 * @param path the file or folder to read
 * @param classNames class names indexed by label for formats that do not store them (IDX); empty
 *     lets the loader use the data's own names (CIFAR meta file, image sub-folders) or its defaults
 */
public record DatasetSource(String displayName, Path path, List<String> classNames) {

    public DatasetSource {
        Objects.requireNonNull(path, "path");
        if (displayName != null && displayName.isBlank()) {
            throw new IllegalArgumentException("display name must not be blank");
        }
        classNames = List.copyOf(classNames);
    }

    /** A source given only by its path: name and class names come from the data or defaults. */
    public static DatasetSource ofPath(Path path) {
        return new DatasetSource(null, path, List.of());
    }
}
