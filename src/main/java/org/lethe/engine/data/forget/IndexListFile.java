package org.lethe.engine.data.forget;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.lethe.engine.data.IndexView;

/**
 * Plain-text index lists for importing and exporting forget sets: UTF-8, non-negative sample
 * indices one per line or several on a line separated by commas ({@code 3, 17, 42}). Blank lines and
 * empty entries (a trailing comma) are skipped, and {@code #} starts a comment, on its own line or
 * after the indices. Writing is atomic: the list goes to a temporary file in the same folder, which then
 * replaces the target in one move, so a failed export never leaves a half-written file.
 */
public final class IndexListFile {

    private IndexListFile() {
    }

    /**
     * Reads the indices in file order (duplicates kept).
     *
     * @throws ForgetSetException naming the file and line when the file is missing, unreadable or
     *     holds an entry that is not a non-negative whole number
     */
    public static int[] read(Path file) {
        return read(file, Integer.MAX_VALUE);
    }

    /**
     * Reads the indices and checks each is below {@code splitSize}.
     *
     * @throws ForgetSetException as {@link #read(Path)}, and for an index of {@code splitSize} or
     *     more, naming the line and the split size
     */
    public static int[] read(Path file, int splitSize) {
        Objects.requireNonNull(file, "file");
        int[] indices = new int[64];
        int count = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                int hash = line.indexOf('#');
                String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
                if (content.isEmpty()) {
                    continue;
                }
                for (String entry : content.split(",", -1)) {
                    String token = entry.strip();
                    if (token.isEmpty()) {
                        continue;
                    }
                    int index = parseLine(file, lineNumber, token);
                    if (index >= splitSize) {
                        throw new ForgetSetException(file + ": line " + lineNumber + ": sample index " + index
                                + " is out of range; the training split has " + splitSize + " samples (0.."
                                + (splitSize - 1) + ")");
                    }
                    if (count == indices.length) {
                        indices = Arrays.copyOf(indices, count * 2);
                    }
                    indices[count++] = index;
                }
            }
        } catch (NoSuchFileException e) {
            throw new ForgetSetException(file + ": no such index file", e);
        } catch (CharacterCodingException e) {
            throw new ForgetSetException(file + ": not a UTF-8 text file; expected one sample index per line",
                    e);
        } catch (IOException e) {
            throw new ForgetSetException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        return Arrays.copyOf(indices, count);
    }

    private static int parseLine(Path file, int lineNumber, String content) {
        String where = file + ": line " + lineNumber + ": ";
        if (content.startsWith("-")) {
            throw new ForgetSetException(where + "sample index " + content + " is negative; indices start at 0");
        }
        if (!content.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ForgetSetException(where + "'" + content
                    + "' is not a sample index; expected non-negative whole numbers, one per line or"
                    + " separated by commas");
        }
        try {
            return Integer.parseInt(content);
        } catch (NumberFormatException e) {
            throw new ForgetSetException(where + "sample index " + content + " is too large (at most "
                    + Integer.MAX_VALUE + ")");
        }
    }

    /** Writes a view's indices in view order, with no comments. */
    public static void write(Path file, IndexView view) {
        write(file, view.toArray(), List.of());
    }

    /**
     * Writes indices atomically, one per line, after the given comment lines (each written as
     * {@code # text}; a comment with line breaks becomes several lines).
     *
     * @throws ForgetSetException naming the file when it cannot be written; an existing file is
     *     then left as it was
     */
    public static void write(Path file, int[] indices, List<String> comments) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(indices, "indices");
        Objects.requireNonNull(comments, "comments");
        for (int index : indices) {
            if (index < 0) {
                throw new IllegalArgumentException("negative index " + index);
            }
        }
        Path absolute = file.toAbsolutePath();
        Path folder = absolute.getParent();
        Path temp = null;
        try {
            Files.createDirectories(folder);
            temp = Files.createTempFile(folder, "." + absolute.getFileName() + ".", ".tmp");
            try (BufferedWriter writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                for (String comment : comments) {
                    for (String line : comment.split("\\R", -1)) {
                        writer.write(line.isEmpty() ? "#" : "# " + line);
                        writer.newLine();
                    }
                }
                for (int index : indices) {
                    writer.write(Integer.toString(index));
                    writer.newLine();
                }
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        } catch (IOException e) {
            throw new ForgetSetException(file + ": cannot write the index list (" + e.getMessage() + ")", e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the temporary file is hidden and harmless; the original error matters more
                }
            }
        }
    }
}
