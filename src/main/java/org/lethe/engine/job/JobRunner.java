package org.lethe.engine.job;

/** Runs jobs; implementations decide on which thread and in which order. */
public interface JobRunner extends AutoCloseable {

    /**
     * Submits a job.
     *
     * @param title shown in job lists and logs
     * @param job the work
     * @param listener receives the job's reports, on the job's thread
     */
    <T> JobHandle<T> submit(String title, Job<T> job, ProgressListener listener);

    /** Submits a job whose reports nobody reads. */
    default <T> JobHandle<T> submit(String title, Job<T> job) {
        return submit(title, job, ProgressListener.NONE);
    }

    /** Cancels queued and running jobs and releases the runner's threads. */
    @Override
    void close();
}
