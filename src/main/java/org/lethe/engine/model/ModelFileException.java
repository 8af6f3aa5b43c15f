package org.lethe.engine.model;

import java.nio.file.Path;
import org.lethe.engine.LetheException;

/** A model file that cannot be read: not a Lethe model, damaged, truncated, or from another version. */
public final class ModelFileException extends LetheException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception; the message is prefixed with the file name. */
    public ModelFileException(Path file, String detail) {
        super(file + ": " + detail);
    }

    /** Same, keeping the low-level cause. */
    public ModelFileException(Path file, String detail, Throwable cause) {
        super(file + ": " + detail, cause);
    }
}
