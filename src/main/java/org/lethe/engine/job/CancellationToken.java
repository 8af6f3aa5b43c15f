package org.lethe.engine.job;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A flag that a job polls between steps. Cancelling is cooperative: the job stops at its next
 * check, so it never leaves half-written state behind.
 */
public final class CancellationToken {

    private final AtomicBoolean cancelled = new AtomicBoolean();

    /** Asks the job to stop at its next check. Idempotent and thread-safe. */
    public void cancel() {
        cancelled.set(true);
    }

    /** Whether cancellation was requested. */
    public boolean isCancelled() {
        return cancelled.get();
    }

    /** Throws {@link JobCancelledException} when cancellation was requested. */
    public void throwIfCancelled() {
        if (cancelled.get()) {
            throw new JobCancelledException();
        }
    }
}
