package org.lethe.engine.job;

import java.util.concurrent.CompletableFuture;

/** Runs each job to completion inside {@link #submit}; for tests and command-line batches. */
public final class SameThreadJobRunner implements JobRunner {

    @Override
    public <T> JobHandle<T> submit(String title, Job<T> job, ProgressListener listener) {
        CancellationToken token = new CancellationToken();
        CompletableFuture<T> result = new CompletableFuture<>();
        JobHandle<T> handle = new JobHandle<>(title, token, result);
        JobExecution.run(job, new JobContext(listener, token), result);
        return handle;
    }

    @Override
    public void close() {
        // nothing runs in the background
    }
}
