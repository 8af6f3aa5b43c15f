package org.lethe.ui.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.concurrent.Task;
import org.lethe.engine.job.CancellationToken;
import org.lethe.engine.job.Job;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.job.ProgressListener;

/**
 * The one adapter from an engine {@link Job} to a JavaFX {@link Task}. Progress and messages go
 * through the task's own coalescing updates; metric points are batched and delivered on the FX
 * thread at most once per pulse. Cancelling the task cancels the job's token without interrupting
 * its thread, so the job stops at its next check and never leaves half-written state.
 *
 * @param <T> the job's result
 */
public final class JobTask<T> extends Task<T> {

    /** One point of a live chart series. */
    public record MetricPoint(String series, double x, double y) { }

    private final Job<T> job;
    private final CancellationToken token = new CancellationToken();
    private final ConcurrentLinkedQueue<MetricPoint> pendingMetrics = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private volatile Consumer<List<MetricPoint>> metricSink = points -> { };

    /** Wraps {@code job} under {@code title}. */
    public JobTask(String title, Job<T> job) {
        this.job = Objects.requireNonNull(job, "job");
        updateTitle(title);
    }

    /** Receives metric points on the FX thread, in batches. */
    public void setMetricSink(Consumer<List<MetricPoint>> sink) {
        this.metricSink = Objects.requireNonNull(sink, "sink");
    }

    @Override
    protected T call() throws Exception {
        ProgressListener listener = new ProgressListener() {
            @Override
            public void progress(double fraction, String message) {
                if (fraction < 0) {
                    updateProgress(-1, 1);
                } else {
                    updateProgress(Math.min(1.0, fraction), 1.0);
                }
                if (message != null) {
                    updateMessage(message);
                }
            }

            @Override
            public void metric(String series, double x, double y) {
                pendingMetrics.add(new MetricPoint(series, x, y));
                if (drainScheduled.compareAndSet(false, true)) {
                    Platform.runLater(JobTask.this::drainMetrics);
                }
            }
        };
        return job.run(new JobContext(listener, token));
    }

    private void drainMetrics() {
        drainScheduled.set(false);
        List<MetricPoint> batch = new ArrayList<>();
        for (MetricPoint p; (p = pendingMetrics.poll()) != null; ) {
            batch.add(p);
        }
        if (!batch.isEmpty()) {
            metricSink.accept(batch);
        }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        token.cancel();
        return super.cancel(false);
    }
}
