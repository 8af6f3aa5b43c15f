package org.lethe.engine.unlearning.deltagrad;

import org.lethe.engine.LetheException;

/**
 * A DeltaGrad request or setting that cannot be served: a network or optimizer DeltaGrad does not
 * support, a sample to delete that is not in the training set, a sample to add that already is, a
 * plan made for another state of the cache, or a cache too large for the memory available.
 */
public final class DeltaGradException extends LetheException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming the value, what was expected and what was found. */
    public DeltaGradException(String message) {
        super(message);
    }
}
