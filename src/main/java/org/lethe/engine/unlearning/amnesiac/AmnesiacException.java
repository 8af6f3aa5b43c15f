package org.lethe.engine.unlearning.amnesiac;

import org.lethe.engine.LetheException;

/**
 * A forget request the amnesiac records cannot serve (a sample that was never a candidate, a record
 * made for another network), or a repair setting out of range.
 */
public final class AmnesiacException extends LetheException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming the value, what was expected and what was found. */
    public AmnesiacException(String message) {
        super(message);
    }
}
