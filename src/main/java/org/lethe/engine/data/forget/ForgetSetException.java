package org.lethe.engine.data.forget;

import org.lethe.engine.LetheException;

/**
 * A forget-set spec or index file that cannot be used: a malformed term, a class or sample that the
 * dataset does not have, a random draw larger than the training split, or a set that would leave
 * nothing to retain. The message names the offending term or file, what was expected and what was
 * found.
 */
public class ForgetSetException extends LetheException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message for people. */
    public ForgetSetException(String message) {
        super(message);
    }

    /** Creates the exception with a message for people and the underlying cause. */
    public ForgetSetException(String message, Throwable cause) {
        super(message, cause);
    }
}
