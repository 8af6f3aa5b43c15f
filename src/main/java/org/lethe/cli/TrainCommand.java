package org.lethe.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.job.CancellationToken;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.ModelStore;
import org.lethe.engine.model.ModelTraining;
import org.lethe.engine.model.TrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lethe train}: trains a model and stores it with its provenance. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a model on a dataset's training split and save it (.lethe).")
final class TrainCommand implements Callable<Integer> {

    @Mixin
    DataOptions dataOptions;

    @Mixin
    ModelOptions model;

    @Option(names = "--seed", defaultValue = "7", description = "Seed for initialisation and shuffling.")
    long seed;


    @Mixin
    EngineOptions engine;

    @Option(names = "--out", description = "Where to save the model (.lethe).")
    Path out;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        engine.apply();
        ImageDataset data = dataOptions.load();
        JobContext ctx = new JobContext(new StderrProgress(err, false), new CancellationToken());
        TrainedModel trained = ModelTraining.train(data, model.spec(data, seed), model.config(seed), ctx);
        if (out != null) {
            new ModelStore().save(trained, out);
        }
        var last = trained.provenance().history().get(trained.provenance().history().size() - 1);
        double samples = trained.provenance().history().stream().mapToDouble(h -> h.samples()).sum();
        double trainSeconds = trained.provenance().history().stream().mapToDouble(h -> h.seconds()).sum();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("model", model.model);
        result.put("dataset", data.name());
        result.put("epochs", trained.provenance().history().size());
        result.put("trainAccuracy", last.trainAccuracy());
        result.put("testAccuracy", last.testAccuracy());
        result.put("seconds", trained.provenance().seconds());
        result.put("samplesPerSecond", samples / trainSeconds);
        result.put("file", out == null ? null : out.toString());
        if (json) {
            stdout.println(Json.write(result));
        } else {
            stdout.printf(java.util.Locale.ROOT, "%s on %s: %d epochs, train accuracy %.4f, test accuracy %.4f, "
                    + "%.1f s (%.0f samples/s)%s%n", model.model, data.name(), result.get("epochs"),
                    last.trainAccuracy(), last.testAccuracy(), trained.provenance().seconds(),
                    (double) result.get("samplesPerSecond"), out == null ? "" : ", saved to " + out);
        }
        return 0;
    }
}
