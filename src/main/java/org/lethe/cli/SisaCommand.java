package org.lethe.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lethe.engine.LetheException;
import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.experiment.sweep.SisaShardSweep;
import org.lethe.engine.experiment.sweep.SweepBackend;
import org.lethe.engine.experiment.sweep.SweepRunner;
import org.lethe.engine.data.forget.ForgetSetSpec;
import org.lethe.engine.data.forget.ForgetSplit;
import org.lethe.engine.job.CancellationToken;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.Architecture;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.optim.OptimizerConfig;
import org.lethe.engine.unlearning.sisa.Aggregation;
import org.lethe.engine.unlearning.sisa.ShardingMode;
import org.lethe.engine.unlearning.sisa.SisaConfig;
import org.lethe.engine.unlearning.sisa.SisaEnsemble;
import org.lethe.engine.unlearning.sisa.SisaStore;
import org.lethe.engine.unlearning.sisa.SisaUnlearnResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lethe sisa}: trains a SISA ensemble (or loads one saved with {@code --save}), unlearns a
 * forget set from it (retraining only the affected shards from their last clean slice), and, as the
 * reference, trains the same ensemble from scratch without every deleted point; reports accuracies,
 * times and whether unlearning was exact. {@code --save} keeps the ensemble with its checkpoints for
 * the next request.
 */
@Command(name = "sisa", mixinStandardHelpOptions = true,
        description = "SISA: train shards x slices, unlearn a forget set, compare with retraining from scratch.")
final class SisaCommand implements Callable<Integer> {

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--model", defaultValue = "mlp", description = "Architecture of every shard (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--shards", defaultValue = "5", description = "Shards S (default: ${DEFAULT-VALUE}).")
    int shards;

    @Option(names = "--slices", defaultValue = "2", description = "Slices R per shard (default: ${DEFAULT-VALUE}).")
    int slices;

    @Option(names = "--epochs", defaultValue = "4", description = "Epochs per shard e (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "32", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", defaultValue = "0.001", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--sharding", defaultValue = "RANDOM", description = "RANDOM, KMEANS or BY_LABEL.")
    ShardingMode sharding;

    @Option(names = "--aggregation", defaultValue = "MEAN_PROBABILITY", description = "VOTE or MEAN_PROBABILITY.")
    Aggregation aggregation;

    @Option(names = "--forget", description = "Forget-set spec, e.g. random:0.01 or class:3; without it the "
            + "ensemble is only trained (or loaded), evaluated and saved.")
    String forget;

    @Option(names = "--load", paramLabel = "FILE", description = "Start from a saved ensemble (.lethe-sisa) instead of "
            + "training; its model, shards, slices and training settings come from the file, the dataset options "
            + "must name the data it was trained on.")
    Path load;

    @Option(names = "--save", paramLabel = "FILE", description = "Save the ensemble (after unlearning) with all its "
            + "slice checkpoints, so a later --load unlearns further requests retraining only the affected shards.")
    Path save;

    @Option(names = "--spark", arity = "0..1", fallbackValue = "", paramLabel = "MASTER",
            description = {"Train the shards as independent tasks on Apache Spark: local[N], spark://HOST:7077, or no "
                    + "value to take spark-submit's --master. Shard files go to --workspace. Needs a build made with "
                    + "-Pspark."})
    String spark;

    @Option(names = "--workspace", paramLabel = "DIR", description = "Folder for the shard tasks' files with --spark "
            + "(every executor must reach it under the same path; default: a new temporary folder).")
    Path workspace;

    @Option(names = "--no-reference", description = "Skip retraining the whole ensemble from scratch as the reference.")
    boolean noReference;


    @Option(names = "--seed", defaultValue = "1", description = "Seed for sharding, initialisation and the forget set.")
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
        engine.apply();
        ImageDataset data = dataOptions.load();
        ModelSpec modelSpec = ModelSpec.defaults(Architecture.fromId(model), data.shape(), data.numClasses())
                .withSeed(seed);
        SisaConfig config = SisaConfig.of(shards, slices, epochs, batchSize, lr, seed)
                .withOptimizer(OptimizerConfig.adam(0)).with(sharding, aggregation);
        JobContext ctx = new JobContext(new StderrProgress(spec.commandLine().getErr(), json), new CancellationToken());

        long t0 = System.nanoTime();
        SisaEnsemble ensemble;
        if (load != null) {
            ensemble = new SisaStore().load(load, data.train());
            modelSpec = ensemble.spec();
            config = ensemble.config();
        } else if (spark != null) {
            ensemble = trainOnSpark(data, modelSpec, config, ctx);
        } else {
            ensemble = SisaEnsemble.train(data, modelSpec, config, ctx);
        }
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        ForgetSplit split = forget == null ? null : ForgetSetSpec.parse(forget).resolve(data, seed);
        Map<String, Double> original = accuracies(ensemble, split, data);

        SisaUnlearnResult result = split == null ? null : ensemble.unlearn(split.forget().toArray(), ctx);
        Map<String, Double> unlearned = split == null ? null : accuracies(ensemble, split, data);

        SisaEnsemble scratch = null;
        double retrainSeconds = Double.NaN;
        Boolean exact = null;
        if (split != null && !noReference) {
            long t1 = System.nanoTime();
            scratch = SisaEnsemble.train(data.train(), ensemble.assignment(), ensemble.deletedIndices(), modelSpec,
                    config, ctx);
            retrainSeconds = (System.nanoTime() - t1) / 1e9;
            exact = true;
            for (int k = 0; k < config.shards(); k++) {
                exact &= java.util.Arrays.equals(scratch.shardParams(k).toDoubleVector(),
                        ensemble.shardParams(k).toDoubleVector());
            }
        }
        if (save != null) {
            try {
                new SisaStore().save(ensemble, save);
            } catch (java.io.IOException e) {
                throw new LetheException(save + ": cannot write the SISA ensemble: " + e.getMessage(), e);
            }
        }

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("method", "sisa");
        if (split != null) {
            report.put("forget", Map.of("spec", ForgetSetSpec.parse(forget).toText(), "count", split.forget().size()));
        }
        report.put("shards", config.shards());
        report.put("slices", config.slices());
        report.put("deletedTotal", ensemble.deletedIndices().length);
        if (spark != null) {
            report.put("trainedOn", describedRunner);
        }
        java.util.List<String> hashes = new java.util.ArrayList<>();
        for (int k = 0; k < config.shards(); k++) {
            hashes.add(org.lethe.engine.model.TrainedModel.hashParams(ensemble.shardParams(k)));
        }
        report.put("shardParamsSha256", hashes);
        if (load != null) {
            report.put("loadedFrom", load.toString());
            report.put("loadSeconds", trainSeconds);
        } else {
            report.put("trainSeconds", trainSeconds);
        }
        if (result != null) {
            report.put("retrainedShards", result.retrainedShards());
            report.put("slicesRetrained", result.slicesRetrained());
            report.put("storageBytes", result.storageBytes());
            report.put("seconds", result.seconds());
        }
        if (exact != null) {
            report.put("retrainSeconds", retrainSeconds);
            report.put("speedup", retrainSeconds / result.seconds());
            report.put("exact", exact);
        }
        if (save != null) {
            report.put("savedTo", save.toString());
        }
        Map<String, Object> models = new LinkedHashMap<>();
        models.put("original", original);
        if (scratch != null) {
            models.put("retrained", accuracies(scratch, split, data));
        }
        if (unlearned != null) {
            models.put("unlearned", unlearned);
        }
        report.put("models", models);
        if (json) {
            out.println(Json.write(report));
        } else if (result == null) {
            out.printf(Locale.ROOT, "SISA %d shards x %d slices, %s in %.1f s%s%n", config.shards(), config.slices(),
                    load != null ? "loaded" : "trained", trainSeconds, save != null ? ", saved to " + save : "");
            models.forEach((name, m) -> out.printf("  %-10s %s%n", name, m));
        } else {
            out.printf(Locale.ROOT, "SISA %d shards x %d slices, forget %s (%d): retrained shards %s in %.1f s%s%s%n",
                    config.shards(), config.slices(), ForgetSetSpec.parse(forget).toText(), split.forget().size(),
                    result.retrainedShards(), result.seconds(), exact == null ? ""
                            : String.format(Locale.ROOT, "; full retrain %.1f s (%.1fx); identical to retraining from "
                                    + "scratch: %s", retrainSeconds, retrainSeconds / result.seconds(), exact),
                    save != null ? "; saved to " + save : "");
            models.forEach((name, m) -> out.printf("  %-10s %s%n", name, m));
        }
        return 0;
    }

    private String describedRunner;

    /** Trains with one Spark task per shard (see {@link SisaShardSweep}). */
    private SisaEnsemble trainOnSpark(ImageDataset data, ModelSpec modelSpec, SisaConfig config, JobContext ctx) {
        if (load != null) {
            throw new LetheException("--spark trains a new ensemble; drop it when using --load");
        }
        SweepBackend backend = SweepBackend.find("spark").orElseThrow(() -> new LetheException(
                "--spark: this build of Lethe has no Spark backend; build it with the Maven profile 'spark' "
                        + "(mvn -Pspark -DskipTests package) and run that target/lethe.jar"));
        Path folder;
        try {
            folder = workspace != null ? workspace : Files.createTempDirectory("lethe-sisa-");
        } catch (java.io.IOException e) {
            throw new LetheException("cannot create a workspace folder for --spark: " + e.getMessage(), e);
        }
        try (SweepRunner runner = backend.open(spark, folder, Map.of())) {
            describedRunner = runner.describe();
            return SisaShardSweep.train(data, dataOptions.dataset, dataOptions.trainLimit,
                    DatasetCatalog.fromEnvironment(), modelSpec, config, runner, folder, ctx);
        }
    }

    private static Map<String, Double> accuracies(SisaEnsemble ensemble, ForgetSplit split, ImageDataset data) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (split != null) {
            m.put("forgetAccuracy", 100 * ensemble.accuracy(split.forget()));
            m.put("retainAccuracy", 100 * ensemble.accuracy(split.retain()));
        }
        m.put("testAccuracy", 100 * ensemble.accuracy(data.test().all("test")));
        return m;
    }
}
