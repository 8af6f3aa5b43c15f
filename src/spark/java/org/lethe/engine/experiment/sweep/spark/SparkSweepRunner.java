package org.lethe.engine.experiment.sweep.spark;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.lethe.engine.LetheException;
import org.lethe.engine.experiment.sweep.StagedSweepRunner;
import org.lethe.engine.experiment.sweep.SweepWorker;
import org.lethe.engine.job.JobCancelledException;
import org.lethe.engine.job.JobContext;

/**
 * Runs a sweep on Apache Spark: one Spark job per stage of the plan (originals, retrains, method
 * runs) and one Spark task per sweep task, each calling {@link SweepWorker#run} on an executor.
 * Requests and results cross as JSON strings; models are written to and read from the workspace,
 * which on a cluster must be a folder every executor mounts under the same path.
 *
 * <p>{@code spark.task.cpus} (default 1) sets both the cores Spark reserves for a task and the engine
 * threads the task uses. Cancelling the job context cancels the running Spark job.
 */
public final class SparkSweepRunner extends StagedSweepRunner {

    private static final List<String> OPENED_PACKAGES = List.of("java.lang", "java.lang.invoke", "java.nio",
            "java.util", "sun.nio.ch");

    private final JavaSparkContext spark;

    /**
     * Starts (or joins) a Spark context.
     *
     * @param target a master URL ({@code local[2]}, {@code spark://host:7077}); empty to use the one
     *     {@code spark-submit --master} set
     * @param workspace the folder for the tasks' models and results
     * @param settings further {@code spark.*} settings
     * @throws LetheException if no master is given, or the JVM lacks the flags Spark needs on Java 17
     */
    public SparkSweepRunner(String target, Path workspace, Map<String, String> settings) {
        this(configure(target, settings), workspace);
    }

    private SparkSweepRunner(SparkConf conf, Path workspace) {
        super(workspace, conf.getInt("spark.task.cpus", 1));
        this.spark = JavaSparkContext.fromSparkContext(SparkContext.getOrCreate(conf));
    }

    private static SparkConf configure(String target, Map<String, String> settings) {
        requireOpenModules();
        SparkConf conf = new SparkConf().setAppName("lethe sweep");
        if (target != null && !target.isBlank()) {
            conf.setMaster(target.trim());
        }
        settings.forEach(conf::set);
        if (!conf.contains("spark.master")) {
            throw new LetheException("--spark needs a master URL, e.g. --spark local[2] or --spark spark://host:7077 "
                    + "(or start through spark-submit --master ...)");
        }
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        return conf;
    }

    private static void requireOpenModules() {
        Module base = Object.class.getModule();
        Module self = SparkSweepRunner.class.getModule();
        List<String> closed = OPENED_PACKAGES.stream().filter(p -> !base.isOpen(p, self)).toList();
        if (!closed.isEmpty()) {
            throw new LetheException("Spark needs java.base opened to it on Java 17, but " + closed + " are closed in "
                    + "this JVM: start Lethe with 'java -jar lethe.jar' (its manifest opens them) or through "
                    + "spark-submit, or add the --add-opens flags listed in the README (section 'Sweeps on Apache "
                    + "Spark')");
        }
    }

    @Override
    protected List<String> runStage(String stage, List<String> requests, JobContext ctx) {
        spark.setJobGroup("lethe-" + stage, "lethe sweep: " + stage, true);
        JavaFutureAction<List<String>> future = spark.parallelize(requests, requests.size())
                .map(SweepWorker::run).collectAsync();
        while (true) {
            try {
                return future.get(250, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (ctx.token().isCancelled()) {
                    future.cancel(true);
                    throw new JobCancelledException();
                }
            } catch (InterruptedException e) {
                future.cancel(true);
                Thread.currentThread().interrupt();
                throw new JobCancelledException();
            } catch (ExecutionException e) {
                throw failure(e);
            }
        }
    }

    /** The task's own domain error when there is one (bad input), else the Spark failure. */
    private static RuntimeException failure(ExecutionException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof LetheException lethe) {
                return new LetheException(lethe.getMessage(), e);
            }
        }
        Throwable cause = e.getCause() == null ? e : e.getCause();
        String message = String.valueOf(cause.getMessage());
        int newline = message.indexOf('\n');
        return new IllegalStateException("a sweep task failed on Spark: "
                + (newline < 0 ? message : message.substring(0, newline)), cause);
    }

    @Override
    public String describe() {
        return "spark " + spark.master() + " (" + spark.defaultParallelism() + " task slots)";
    }

    /** Stops the Spark context. */
    @Override
    public void close() {
        spark.stop();
    }
}
