package org.lethe.engine.job;

import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one job and settles its future; shared by the runners. */
final class JobExecution {

    private static final Logger LOG = LoggerFactory.getLogger(JobExecution.class);

    private JobExecution() {
    }

    static <T> void run(Job<T> job, JobContext context, CompletableFuture<T> result) {
        try {
            context.checkCancelled();
            result.complete(job.run(context));
        } catch (JobCancelledException e) {
            result.completeExceptionally(e);
        } catch (Exception | OutOfMemoryError | StackOverflowError e) {
            LOG.warn("job failed", e);
            result.completeExceptionally(e);
        }
    }
}
