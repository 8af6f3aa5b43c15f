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
import org.lethe.engine.evaluation.mia.ReferenceModels;
import org.lethe.engine.evaluation.mia.Rmia;
import org.lethe.engine.evaluation.mia.RmiaEvaluation;
import org.lethe.engine.experiment.Scenario;
import org.lethe.engine.experiment.UnlearningExperiment;
import org.lethe.engine.experiment.UnlearningOutcome;
import org.lethe.engine.job.CancellationToken;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.ModelProvenance;
import org.lethe.engine.model.ModelStore;
import org.lethe.engine.model.Network;
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

    @Option(names = "--reference-models", paramLabel = "K", defaultValue = "0",
            description = "Also attack the three models with offline RMIA using K reference models (2-64) trained "
                    + "like the original on random halves of train + test; adds rmiaAuc, rmiaAucRetain, tprAt1Fpr, "
                    + "tprAt01Fpr (default 0: no RMIA).")
    int referenceModels;

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
        if (referenceModels != 0 && (referenceModels < 2 || referenceModels > Scenario.MAX_REFERENCE_MODELS)) {
            throw new LetheException("--reference-models is " + referenceModels + ", expected 0 (no RMIA) or 2 to "
                    + Scenario.MAX_REFERENCE_MODELS);
        }
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
        if (referenceModels > 0) {
            if (original.provenance().training() == null) {
                throw new LetheException(modelFile + ": the model carries no training settings, so reference models "
                        + "cannot be trained like it; drop --reference-models");
            }
            ReferenceModels refs = ReferenceModels.train(data, original.spec(), original.provenance().training(),
                    referenceModels, seed, ctx);
            models.replaceAll((name, m) -> {
                Network net = switch (name) {
                    case "original" -> original.network();
                    case "retrained" -> outcome.retrained().model().network();
                    default -> outcome.unlearned().model().network();
                };
                RmiaEvaluation.Result r = RmiaEvaluation.evaluate(net, refs, splits, Rmia.Options.defaults(),
                        RmiaEvaluation.DEFAULT_SAMPLE, seed, ctx);
                return m.withRmia(r.forgetVsTestAuc(), r.forgetVsRetainAuc(), r.tprAt1PercentFpr(),
                        r.tprAt01PercentFpr());
            });
        }
        result.put("models", models);
        result.put("figures", outcome.unlearned().figures());
        if (json) {
            stdout.println(Json.write(result));
        } else {
            stdout.printf(java.util.Locale.ROOT, "%s on %s (%d samples to forget), %.1f s (retrain %.1f s)%n",
                    descriptor.displayName(), forgetSpec.toText(), splits.forget().size(),
                    outcome.unlearned().seconds(), outcome.retrained().seconds());
            boolean rmia = referenceModels > 0;
            stdout.printf("  %-10s %8s %8s %8s %8s%s%n", "model", "forget", "retain", "test", "MIA AUC",
                    rmia ? String.format(" %8s %8s %8s", "RMIA AUC", "TPR@1%", "TPR@.1%") : "");
            models.forEach((name, m) -> stdout.printf(java.util.Locale.ROOT, "  %-10s %7.2f%% %7.2f%% %7.2f%% %7.2f%%%s%n",
                    name, m.forgetAccuracy(), m.retainAccuracy(), m.testAccuracy(), m.miaAuc(), rmia
                            ? String.format(java.util.Locale.ROOT, " %7.2f%% %7.2f%% %7.2f%%", m.rmiaAuc(),
                                    m.tprAt1Fpr(), m.tprAt01Fpr()) : ""));
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
