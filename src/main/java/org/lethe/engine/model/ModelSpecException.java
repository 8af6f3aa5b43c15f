package org.lethe.engine.model;

import org.lethe.engine.LetheException;

/** A model description that cannot be built: names the value, what was expected and what was found. */
public class ModelSpecException extends LetheException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message for people. */
    public ModelSpecException(String message) {
        super(message);
    }
}
