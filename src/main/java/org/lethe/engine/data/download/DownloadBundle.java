package org.lethe.engine.data.download;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A named group of files that together make one dataset, saved into one sub-folder of the data
 * folder, e.g. {@code mnist} into {@code <dataDir>/mnist/}.
 *
 * @param name short identifier used on the command line and in settings ({@code mnist})
 * @param folder sub-folder of the data folder the files go into
 * @param files the files, in download order; at least one, names unique
 */
public record DownloadBundle(String name, String folder, List<RemoteFile> files) {

    public DownloadBundle {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(files, "files");
        if (name.isBlank()) {
            throw new IllegalArgumentException("bundle name is blank");
        }
        if (folder.isBlank() || folder.contains("/") || folder.contains("\\") || folder.startsWith(".")) {
            throw new IllegalArgumentException(
                    "bundle '" + name + "': folder '" + folder + "' must be a plain folder name");
        }
        files = List.copyOf(files);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("bundle '" + name + "' has no files");
        }
        Set<String> seen = new HashSet<>();
        for (RemoteFile file : files) {
            if (!seen.add(file.fileName())) {
                throw new IllegalArgumentException(
                        "bundle '" + name + "' lists " + file.fileName() + " twice");
            }
        }
    }

    /** Sum of the known sizes, or {@link RemoteFile#UNKNOWN_SIZE} if any size is unknown. */
    public long totalSize() {
        long total = 0;
        for (RemoteFile file : files) {
            if (!file.sizeKnown()) {
                return RemoteFile.UNKNOWN_SIZE;
            }
            total += file.expectedSize();
        }
        return total;
    }
}
