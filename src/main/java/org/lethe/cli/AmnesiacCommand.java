package org.lethe.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.data.forget.ForgetSetSpec;
import org.lethe.engine.data.forget.ForgetSplit;
import org.lethe.engine.evaluation.Predictions;
import org.lethe.engine.evaluation.metric.ParameterDistance;
import org.lethe.engine.job.CancellationToken;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.Architecture;
import org.lethe.engine.model.BatchHook;
import org.lethe.engine.model.ModelFactory;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.Network;
import org.lethe.engine.model.Trainer;
import org.lethe.engine.model.TrainingConfig;
import org.lethe.engine.model.TrainingResult;
import org.lethe.engine.unlearning.amnesiac.AmnesiacRecorder;
import org.lethe.engine.unlearning.amnesiac.AmnesiacResult;
import org.lethe.engine.unlearning.amnesiac.AmnesiacUnlearning;
import org.lethe.engine.unlearning.amnesiac.PerSampleRecorder;
import org.lethe.engine.unlearning.amnesiac.PerSampleUnlearning;
import org.nd4j.linalg.api.buffer.DataType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lethe amnesiac}: trains with the forget set marked sensitive, recording both the batch
 * updates (amnesiac) and each sensitive sample's own contribution (per-sample amnesiac), then undoes
 * them and compares both with the same-order retrain; reports accuracies, distances and the storage
 * each variant needed.
 */
@Command(name = "amnesiac", mixinStandardHelpOptions = true,
        description = "Amnesiac and per-sample amnesiac unlearning of a sensitive forget set, against retraining.")
final class AmnesiacCommand implements Callable<Integer> {

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--model", defaultValue = "mlp", description = "Architecture (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--epochs", defaultValue = "2", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "64", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", defaultValue = "0.05",
            description = "Plain SGD learning rate; per-sample amnesiac is exact for SGD without momentum (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--forget", required = true, description = "Forget-set spec (marked sensitive before training).")
    String forget;


    @Option(names = "--seed", defaultValue = "1", description = "Seed for initialisation, order and the forget set.")
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
        TrainingConfig config = TrainingConfig.sgd(epochs, batchSize, lr, 0, 0, seed);
        ForgetSetSpec forgetSpec = ForgetSetSpec.parse(forget);
        ForgetSplit split = forgetSpec.resolve(data, seed);
        int[] sensitive = split.forget().toArray();
        JobContext ctx = new JobContext(new StderrProgress(spec.commandLine().getErr(), json), new CancellationToken());
        IndexView test = data.test().all("test");

        Network network = ModelFactory.build(modelSpec);
        AmnesiacRecorder batches = AmnesiacRecorder.forSensitive(sensitive);
        PerSampleRecorder samples = PerSampleRecorder.forSensitive(network, data.train(), config, sensitive);
        BatchHook both = step -> {
            batches.afterStep(step);
            samples.afterStep(step);
        };
        TrainingResult original = new Trainer().train(network, data.train().all("train"), test, config, both, ctx);

        long t0 = System.nanoTime();
        TrainingResult retrained = new Trainer().replay(modelSpec, data.train(), config, original.epochOrders(),
                sensitive, null, BatchHook.NONE, ctx);
        double retrainSeconds = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        AmnesiacResult amnesiac = new AmnesiacUnlearning(original.network(), batches).unlearn(sensitive);
        double amnesiacSeconds = (System.nanoTime() - t1) / 1e9;
        long t2 = System.nanoTime();
        AmnesiacResult perSample = new PerSampleUnlearning(original.network(), samples).unlearn(sensitive);
        double perSampleSeconds = (System.nanoTime() - t2) / 1e9;

        float[] reference = flat(retrained.network());
        Map<String, Object> models = new LinkedHashMap<>();
        models.put("original", metrics(original.network(), split, test, reference));
        models.put("retrained", metrics(retrained.network(), split, test, reference));
        models.put("unlearned", metrics(amnesiac.network(), split, test, reference));
        models.put("perSampleUnlearned", metrics(perSample.network(), split, test, reference));
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("method", "amnesiac");
        report.put("forget", Map.of("spec", forgetSpec.toText(), "count", sensitive.length));
        report.put("seconds", amnesiacSeconds);
        report.put("perSampleSeconds", perSampleSeconds);
        report.put("retrainSeconds", retrainSeconds);
        report.put("batchesUndone", amnesiac.updatesUndone());
        report.put("storageBytes", Map.of("amnesiac", amnesiac.storageBytes(), "perSample", perSample.storageBytes()));
        report.put("perSampleExact", samples.exactForOptimizer());
        report.put("models", models);
        if (json) {
            out.println(Json.write(report));
        } else {
            out.printf(Locale.ROOT, "forget %s (%d samples, marked sensitive before training); retrain %.1f s%n",
                    forgetSpec.toText(), sensitive.length, retrainSeconds);
            out.printf(Locale.ROOT, "  amnesiac: %d batch updates undone, %,d bytes stored; per-sample: %,d bytes%n",
                    amnesiac.updatesUndone(), amnesiac.storageBytes(), perSample.storageBytes());
            models.forEach((name, m) -> out.printf("  %-19s %s%n", name, m));
        }
        return 0;
    }

    private static Map<String, Double> metrics(Network network, ForgetSplit split, IndexView test, float[] reference) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("forgetAccuracy", 100 * Predictions.compute(network, split.forget()).accuracy());
        m.put("retainAccuracy", 100 * Predictions.compute(network, split.retain()).accuracy());
        m.put("testAccuracy", 100 * Predictions.compute(network, test).accuracy());
        m.put("forgetLoss", Predictions.compute(network, split.forget()).meanLoss());
        m.put("l2ToRetrained", ParameterDistance.l2(flat(network), reference));
        return m;
    }

    private static float[] flat(Network network) {
        return network.params().castTo(DataType.FLOAT).toFloatVector();
    }
}
