package org.lethe.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lethe.engine.data.ImageDataset;
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
import org.lethe.engine.unlearning.sisa.SisaUnlearnResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lethe sisa}: trains a SISA ensemble, unlearns a forget set from it (retraining only the
 * affected shards from their last clean slice), and, as the reference, trains the same ensemble from
 * scratch without the forget set; reports accuracies, times and whether unlearning was exact.
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

    @Option(names = "--forget", required = true, description = "Forget-set spec, e.g. random:0.01 or class:3.")
    String forget;


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
        ForgetSetSpec forgetSpec = ForgetSetSpec.parse(forget);
        ForgetSplit split = forgetSpec.resolve(data, seed);
        JobContext ctx = new JobContext(new StderrProgress(spec.commandLine().getErr(), json), new CancellationToken());

        long t0 = System.nanoTime();
        SisaEnsemble ensemble = SisaEnsemble.train(data, modelSpec, config, ctx);
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> original = accuracies(ensemble, split, data);

        SisaUnlearnResult result = ensemble.unlearn(split.forget().toArray(), ctx);
        Map<String, Double> unlearned = accuracies(ensemble, split, data);

        long t1 = System.nanoTime();
        SisaEnsemble scratch = SisaEnsemble.train(data.train(), ensemble.assignment(), split.forget().toArray(),
                modelSpec, config, ctx);
        double retrainSeconds = (System.nanoTime() - t1) / 1e9;
        boolean exact = true;
        for (int k = 0; k < shards; k++) {
            exact &= java.util.Arrays.equals(scratch.shardParams(k).toDoubleVector(),
                    ensemble.shardParams(k).toDoubleVector());
        }

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("method", "sisa");
        report.put("forget", Map.of("spec", forgetSpec.toText(), "count", split.forget().size()));
        report.put("shards", shards);
        report.put("slices", slices);
        report.put("retrainedShards", result.retrainedShards());
        report.put("slicesRetrained", result.slicesRetrained());
        report.put("storageBytes", result.storageBytes());
        report.put("trainSeconds", trainSeconds);
        report.put("seconds", result.seconds());
        report.put("retrainSeconds", retrainSeconds);
        report.put("speedup", retrainSeconds / result.seconds());
        report.put("exact", exact);
        Map<String, Object> models = new LinkedHashMap<>();
        models.put("original", original);
        models.put("retrained", accuracies(scratch, split, data));
        models.put("unlearned", unlearned);
        report.put("models", models);
        if (json) {
            out.println(Json.write(report));
        } else {
            out.printf(Locale.ROOT, "SISA %d shards x %d slices, forget %s (%d): retrained shards %s in %.1f s; "
                    + "full retrain %.1f s (%.1fx); identical to retraining from scratch: %s%n", shards, slices,
                    forgetSpec.toText(), split.forget().size(), result.retrainedShards(), result.seconds(),
                    retrainSeconds, retrainSeconds / result.seconds(), exact);
            models.forEach((name, m) -> out.printf("  %-10s %s%n", name, m));
        }
        return 0;
    }

    private static Map<String, Double> accuracies(SisaEnsemble ensemble, ForgetSplit split, ImageDataset data) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("forgetAccuracy", 100 * ensemble.accuracy(split.forget()));
        m.put("retainAccuracy", 100 * ensemble.accuracy(split.retain()));
        m.put("testAccuracy", 100 * ensemble.accuracy(data.test().all("test")));
        return m;
    }
}
