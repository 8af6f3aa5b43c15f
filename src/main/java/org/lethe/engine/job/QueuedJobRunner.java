package org.lethe.engine.job;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs jobs on background daemon threads, in submission order. With the default parallelism of one,
 * jobs queue behind each other, which keeps the CPU-bound engine from oversubscribing the machine.
 */
public final class QueuedJobRunner implements JobRunner {

    private static final AtomicInteger RUNNER_IDS = new AtomicInteger();

    private final ExecutorService executor;
    private final Set<JobHandle<?>> live = ConcurrentHashMap.newKeySet();

    /** A runner that runs one job at a time. */
    public QueuedJobRunner() {
        this(1);
    }

    /** A runner that runs up to {@code parallelism} jobs at once. */
    public QueuedJobRunner(int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, was " + parallelism);
        }
        int runnerId = RUNNER_IDS.incrementAndGet();
        AtomicInteger threadIds = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "lethe-job-" + runnerId + "-" + threadIds.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = Executors.newFixedThreadPool(parallelism, threads);
    }

    @Override
    public <T> JobHandle<T> submit(String title, Job<T> job, ProgressListener listener) {
        CancellationToken token = new CancellationToken();
        CompletableFuture<T> result = new CompletableFuture<>();
        JobHandle<T> handle = new JobHandle<>(title, token, result);
        live.add(handle);
        result.whenComplete((value, failure) -> live.remove(handle));
        executor.execute(() -> JobExecution.run(job, new JobContext(listener, token), result));
        return handle;
    }

    /**
     * Runs an arbitrary task on the runner's threads, queued with the jobs. The GUI's task adapter
     * uses this so that its tasks share the queue.
     */
    public void execute(Runnable task) {
        executor.execute(task);
    }

    /**
     * Cancels every queued and running job (queued ones settle as cancelled without starting), then
     * waits briefly for the running one to reach its next cancellation check.
     */
    @Override
    public void close() {
        live.forEach(JobHandle::cancel);
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
