package org.lethe.engine.unlearning;

import org.lethe.engine.LetheException;

/** An unknown method, an unknown or out-of-range parameter, or a combination that cannot run. */
public final class MethodParamException extends LetheException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming the method, the parameter and the valid range. */
    public MethodParamException(String message) {
        super(message);
    }

    /** Same, keeping the cause. */
    public MethodParamException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Throws unless {@code min <= value <= max}. */
    public static void checkRange(String method, String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new MethodParamException(method + ": " + name + " must be in [" + min + ", " + max + "], was "
                    + value);
        }
    }
}
