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
import org.lethe.engine.model.TrainingConfig;
import org.lethe.engine.unlearning.amnesiac.AmnesiacComparison;
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
        JobContext ctx = new JobContext(new StderrProgress(spec.commandLine().getErr(), json), new CancellationToken());
        AmnesiacComparison.Outcome r = AmnesiacComparison.run(data, modelSpec, config, split, ctx);
        double retrainSeconds = r.retrainSeconds();
        Map<String, Object> models = new LinkedHashMap<>();
        models.put("original", metrics(r.original()));
        models.put("retrained", metrics(r.retrained()));
        models.put("unlearned", metrics(r.amnesiac()));
        models.put("perSampleUnlearned", metrics(r.perSample()));
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("method", "amnesiac");
        report.put("forget", Map.of("spec", forgetSpec.toText(), "count", r.sensitive()));
        report.put("seconds", r.amnesiacSeconds());
        report.put("perSampleSeconds", r.perSampleSeconds());
        report.put("retrainSeconds", retrainSeconds);
        report.put("batchesUndone", r.batchesUndone());
        report.put("storageBytes", Map.of("amnesiac", r.amnesiacBytes(), "perSample", r.perSampleBytes()));
        report.put("perSampleExact", r.perSampleExact());
        report.put("models", models);
        if (json) {
            out.println(Json.write(report));
        } else {
            out.printf(Locale.ROOT, "forget %s (%d samples, marked sensitive before training); retrain %.1f s%n",
                    forgetSpec.toText(), r.sensitive(), retrainSeconds);
            out.printf(Locale.ROOT, "  amnesiac: %d batch updates undone, %,d bytes stored; per-sample: %,d bytes%n",
                    r.batchesUndone(), r.amnesiacBytes(), r.perSampleBytes());
            models.forEach((name, m) -> out.printf("  %-19s %s%n", name, m));
        }
        return 0;
    }

    private static Map<String, Double> metrics(AmnesiacComparison.Scores s) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("forgetAccuracy", s.forgetAccuracy());
        m.put("retainAccuracy", s.retainAccuracy());
        m.put("testAccuracy", s.testAccuracy());
        m.put("forgetLoss", s.forgetLoss());
        m.put("l2ToRetrained", s.l2ToRetrained());
        return m;
    }
}
