package org.lethe.engine;

/**
 * A failure caused by the user's input or environment (a malformed file, an invalid forget-set
 * spec, a failed download), with a message written for people: it names the file or value, what
 * was expected and what was found. The CLI prints it as one line and exits with status 2; the GUI
 * shows it in a dialog.
 */
public class LetheException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message for people. */
    public LetheException(String message) {
        super(message);
    }

    /** Creates the exception with a message for people and the underlying cause. */
    public LetheException(String message, Throwable cause) {
        super(message, cause);
    }
}
