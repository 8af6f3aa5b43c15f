package org.lethe.engine.data.download;

import java.net.URI;
import java.util.Objects;

/**
 * One file to download: where it lives, the name it gets on disk, its size in bytes if known and
 * the checksum it must have.
 *
 * @param uri absolute source address
 * @param fileName plain file name (no folders) the download is saved as
 * @param expectedSize size in bytes, or {@link #UNKNOWN_SIZE}
 * @param checksum digest the file must have
 */
public record RemoteFile(URI uri, String fileName, long expectedSize, Checksum checksum) {

    /** Marks a size that is not known in advance. */
    public static final long UNKNOWN_SIZE = -1;

    public RemoteFile {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(checksum, "checksum");
        if (!uri.isAbsolute() || uri.getHost() == null) {
            throw new IllegalArgumentException("download address '" + uri + "' is not an absolute URL");
        }
        if (fileName.isBlank() || fileName.equals(".") || fileName.equals("..")
                || fileName.contains("/") || fileName.contains("\\") || fileName.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(
                    "download file name '" + fileName + "' must be a plain file name without folders");
        }
        if (fileName.endsWith(".part")) {
            throw new IllegalArgumentException(
                    "download file name '" + fileName + "' must not end in .part (reserved for partial files)");
        }
        if (expectedSize < UNKNOWN_SIZE) {
            throw new IllegalArgumentException(
                    fileName + ": expected size " + expectedSize + " is negative (use -1 for unknown)");
        }
    }

    /** A remote file from a URL string. */
    public static RemoteFile of(String uri, String fileName, long expectedSize, Checksum checksum) {
        return new RemoteFile(URI.create(uri), fileName, expectedSize, checksum);
    }

    /** Whether the size is known in advance. */
    public boolean sizeKnown() {
        return expectedSize != UNKNOWN_SIZE;
    }
}
