package org.lethe.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.Architecture;
import org.lethe.engine.model.BatchHook;
import org.lethe.engine.model.EngineThreads;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.Trainer;
import org.lethe.engine.model.TrainingConfig;
import org.lethe.engine.model.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lethe bench train}: one epoch of Adam at batch 64 over the full training split (MNIST for
 * logreg/mlp/lenet, the bundled CIFAR-10 for cifar-cnn) after a warm-up, printing the same fields
 * as {@code bench/pytorch_train.py}.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Measure training throughput (one epoch after a warm-up).")
final class BenchTrainCommand implements Callable<Integer> {

    @Option(names = "--model", defaultValue = "lenet", description = "logreg, mlp, lenet or cifar-cnn.")
    String model;

    @Mixin
    EngineOptions engine;

    @Option(names = "--batch-size", defaultValue = "64", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--warmup", defaultValue = "20", description = "Warm-up batches (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--seed", defaultValue = "7", description = "Seed.")
    long seed;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int threadCount = engine.apply();
        Architecture architecture = Architecture.fromId(model);
        String datasetName = architecture == Architecture.CIFAR_CNN ? DatasetCatalog.CIFAR10 : DatasetCatalog.MNIST;
        ImageDataset data = DatasetCatalog.fromEnvironment().load(datasetName, JobContext.detached());
        ModelSpec modelSpec = ModelSpec.defaults(architecture, data.shape(), data.numClasses()).withSeed(seed);
        TrainingConfig config = TrainingConfig.adam(1, batchSize, 1e-3, seed);
        int warmupSamples = Math.min(data.train().count(), warmup * batchSize);
        IndexView warm = new IndexView(data.train(), IntStream.range(0, warmupSamples).toArray(), "warmup");
        new Trainer().train(modelSpec, warm, null, config, BatchHook.NONE, JobContext.detached());
        TrainingResult r = new Trainer().train(modelSpec, data.train().all("train"), null, config, BatchHook.NONE,
                JobContext.detached());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("engine", "dl4j");
        result.put("model", architecture.id());
        result.put("backend", "samediff " + EngineThreads.backendDescription());
        result.put("threads", threadCount);
        result.put("parallelism", EngineThreads.parallelism().id());
        result.put("batchSize", batchSize);
        result.put("samples", data.train().count());
        result.put("seconds", Math.round(r.history().get(0).seconds() * 1000) / 1000.0);
        result.put("samplesPerSecond", Math.round(data.train().count() / r.history().get(0).seconds() * 10) / 10.0);
        result.put("meanLoss", Math.round(r.history().get(0).meanLoss() * 1e4) / 1e4);
        if (json) {
            out.println(Json.write(result));
        } else {
            out.printf(java.util.Locale.ROOT, "%s, %d thread(s), batch %d: %.0f samples/s (%d samples in %.2f s) on %s%n",
                    architecture.id(), threadCount, batchSize, result.get("samplesPerSecond"), data.train().count(),
                    result.get("seconds"), result.get("backend"));
        }
        return 0;
    }
}
