package org.lethe.engine.unlearning.sisa;

import org.lethe.engine.LetheException;

/** Invalid SISA settings, a shard layout that cannot be trained, or an unlearning request that does not fit. */
public final class SisaException extends LetheException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming the value, what was expected and what was found. */
    public SisaException(String message) {
        super(message);
    }
}
