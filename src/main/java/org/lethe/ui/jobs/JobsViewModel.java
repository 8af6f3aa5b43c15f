package org.lethe.ui.jobs;

import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.concurrent.WorkerStateEvent;
import org.lethe.engine.job.Job;
import org.lethe.engine.job.JobCancelledException;
import org.lethe.engine.job.QueuedJobRunner;

/**
 * The jobs panel's state: every queued or running job as a task, run one at a time on the engine's
 * job queue. Failures go to one error handler (the dialog service); cancellations are silent.
 * Use on the FX thread.
 */
public final class JobsViewModel {

    private final QueuedJobRunner runner;
    private final ObservableList<Task<?>> active = FXCollections.observableArrayList();
    private Consumer<FailedJob> onFailure = failed -> { };

    /** A failed job: its title and what went wrong. */
    public record FailedJob(String title, Throwable error) { }

    /** Jobs run on {@code runner}'s queue. */
    public JobsViewModel(QueuedJobRunner runner) {
        this.runner = runner;
    }

    /** Where failures are reported. */
    public void setOnFailure(Consumer<FailedJob> handler) {
        this.onFailure = handler;
    }

    /** The queued and running jobs, for the jobs panel. */
    public ObservableList<Task<?>> activeJobs() {
        return active;
    }

    /**
     * Queues a job.
     *
     * @param onSuccess receives the result on the FX thread
     * @return the task, e.g. to cancel it or to watch its progress
     */
    public <T> JobTask<T> submit(String title, Job<T> job, Consumer<T> onSuccess) {
        JobTask<T> task = new JobTask<>(title, job);
        active.add(task);
        task.addEventHandler(WorkerStateEvent.WORKER_STATE_SUCCEEDED, e -> {
            active.remove(task);
            onSuccess.accept(task.getValue());
        });
        task.addEventHandler(WorkerStateEvent.WORKER_STATE_FAILED, e -> {
            active.remove(task);
            Throwable error = task.getException();
            if (!(error instanceof JobCancelledException)) {
                onFailure.accept(new FailedJob(title, error));
            }
        });
        task.addEventHandler(WorkerStateEvent.WORKER_STATE_CANCELLED, e -> active.remove(task));
        runner.execute(task);
        return task;
    }
}
