package org.lethe.engine.job;

/** Thrown by a job that stopped because its {@link CancellationToken} was cancelled. */
public final class JobCancelledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public JobCancelledException() {
        super("cancelled");
    }
}
