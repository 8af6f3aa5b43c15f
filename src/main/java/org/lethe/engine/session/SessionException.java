package org.lethe.engine.session;

import java.nio.file.Path;
import org.lethe.engine.LetheException;

/**
 * A session file that cannot be written, read or restored: missing, damaged, from a newer Lethe,
 * or pointing at data that changed. The message starts with the session file's path.
 */
public final class SessionException extends LetheException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /** A problem with {@code file}, described for people. */
    public SessionException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    /** Same, keeping the low-level cause. */
    public SessionException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The session file the problem is about. */
    public Path file() {
        return file;
    }
}
