package org.lethe.engine.evaluation.metric;

import org.lethe.engine.LetheException;

/**
 * Input that a metric or membership-inference attack cannot be computed from: arrays of different
 * lengths, a probability row that does not sum to one, an empty group, a label outside the class
 * range. The message names the argument, what was expected and what was found.
 */
public class MetricInputException extends LetheException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message for people. */
    public MetricInputException(String message) {
        super(message);
    }
}
