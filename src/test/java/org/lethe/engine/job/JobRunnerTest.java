package org.lethe.engine.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JobRunnerTest {

    @Test
    void sameThreadRunnerRunsInlineAndReportsProgress() throws Exception {
        List<Double> fractions = new ArrayList<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void progress(double fraction, String message) {
                fractions.add(fraction);
            }
        };
        Thread caller = Thread.currentThread();
        JobHandle<String> handle = new SameThreadJobRunner().submit("t", ctx -> {
            ctx.progress(0.5, "half");
            ctx.slice(0.5, 1.0).progress(0.5, "three quarters");
            return Thread.currentThread() == caller ? "inline" : "elsewhere";
        }, listener);
        assertThat(handle.result()).isCompletedWithValue("inline");
        assertThat(fractions).containsExactly(0.5, 0.75);
    }

    @Test
    void queuedRunnerRunsOneJobAtATimeInOrder() throws Exception {
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        try (QueuedJobRunner runner = new QueuedJobRunner()) {
            List<JobHandle<Integer>> handles = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                int id = i;
                handles.add(runner.submit("job " + i, ctx -> {
                    maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                    Thread.sleep(10);
                    order.add(id);
                    running.decrementAndGet();
                    return id * id;
                }));
            }
            for (int i = 0; i < 5; i++) {
                assertThat(handles.get(i).result().get(5, TimeUnit.SECONDS)).isEqualTo(i * i);
            }
        }
        assertThat(order).containsExactly(0, 1, 2, 3, 4);
        assertThat(maxRunning.get()).isEqualTo(1);
    }

    @Test
    void cancellingStopsARunningJobAtItsNextCheckAndTheNextJobRuns() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger steps = new AtomicInteger();
        try (QueuedJobRunner runner = new QueuedJobRunner()) {
            JobHandle<Void> looping = runner.submit("loop", ctx -> {
                while (true) {
                    ctx.checkCancelled();
                    steps.incrementAndGet();
                    started.countDown();
                    Thread.sleep(1);
                }
            });
            JobHandle<String> next = runner.submit("next", ctx -> "ran");
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            looping.cancel();
            assertThatThrownBy(() -> looping.result().get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(JobCancelledException.class);
            assertThat(next.result().get(5, TimeUnit.SECONDS)).isEqualTo("ran");
            assertThat(steps.get()).isPositive();
        }
    }

    @Test
    void aQueuedJobCancelledBeforeItStartsNeverRuns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        try (QueuedJobRunner runner = new QueuedJobRunner()) {
            JobHandle<Boolean> blocker = runner.submit("blocker", ctx -> release.await(5, TimeUnit.SECONDS));
            JobHandle<Integer> queued = runner.submit("queued", ctx -> ran.incrementAndGet());
            queued.cancel();
            release.countDown();
            assertThat(blocker.result().get(5, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> queued.result().get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(JobCancelledException.class);
        }
        assertThat(ran.get()).isZero();
    }

    @Test
    void aFailingJobCompletesExceptionallyAndTheRunnerKeepsWorking() throws Exception {
        try (QueuedJobRunner runner = new QueuedJobRunner()) {
            JobHandle<Object> failing = runner.submit("fail", ctx -> {
                throw new IllegalStateException("boom");
            });
            assertThatThrownBy(() -> failing.result().get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("boom");
            assertThat(runner.submit("ok", ctx -> 42).result().get(5, TimeUnit.SECONDS)).isEqualTo(42);
        }
    }
}
