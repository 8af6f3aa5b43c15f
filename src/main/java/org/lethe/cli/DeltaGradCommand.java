package org.lethe.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.data.ImageSplit;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.evaluation.Predictions;
import org.lethe.engine.evaluation.metric.ParameterDistance;
import org.lethe.engine.job.CancellationToken;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.Architecture;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.Network;
import org.lethe.engine.model.Precision;
import org.lethe.engine.model.TrainingConfig;
import org.lethe.engine.model.optim.LrSchedule;
import org.lethe.engine.model.optim.OptimizerConfig;
import org.lethe.engine.unlearning.deltagrad.CachedTraining;
import org.lethe.engine.unlearning.deltagrad.DeltaGrad;
import org.lethe.engine.unlearning.deltagrad.DeltaGradParams;
import org.lethe.engine.unlearning.deltagrad.DeltaGradUpdate;
import org.lethe.engine.unlearning.deltagrad.SameOrderRetrain;
import org.lethe.engine.unlearning.deltagrad.TrainingCache;
import org.lethe.engine.unlearning.deltagrad.UpdatePlan;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lethe deltagrad}: trains a float64 logistic regression or MLP with plain SGD while caching
 * its trajectory, deletes and/or adds random training samples with DeltaGrad, and compares the
 * result with the same-order retrain (same initialisation and batches, minus the deleted and plus
 * the added samples): accuracies, parameter distances, times, speed-up and the cache's size.
 * Times are given as wall time ({@code seconds}, {@code retrainSeconds}, {@code speedup}) and as
 * the process's CPU time ({@code cpuSeconds}, {@code retrainCpuSeconds}, {@code cpuSpeedup}), which
 * stays meaningful on a machine shared with other work.
 */
@Command(name = "deltagrad", mixinStandardHelpOptions = true,
        description = "DeltaGrad: train with a cached SGD trajectory, delete/add samples, compare with the "
                + "same-order retrain.")
final class DeltaGradCommand implements Callable<Integer> {

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--model", defaultValue = "logreg", description = "logreg or mlp (784-300-10) (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--epochs", defaultValue = "20", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "1024", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", defaultValue = "0.1", description = "Plain SGD learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--lr-step", defaultValue = "0",
            description = "Multiply the learning rate by --lr-gamma every N epochs; 0 keeps it constant (default: ${DEFAULT-VALUE}).")
    int lrStep;

    @Option(names = "--lr-gamma", defaultValue = "0.5", description = "Learning-rate factor for --lr-step (default: ${DEFAULT-VALUE}).")
    double lrGamma;

    @Option(names = "--l2", defaultValue = "1e-4", description = "Coupled L2 coefficient lambda (default: ${DEFAULT-VALUE}).")
    double l2;

    @Option(names = "--history", defaultValue = "2", description = "L-BFGS memory m (default: ${DEFAULT-VALUE}).")
    int history;

    @Option(names = "--period", defaultValue = "5", description = "Exact step every T0 iterations (default: ${DEFAULT-VALUE}).")
    int period;

    @Option(names = "--burn-in", defaultValue = "20", description = "Exact iterations at the start, j0 (default: ${DEFAULT-VALUE}).")
    int burnIn;

    @ArgGroup(exclusive = true)
    DeleteAmount delete;

    /** How many samples to delete: a fraction of the training set or a count. */
    static final class DeleteAmount {
        @Option(names = "--delete-fraction", description = "Delete this fraction of the training set, e.g. 0.001.")
        Double fraction;

        @Option(names = "--delete-count", description = "Delete this many random training samples.")
        Integer count;
    }

    @Option(names = "--add-count", defaultValue = "0",
            description = "Hold this many random samples out of training and add them afterwards (default: ${DEFAULT-VALUE}).")
    int addCount;

    @Option(names = "--seed", defaultValue = "1",
            description = "Seed for initialisation, batch order, the samples chosen and their placement (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Architecture architecture = Architecture.fromId(model);
        DeltaGradParams settings = new DeltaGradParams(history, period, burnIn, DeltaGradParams.defaults().minSigma());
        if (addCount < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--add-count must be >= 0, was " + addCount);
        }
        engine.apply();
        ImageDataset data = dataOptions.load();
        ImageSplit split = data.train();
        int n = split.count();
        int deleteCount = deleteCount(n - addCount);
        if (deleteCount == 0 && addCount == 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "nothing to do: give --delete-count, --delete-fraction or --add-count");
        }
        if (deleteCount + addCount >= n) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot delete " + deleteCount + " and add "
                    + addCount + " of " + n + " training samples");
        }
        int[] chosen = choose(n, deleteCount + addCount, new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 17));
        int[] added = Arrays.copyOfRange(chosen, 0, addCount);
        int[] deleted = Arrays.copyOfRange(chosen, addCount, chosen.length);
        BitSet heldOut = new BitSet(n);
        for (int i : added) {
            heldOut.set(i);
        }
        IndexView train = new IndexView(split, java.util.stream.IntStream.range(0, n).filter(i -> !heldOut.get(i))
                .toArray(), "train");
        ModelSpec modelSpec = ModelSpec.defaults(architecture, data.shape(), data.numClasses())
                .withPrecision(Precision.DOUBLE).withSeed(seed);
        LrSchedule schedule = lrStep > 0 ? new LrSchedule.Step(lr, lrStep, lrGamma) : LrSchedule.constant(lr);
        TrainingConfig config = new TrainingConfig(epochs, batchSize, OptimizerConfig.sgd(0, l2), schedule, seed);
        JobContext ctx = new JobContext(new StderrProgress(spec.commandLine().getErr(), json), new CancellationToken());

        TrainingCache cache = CachedTraining.train(modelSpec, train, config, ctx);
        double[] original = cache.finalParams();
        UpdatePlan plan = UpdatePlan.of(cache, deleted, added, seed);
        // start both timed phases with a collected heap, so that neither pays for the other's (or the
        // cached training's) garbage: the comparison is the command's purpose
        System.gc();
        long t0 = System.nanoTime();
        long c0 = processCpuNanos();
        double[] retrained = SameOrderRetrain.run(plan, ctx);
        double retrainSeconds = (System.nanoTime() - t0) / 1e9;
        double retrainCpu = (processCpuNanos() - c0) / 1e9;
        System.gc();
        long c1 = processCpuNanos();
        DeltaGradUpdate update = new DeltaGrad(settings).apply(plan, ctx);
        double cpu = (processCpuNanos() - c1) / 1e9;

        IndexView forget = new IndexView(split, deleted, "forget");
        IndexView addedView = new IndexView(split, added, "added");
        BitSet gone = new BitSet(n);
        for (int i : deleted) {
            gone.set(i);
        }
        IndexView retain = new IndexView(split, train.stream().filter(i -> !gone.get(i)).toArray(), "retain");
        IndexView test = data.test().all("test");
        Map<String, Object> models = new LinkedHashMap<>();
        models.put("original", metrics(cache.networkWith(original), forget, addedView, retain, test));
        models.put("retrained", metrics(cache.networkWith(retrained), forget, addedView, retain, test));
        models.put("unlearned", metrics(cache.networkWith(update.params()), forget, addedView, retain, test));
        double distance = ParameterDistance.l2(update.params(), retrained);
        double originalDistance = ParameterDistance.l2(original, retrained);

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("method", "deltagrad");
        report.put("model", architecture.id());
        report.put("trainingSize", train.size());
        report.put("forget", Map.of("count", deleted.length));
        report.put("added", Map.of("count", added.length));
        report.put("settings", settings);
        report.put("epochs", epochs);
        report.put("batchSize", batchSize);
        report.put("lr", lr);
        report.put("l2", l2);
        report.put("iterations", cache.iterations());
        report.put("exactSteps", update.exactSteps());
        report.put("approximateSteps", update.approximateSteps());
        report.put("fallbackSteps", update.fallbackSteps());
        report.put("firstAffectedIteration", update.firstAffectedIteration());
        report.put("trainSeconds", cache.trainSeconds());
        report.put("seconds", update.seconds());
        report.put("retrainSeconds", retrainSeconds);
        report.put("speedup", retrainSeconds / update.seconds());
        if (cpu > 0 && retrainCpu > 0) {
            report.put("cpuSeconds", cpu);
            report.put("retrainCpuSeconds", retrainCpu);
            report.put("cpuSpeedup", retrainCpu / cpu);
        }
        report.put("l2ToRetrained", distance);
        report.put("l2OriginalToRetrained", originalDistance);
        report.put("relativeDistance", originalDistance > 0 ? distance / originalDistance : null);
        report.put("storageBytes", cache.storageBytes());
        report.put("models", models);
        if (json) {
            out.println(Json.write(report));
        } else {
            out.printf(Locale.ROOT, "DeltaGrad on %s, %d training samples, %d iterations (batch %d): deleted %d, added %d%n",
                    architecture.id(), train.size(), cache.iterations(), batchSize, deleted.length, added.length);
            out.printf(Locale.ROOT, "  update %.2f s (%d exact, %d approximate steps), same-order retrain %.2f s: %.1fx "
                    + "(CPU time %.1fx)%n", update.seconds(), update.exactSteps(), update.approximateSteps(),
                    retrainSeconds, retrainSeconds / update.seconds(), retrainCpu / cpu);
            out.printf(Locale.ROOT, "  |unlearned - retrained| = %.3g, |original - retrained| = %.3g (ratio %.3g); "
                    + "cache %,d bytes%n", distance, originalDistance, distance / originalDistance, cache.storageBytes());
            models.forEach((name, m) -> out.printf("  %-10s %s%n", name, m));
        }
        return 0;
    }

    /**
     * CPU time used by this process so far (all threads), or -1 where the JVM cannot tell. Unlike
     * wall time it does not grow when other processes compete for the cores.
     */
    private static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private int deleteCount(int trainingSize) {
        if (delete == null) {
            return 0;
        }
        if (delete.count != null) {
            if (delete.count < 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--delete-count must be >= 0, was "
                        + delete.count);
            }
            return delete.count;
        }
        double f = delete.fraction;
        if (!(f >= 0 && f < 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--delete-fraction must be in [0, 1), was " + f);
        }
        return f == 0 ? 0 : Math.max(1, (int) Math.round(f * trainingSize));
    }

    /** {@code k} distinct indices of {@code [0, n)} in random order (partial Fisher–Yates). */
    private static int[] choose(int n, int k, SplittableRandom random) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return Arrays.copyOf(all, k);
    }

    private static Map<String, Double> metrics(Network network, IndexView forget, IndexView added, IndexView retain,
                                               IndexView test) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("forgetAccuracy", forget.isEmpty() ? null : 100 * Predictions.compute(network, forget).accuracy());
        if (!added.isEmpty()) {
            m.put("addedAccuracy", 100 * Predictions.compute(network, added).accuracy());
        }
        m.put("retainAccuracy", 100 * Predictions.compute(network, retain).accuracy());
        m.put("testAccuracy", 100 * Predictions.compute(network, test).accuracy());
        return m;
    }
}
