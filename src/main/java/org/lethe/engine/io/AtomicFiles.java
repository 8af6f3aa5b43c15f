package org.lethe.engine.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files so that readers only ever see the old or the new content: the bytes go to a temp
 * file in the target's folder, are forced to disk, and the temp file is then moved over the target
 * (atomically where the file system allows). A crash or a failed write leaves the old file intact;
 * a failed write leaves no temp file behind, and the temp file a killed process leaves
 * ({@code .<name>.<digits>.tmp}) is removed by a later write of the same file once it is older than
 * {@link #STALE_TEMP_AGE}.
 */
public final class AtomicFiles {

    /** Writes the content of a file to a stream. */
    @FunctionalInterface
    public interface Writer {
        /** Writes everything; the stream is closed by the caller. */
        void writeTo(OutputStream out) throws IOException;
    }

    /** How old a temp file of the same target must be before a write removes it as left over. */
    public static final java.time.Duration STALE_TEMP_AGE = java.time.Duration.ofMinutes(10);

    private AtomicFiles() {
    }

    /**
     * Replaces {@code target} with what {@code writer} produces.
     *
     * @throws IOException if writing or moving fails; {@code target} is then unchanged
     */
    public static void write(Path target, Writer writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        Files.createDirectories(folder);
        removeStaleTemps(folder, absolute.getFileName().toString());
        Path temp = Files.createTempFile(folder, "." + absolute.getFileName() + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
                    OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
                // writers such as Jackson close the stream they are given; the file must stay open to be forced
                writer.writeTo(new java.io.FilterOutputStream(out) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        out.flush();
                    }
                });
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Deletes {@code .<name>.<digits>.tmp} files in {@code folder} older than {@link #STALE_TEMP_AGE}:
     * what a process killed in the middle of a write leaves. Younger ones may belong to a write in
     * progress and are kept; failures to delete are ignored (the next write tries again).
     */
    private static void removeStaleTemps(Path folder, String name) {
        String prefix = "." + name + ".";
        java.nio.file.attribute.FileTime cutoff = java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(STALE_TEMP_AGE));
        try (java.nio.file.DirectoryStream<Path> entries = Files.newDirectoryStream(folder,
                entry -> entry.getFileName().toString().startsWith(prefix)
                        && entry.getFileName().toString().endsWith(".tmp"))) {
            for (Path entry : entries) {
                String middle = entry.getFileName().toString();
                middle = middle.substring(prefix.length(), middle.length() - ".tmp".length());
                if (!middle.isEmpty() && middle.chars().allMatch(Character::isDigit) && Files.isRegularFile(entry)
                        && Files.getLastModifiedTime(entry).compareTo(cutoff) < 0) {
                    Files.deleteIfExists(entry);
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort: a left-over temp file wastes space but never affects the target
        }
    }
}
