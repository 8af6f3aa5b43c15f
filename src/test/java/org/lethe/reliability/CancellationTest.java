package org.lethe.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.engine.data.DatasetLoader;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.data.forget.ForgetSetSpec;
import org.lethe.engine.evaluation.ModelEvaluator;
import org.lethe.engine.job.Job;
import org.lethe.engine.job.JobCancelledException;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.job.JobHandle;
import org.lethe.engine.job.ProgressListener;
import org.lethe.engine.job.QueuedJobRunner;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.ModelTraining;
import org.lethe.engine.model.TrainedModel;
import org.lethe.engine.model.TrainingConfig;
import org.lethe.engine.unlearning.DataSplits;
import org.lethe.engine.unlearning.MethodDescriptor;
import org.lethe.engine.unlearning.MethodRegistry;

/**
 * Cancellation of every job type (issue #8): loading a dataset, training, each method of
 * {@link MethodRegistry#standard()}, and evaluation. Each job first runs to completion on a
 * {@link QueuedJobRunner} (counting its progress reports), then runs again and is cancelled at a
 * random one of its reports. It must end with {@link JobCancelledException} after at most
 * {@link #MAX_REPORTS_AFTER_CANCEL} further reports, leave the original model and the dataset
 * untouched, and the next job on the same runner must run normally; at the end the first job runs
 * again and gives the same result as before.
 */
class CancellationTest {

    /** Progress reports a job may still make after the cancel before it stops. */
    static final int MAX_REPORTS_AFTER_CANCEL = 2;

    @TempDir
    static Path dir;

    private static ImageDataset data;
    private static DataSplits splits;
    private static TrainedModel original;
    private static QueuedJobRunner runner;
    private static final List<String> REPORT = new ArrayList<>();

    @BeforeAll
    static void setUp() throws IOException {
        Path folder = FuzzSamples.writeMnist(dir.resolve("mnist-small"), 300, 100);
        data = new DatasetLoader().load(folder, JobContext.detached());
        splits = DataSplits.of(data, ForgetSetSpec.parse("random:0.1").resolve(data, 1));
        original = ModelTraining.train(data, ModelSpec.mlp(data.shape(), 10).withHiddenWidths(List.of(32)),
                TrainingConfig.adam(2, 16, 3e-3, 1), JobContext.detached());
        runner = new QueuedJobRunner();
    }

    @AfterAll
    static void tearDown() {
        runner.close();
        System.out.println("Cancellation:\n  " + String.join("\n  ", REPORT));
    }

    /** Every job type, by name; each returns a value whose equality shows it ran the same way. */
    private static Map<String, Job<Object>> jobs() {
        Map<String, Job<Object>> jobs = new LinkedHashMap<>();
        Path mnist = Path.of("sample-data/mnist");
        jobs.put("load MNIST (60,000 + 10,000 from .gz)", ctx -> new DatasetLoader().load(mnist, ctx).sha256());
        jobs.put("train", ctx -> ModelTraining.train(data, ModelSpec.mlp(data.shape(), 10)
                .withHiddenWidths(List.of(32)), TrainingConfig.adam(2, 16, 3e-3, 2), ctx).paramsSha256());
        for (MethodDescriptor<?> method : MethodRegistry.standard().all()) {
            // the paper defaults, except fewer attack steps for the AMUN variants (the slowest by far)
            boolean attacks = method.params().stream().anyMatch(p -> p.name().equals("pgdSteps"));
            Record params = attacks ? MethodRegistry.params(method, Map.of("pgdSteps", "10")) : method.defaults();
            jobs.put("unlearn " + method.id(), ctx -> method.run(original, splits, params, ctx)
                    .model().paramsSha256());
        }
        jobs.put("evaluate", ctx -> new ModelEvaluator(splits, 1000, 3)
                .evaluate("original", original.network(), null, ctx).metrics());
        return jobs;
    }

    /** Counts reports and cancels the job at report number {@code cancelAt} (0: never). */
    private static final class Canceller implements ProgressListener {
        final AtomicReference<JobHandle<?>> handle = new AtomicReference<>();
        final AtomicInteger reports = new AtomicInteger();
        final AtomicInteger reportsAtCancel = new AtomicInteger(-1);
        final AtomicLong cancelNanos = new AtomicLong();
        final int cancelAt;

        Canceller(int cancelAt) {
            this.cancelAt = cancelAt;
        }

        @Override
        public void progress(double fraction, String message) {
            int n = reports.incrementAndGet();
            if (n == cancelAt) {
                cancelNanos.set(System.nanoTime());
                reportsAtCancel.set(n);
                handle.get().cancel();
            }
        }
    }

    private static <T> JobHandle<T> submit(String title, Job<T> job, Canceller listener) {
        CountDownLatch handleSet = new CountDownLatch(1);
        JobHandle<T> handle = runner.submit(title, ctx -> {
            handleSet.await();
            return job.run(ctx);
        }, listener);
        listener.handle.set(handle);
        handleSet.countDown();
        return handle;
    }

    @Test
    void everyJobTypeStopsPromptlyLeavesNoTraceAndTheNextJobRuns() throws Exception {
        SplittableRandom random = new SplittableRandom(88);
        String originalHash = original.paramsSha256();
        String dataHash = data.sha256();
        Map<String, Job<Object>> jobs = jobs();
        assertThat(jobs).hasSize(3 + MethodRegistry.standard().all().size());
        Object firstResult = null;
        String firstName = null;
        for (Map.Entry<String, Job<Object>> e : jobs.entrySet()) {
            String name = e.getKey();
            // a full run: proves the runner still works after the previous cancellation, and counts reports
            Canceller counter = new Canceller(0);
            long start = System.nanoTime();
            Object result = submit(name, e.getValue(), counter).result().get(10, TimeUnit.MINUTES);
            double fullSeconds = (System.nanoTime() - start) / 1e9;
            int total = counter.reports.get();
            assertThat(total).as(name + ": progress reports of a full run").isGreaterThanOrEqualTo(2);
            if (firstResult == null) {
                firstResult = result;
                firstName = name;
            }

            int cancelAt = random.nextInt(1, Math.max(2, (int) (0.8 * total)) + 1);
            Canceller canceller = new Canceller(cancelAt);
            JobHandle<Object> handle = submit(name, e.getValue(), canceller);
            try {
                Object unexpected = handle.result().get(10, TimeUnit.MINUTES);
                fail(name + ": cancelled at report " + cancelAt + " of " + total + " but completed with " + unexpected);
            } catch (ExecutionException ex) {
                assertThat(ex.getCause()).as(name).isInstanceOf(JobCancelledException.class);
            }
            double stopMillis = (System.nanoTime() - canceller.cancelNanos.get()) / 1e6;
            int after = canceller.reports.get() - canceller.reportsAtCancel.get();
            assertThat(after).as(name + ": reports after the cancel").isLessThanOrEqualTo(MAX_REPORTS_AFTER_CANCEL);
            assertThat(original.paramsSha256()).as(name + ": original model untouched").isEqualTo(originalHash);
            assertThat(data.sha256()).as(name + ": dataset untouched").isEqualTo(dataHash);
            REPORT.add(String.format(java.util.Locale.ROOT,
                    "%-40s full run %6.2f s, %4d reports; cancelled at report %4d, stopped after %d more, %7.1f ms",
                    name, fullSeconds, total, cancelAt, after, stopMillis));
        }
        // the runner is still healthy, and a cancelled job left nothing that changes a later result
        Object again = runner.submit(firstName, jobs.get(firstName)).result().get(10, TimeUnit.MINUTES);
        assertThat(again).isEqualTo(firstResult);
    }
}
