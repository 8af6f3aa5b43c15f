package org.lethe.engine.job;

import java.util.concurrent.CompletableFuture;

/**
 * A submitted job: its title, its eventual result and a way to cancel it.
 *
 * @param <T> the job's result
 */
public final class JobHandle<T> {

    private final String title;
    private final CancellationToken token;
    private final CompletableFuture<T> result;

    JobHandle(String title, CancellationToken token, CompletableFuture<T> result) {
        this.title = title;
        this.token = token;
        this.result = result;
    }

    /** The job's title. */
    public String title() {
        return title;
    }

    /**
     * Completes with the job's result, or exceptionally with its failure
     * ({@link JobCancelledException} when cancelled).
     */
    public CompletableFuture<T> result() {
        return result;
    }

    /** Asks the job to stop; a job still waiting in the queue never starts. */
    public void cancel() {
        token.cancel();
    }

    /** Whether cancellation was requested. */
    public boolean isCancelRequested() {
        return token.isCancelled();
    }
}
