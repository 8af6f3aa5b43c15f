package org.lethe.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.data.ImageSplit;
import org.lethe.engine.job.CancellationToken;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.Architecture;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.TrainingConfig;
import org.lethe.engine.unlearning.deltagrad.DeltaGradComparison;
import org.lethe.engine.unlearning.deltagrad.DeltaGradParams;
import org.lethe.engine.unlearning.deltagrad.DeltaGradUpdate;
import org.lethe.engine.unlearning.deltagrad.TrainingCache;
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
        DeltaGradComparison.Request request = DeltaGradComparison.choose(n, deleteCount, addCount, seed);
        ModelSpec modelSpec = DeltaGradComparison.model(architecture, null, data.shape(), data.numClasses(), seed);
        TrainingConfig config = DeltaGradComparison.sgd(epochs, batchSize, lr, lrStep, lrGamma, l2, seed);
        JobContext ctx = new JobContext(new StderrProgress(spec.commandLine().getErr(), json), new CancellationToken());

        TrainingCache cache = DeltaGradComparison.train(split, request.added(), modelSpec, config, ctx);
        DeltaGradComparison.Outcome result = DeltaGradComparison.compare(cache, request, settings, seed,
                data.test().all("test"), ctx);
        DeltaGradUpdate update = result.update();
        Map<String, Object> models = new LinkedHashMap<>();
        models.put("original", metrics(result.original()));
        models.put("retrained", metrics(result.retrained()));
        models.put("unlearned", metrics(result.unlearned()));
        double distance = result.l2ToRetrained();
        double originalDistance = result.l2OriginalToRetrained();
        double retrainSeconds = result.retrainSeconds();

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("method", "deltagrad");
        report.put("model", architecture.id());
        report.put("trainingSize", result.trainingSize());
        report.put("forget", Map.of("count", result.deleted()));
        report.put("added", Map.of("count", result.added()));
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
        if (!Double.isNaN(result.cpuSpeedup())) {
            report.put("cpuSeconds", result.cpuSeconds());
            report.put("retrainCpuSeconds", result.retrainCpuSeconds());
            report.put("cpuSpeedup", result.cpuSpeedup());
        }
        report.put("l2ToRetrained", distance);
        report.put("l2OriginalToRetrained", originalDistance);
        report.put("relativeDistance", originalDistance > 0 ? result.distanceRatio() : null);
        report.put("storageBytes", cache.storageBytes());
        report.put("models", models);
        if (json) {
            out.println(Json.write(report));
        } else {
            out.printf(Locale.ROOT, "DeltaGrad on %s, %d training samples, %d iterations (batch %d): deleted %d, added %d%n",
                    architecture.id(), result.trainingSize(), cache.iterations(), batchSize, result.deleted(), result.added());
            out.printf(Locale.ROOT, "  update %.2f s (%d exact, %d approximate steps), same-order retrain %.2f s: %.1fx "
                    + "(CPU time %.1fx)%n", update.seconds(), update.exactSteps(), update.approximateSteps(),
                    retrainSeconds, result.speedup(), result.cpuSpeedup());
            out.printf(Locale.ROOT, "  |unlearned - retrained| = %.3g, |original - retrained| = %.3g (ratio %.3g); "
                    + "cache %,d bytes%n", distance, originalDistance, distance / originalDistance, cache.storageBytes());
            models.forEach((name, m) -> out.printf("  %-10s %s%n", name, m));
        }
        return 0;
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

    private static Map<String, Double> metrics(DeltaGradComparison.Accuracies a) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("forgetAccuracy", a.forget());
        if (a.added() != null) {
            m.put("addedAccuracy", a.added());
        }
        m.put("retainAccuracy", a.retain());
        m.put("testAccuracy", a.test());
        return m;
    }
}
