package org.lethe.engine.job;

/**
 * A unit of long-running work (loading a dataset, training, unlearning, evaluating).
 *
 * <p>Implementations report progress through {@link JobContext#listener()} and call
 * {@link JobContext#checkCancelled()} between steps; they never touch UI state.
 *
 * @param <T> the job's result
 */
@FunctionalInterface
public interface Job<T> {

    /**
     * Runs the job on the calling thread.
     *
     * @throws JobCancelledException when the context's token was cancelled
     * @throws Exception any failure, reported to whoever submitted the job
     */
    T run(JobContext context) throws Exception;

    /** Gives a job a title for job lists and logs. */
    static <T> NamedJob<T> named(String title, Job<T> job) {
        return new NamedJob<>(title, job);
    }

    /** A job with a human-readable title. */
    record NamedJob<T>(String title, Job<T> body) implements Job<T> {
        public NamedJob {
            if (title == null || title.isBlank()) {
                throw new IllegalArgumentException("a job needs a title");
            }
        }

        @Override
        public T run(JobContext context) throws Exception {
            return body.run(context);
        }
    }
}
