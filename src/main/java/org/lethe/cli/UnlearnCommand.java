package org.lethe.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lethe.engine.LetheException;
import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.data.forget.ForgetSetSpec;
import org.lethe.engine.evaluation.ModelMetrics;
import org.lethe.engine.experiment.UnlearningExperiment;
import org.lethe.engine.experiment.UnlearningOutcome;
import org.lethe.engine.job.CancellationToken;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.ModelProvenance;
import org.lethe.engine.model.ModelStore;
import org.lethe.engine.model.TrainedModel;
import org.lethe.engine.unlearning.DataSplits;
import org.lethe.engine.unlearning.MethodDescriptor;
import org.lethe.engine.unlearning.MethodRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lethe unlearn}: runs a method and the retrained reference on a saved model. */
@Command(name = "unlearn", mixinStandardHelpOptions = true,
        description = "Unlearn a forget set from a saved model with a method, next to the retrained reference.")
final class UnlearnCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "The original model (.lethe).")
    Path modelFile;

    @Option(names = "--forget", required = true,
            description = "Forget-set spec, e.g. class:3, random:0.1, samples:1,2,3, indices:FILE.")
    String forget;

    @Option(names = "--method", required = true, description = "Method id (see 'lethe methods').")
    String method;

    @Option(names = "--param", description = "Method parameter key=value (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--no-retrain-data", description = "Withhold the retain set from the method.")
    boolean noRetainData;

    @Option(names = "--dataset", description = "Dataset name or path (default: the one in the model's provenance).")
    String dataset;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for the forget set and the method.")
    long seed;

    @Mixin
    EngineOptions engine;

    @Option(names = "--out", description = "Save the unlearned model here (.lethe).")
    Path out;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        MethodRegistry registry = MethodRegistry.standard();
        MethodDescriptor<?> descriptor = registry.byId(method);
        Map<String, String> given = new LinkedHashMap<>(params);
        if (descriptor.params().stream().anyMatch(p -> p.name().equals("seed")) && !given.containsKey("seed")) {
            given.put("seed", Long.toString(seed));
        }
        Record methodParams = MethodRegistry.params(descriptor, given);
        engine.apply();
        TrainedModel original = new ModelStore().load(modelFile);
        ImageDataset data = datasetOf(original.provenance());
        ForgetSetSpec forgetSpec = ForgetSetSpec.parse(forget);
        DataSplits splits = DataSplits.of(data, forgetSpec.resolve(data, seed)).withRetainAvailable(!noRetainData);
        JobContext ctx = new JobContext(new StderrProgress(spec.commandLine().getErr(), json), new CancellationToken());
        UnlearningOutcome outcome = new UnlearningExperiment(registry).run(original, splits, descriptor,
                methodParams, ctx);
        if (out != null) {
            new ModelStore().save(outcome.unlearned().model(), out);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("method", descriptor.id());
        result.put("params", methodParams);
        result.put("forget", Map.of("spec", forgetSpec.toText(), "count", splits.forget().size()));
        result.put("seconds", outcome.unlearned().seconds());
        result.put("retrainSeconds", outcome.retrained().seconds());
        Map<String, ModelMetrics> models = new LinkedHashMap<>();
        models.put("original", outcome.original());
        models.put("retrained", outcome.retrainedMetrics());
        models.put("unlearned", outcome.unlearnedMetrics());
        result.put("models", models);
        result.put("figures", outcome.unlearned().figures());
        if (json) {
            stdout.println(Json.write(result));
        } else {
            stdout.printf(java.util.Locale.ROOT, "%s on %s (%d samples to forget), %.1f s (retrain %.1f s)%n",
                    descriptor.displayName(), forgetSpec.toText(), splits.forget().size(),
                    outcome.unlearned().seconds(), outcome.retrained().seconds());
            stdout.printf("  %-10s %8s %8s %8s %8s%n", "model", "forget", "retain", "test", "MIA AUC");
            models.forEach((name, m) -> stdout.printf(java.util.Locale.ROOT, "  %-10s %7.2f%% %7.2f%% %7.2f%% %7.2f%%%n",
                    name, m.forgetAccuracy(), m.retainAccuracy(), m.testAccuracy(), m.miaAuc()));
        }
        return 0;
    }

    private ImageDataset datasetOf(ModelProvenance provenance) {
        String name = dataset != null ? dataset : provenance.datasetName();
        ImageDataset data = DatasetCatalog.fromEnvironment().load(name, JobContext.detached());
        if (provenance.trainSubsetSize() > 0 && provenance.trainSubsetSize() < data.train().count()) {
            data = data.limitTrain(provenance.trainSubsetSize());
        }
        if (!data.sha256().equals(provenance.datasetSha256())) {
            throw new LetheException(modelFile + ": the model was trained on " + provenance.datasetName() + " (sha256 "
                    + provenance.datasetSha256().substring(0, 12) + "...), but " + name + " has content hash "
                    + data.sha256().substring(0, 12) + "...; pass the right dataset with --dataset");
        }
        return data;
    }
}
