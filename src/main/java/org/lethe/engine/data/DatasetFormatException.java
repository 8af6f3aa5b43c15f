package org.lethe.engine.data;

import java.nio.file.Path;
import org.lethe.engine.LetheException;

/**
 * A dataset file or folder that cannot be read as its format requires. The message names the file,
 * the offset or field, what was expected and what was found, e.g.
 * {@code train-images-idx3-ubyte.gz: magic number at offset 0 is 0x00000804, expected 0x00000803
 * (IDX unsigned-byte images)}.
 */
public class DatasetFormatException extends LetheException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /**
     * Creates the exception.
     *
     * @param file the file or folder at fault
     * @param detail what was wrong, starting lower-case (the file name is prefixed)
     */
    public DatasetFormatException(Path file, String detail) {
        super(describe(file) + ": " + detail);
        this.file = file;
    }

    /** Same, keeping the low-level cause (e.g. an {@code IOException}). */
    public DatasetFormatException(Path file, String detail, Throwable cause) {
        super(describe(file) + ": " + detail, cause);
        this.file = file;
    }

    /** The file or folder at fault. */
    public Path file() {
        return file;
    }

    private static String describe(Path file) {
        return file == null ? "<unknown file>" : file.toString();
    }
}
