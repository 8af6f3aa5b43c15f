package org.lethe.engine.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.data.forget.ForgetSetSpec;
import org.lethe.engine.evaluation.EvaluatedModel;
import org.lethe.engine.evaluation.ModelEvaluator;
import org.lethe.engine.evaluation.ModelMetrics;
import org.lethe.engine.evaluation.metric.AvgGap;
import org.lethe.engine.evaluation.metric.MeanStd;
import org.lethe.engine.evaluation.metric.UnlearningScores;
import org.lethe.engine.evaluation.metric.UnlearningWarnings;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.Architecture;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.ModelTraining;
import org.lethe.engine.model.TrainedModel;
import org.lethe.engine.model.TrainingConfig;
import org.lethe.engine.model.optim.LrSchedule;
import org.lethe.engine.model.optim.OptimizerConfig;
import org.lethe.engine.unlearning.DataSplits;
import org.lethe.engine.unlearning.MethodDescriptor;
import org.lethe.engine.unlearning.MethodParamException;
import org.lethe.engine.unlearning.MethodRegistry;
import org.lethe.engine.unlearning.UnlearningResult;
import org.lethe.engine.unlearning.retrain.Retrain;

/**
 * Runs a {@link Scenario}: per seed it trains the original, resolves the forget set, retrains
 * without it (same initialisation and order), runs every method, and evaluates all models on the
 * same splits; then it aggregates over seeds. Same scenario and seeds give the same numbers.
 */
public final class ScenarioRunner {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MethodRegistry registry;
    private final DatasetCatalog catalog;

    /** A runner over {@code registry}, loading datasets from {@code catalog}. */
    public ScenarioRunner(MethodRegistry registry, DatasetCatalog catalog) {
        this.registry = registry;
        this.catalog = catalog;
    }

    /**
     * The report, plus what charts need: the evaluated models of the last seed and the class names.
     *
     * @param report the report
     * @param lastSeedModels original, retrained, then each method, evaluated on the last seed's splits
     * @param classNames the dataset's class names
     */
    public record Result(ScenarioReport report, List<EvaluatedModel> lastSeedModels, List<String> classNames) { }

    /** Runs the scenario. */
    public Result run(Scenario scenario, JobContext ctx) {
        List<MethodDescriptor<?>> methods = new ArrayList<>();
        scenario.methods().forEach(m -> methods.add(registry.byId(m.id())));
        ctx.progress(0, "loading " + scenario.dataset());
        ImageDataset data = catalog.load(scenario.dataset(), ctx.slice(0, 0.02));
        if (scenario.trainLimit() != null) {
            data = data.limitTrain(scenario.trainLimit());
        }
        List<ScenarioReport.SeedRecord> seeds = new ArrayList<>();
        List<EvaluatedModel> lastModels = List.of();
        int n = scenario.seeds().size();
        for (int s = 0; s < n; s++) {
            long seed = scenario.seeds().get(s);
            JobContext seedCtx = ctx.slice(0.02 + 0.98 * s / n, 0.02 + 0.98 * (s + 1) / n);
            List<EvaluatedModel> models = new ArrayList<>();
            seeds.add(runSeed(scenario, data, methods, seed, seedCtx, models));
            lastModels = models;
        }
        return new Result(aggregate(scenario, data, seeds), lastModels, data.classNames());
    }

    private ScenarioReport.SeedRecord runSeed(Scenario scenario, ImageDataset data, List<MethodDescriptor<?>> methods,
            long seed, JobContext ctx, List<EvaluatedModel> models) {
        ctx.listener().log("seed " + seed + ": training the original");
        TrainedModel original = ModelTraining.train(data, spec(scenario, data, seed), config(scenario, seed),
                ctx.slice(0, 0.3));
        DataSplits splits = DataSplits.of(data, ForgetSetSpec.parse(scenario.forget()).resolve(data, seed))
                .withRetainAvailable(scenario.retainAvailable());
        ModelEvaluator evaluator = new ModelEvaluator(splits, scenario.retainSample() == null
                ? ModelEvaluator.DEFAULT_RETAIN_SAMPLE : scenario.retainSample(), seed);
        ctx.listener().log("seed " + seed + ": retraining without " + splits.forget().size() + " samples");
        MethodDescriptor<?> retrain = registry.byId(Retrain.ID);
        UnlearningResult retrained = retrain.run(original, splits.withRetainAvailable(true), retrain.defaults(),
                ctx.slice(0.3, 0.6));
        EvaluatedModel retrainedEval = ModelEvaluator.asReference(
                evaluator.evaluate("retrained", retrained.model().network(), null, ctx));
        EvaluatedModel originalEval = evaluator.evaluate("original", original.network(), retrainedEval, ctx);
        models.add(originalEval);
        models.add(retrainedEval);
        List<ScenarioReport.RunRecord> runs = new ArrayList<>();
        for (int i = 0; i < methods.size(); i++) {
            MethodDescriptor<?> method = methods.get(i);
            Scenario.MethodEntry entry = scenario.methods().get(i);
            String label = entry.label() == null ? method.displayName() : entry.label();
            ctx.listener().log("seed " + seed + ": " + label);
            Record params = params(method, entry, seed);
            UnlearningResult result = method.run(original, splits, params,
                    ctx.slice(0.6 + 0.4 * i / methods.size(), 0.6 + 0.4 * (i + 1) / methods.size()));
            EvaluatedModel eval = evaluator.evaluate(label, result.model().network(), retrainedEval, ctx);
            models.add(eval);
            List<String> warnings = warnings(eval, originalEval, retrainedEval);
            runs.add(new ScenarioReport.RunRecord(method.id(), label, result.seconds(),
                    AvgGap.of(scores(eval.metrics()), scores(retrainedEval.metrics())), eval.metrics(), warnings,
                    result.figures()));
        }
        return new ScenarioReport.SeedRecord(seed, splits.forget().size(), original.provenance().seconds(),
                retrained.seconds(), originalEval.metrics(), retrainedEval.metrics(), runs);
    }

    /** The sentence of the warning that a model's outputs were not finite numbers. */
    public static final String DIVERGED = "Diverged: the model's outputs are not finite numbers (scored as uniform"
            + " guesses); lower the learning rate or the number of epochs.";

    /**
     * The warnings reports print for an unlearned model, as sentences: {@link #DIVERGED} first when
     * its outputs were not finite, then those of {@link UnlearningWarnings#check}.
     *
     * @param retrained the retrained model, or null when there is none
     */
    public static List<String> warnings(EvaluatedModel unlearned, EvaluatedModel original, EvaluatedModel retrained) {
        List<String> out = new ArrayList<>();
        if (unlearned.test().nonFiniteRows() > 0 || unlearned.forget().nonFiniteRows() > 0) {
            out.add(DIVERGED);
        }
        UnlearningWarnings.check(scores(unlearned.metrics()), scores(original.metrics()),
                retrained == null ? null : scores(retrained.metrics())).forEach(w -> out.add(w.sentence()));
        return out;
    }

    private static Record params(MethodDescriptor<?> method, Scenario.MethodEntry entry, long seed) {
        ObjectNode given = entry.params() == null ? JSON.createObjectNode() : entry.params().deepCopy();
        boolean hasSeed = method.params().stream().anyMatch(p -> p.name().equals("seed"));
        if (hasSeed && !given.has("seed")) {
            given.put("seed", seed);
        }
        try {
            return MethodRegistry.params(method, given);
        } catch (MethodParamException e) {
            throw new MethodParamException("scenario method '" + method.id() + "': " + e.getMessage(), e);
        }
    }

    static ModelSpec spec(Scenario scenario, ImageDataset data, long seed) {
        ModelSpec spec = ModelSpec.defaults(Architecture.fromId(scenario.model().architecture()), data.shape(),
                data.numClasses()).withSeed(seed);
        return scenario.model().hiddenWidths() == null ? spec : spec.withHiddenWidths(scenario.model().hiddenWidths());
    }

    static TrainingConfig config(Scenario scenario, long seed) {
        Scenario.TrainingEntry t = scenario.training();
        OptimizerConfig optimizer = "sgd".equalsIgnoreCase(t.optimizer())
                ? OptimizerConfig.sgd(t.momentum(), t.weightDecay()) : OptimizerConfig.adam(t.weightDecay());
        return new TrainingConfig(t.epochs(), t.batchSize(), optimizer, LrSchedule.constant(t.lr()), seed);
    }

    static UnlearningScores scores(ModelMetrics m) {
        return new UnlearningScores(m.forgetAccuracy(), m.retainAccuracy(), m.testAccuracy(),
                m.miaAuc() == null ? Double.NaN : m.miaAuc());
    }

    private static ScenarioReport aggregate(Scenario scenario, ImageDataset data,
            List<ScenarioReport.SeedRecord> seeds) {
        List<ScenarioReport.MethodSummary> summaries = new ArrayList<>();
        for (int i = 0; i < scenario.methods().size(); i++) {
            int index = i;
            List<ScenarioReport.RunRecord> runs = seeds.stream().map(s -> s.runs().get(index)).toList();
            double seconds = runs.stream().mapToDouble(ScenarioReport.RunRecord::seconds).average().orElse(0);
            double retrainSeconds = seeds.stream().mapToDouble(ScenarioReport.SeedRecord::retrainSeconds)
                    .average().orElse(0);
            Set<String> warnings = new LinkedHashSet<>();
            runs.forEach(r -> warnings.addAll(r.warnings()));
            Map<String, ModelMetrics> models = new LinkedHashMap<>();
            models.put("unlearned", mean(runs.stream().map(ScenarioReport.RunRecord::metrics).toList()));
            JsonNode params = JSON.valueToTree(scenario.methods().get(i).params() == null
                    ? JSON.createObjectNode() : scenario.methods().get(i).params());
            summaries.add(new ScenarioReport.MethodSummary(runs.get(0).method(), runs.get(0).label(), params,
                    MeanStd.of(runs.stream().map(ScenarioReport.RunRecord::avgGap).toList()), seconds,
                    retrainSeconds, retrainSeconds / seconds, 0L, models, List.copyOf(warnings)));
        }
        return new ScenarioReport(scenario.name(), scenario.description(), data.name(), scenario.forget(),
                scenario.seeds(), mean(seeds.stream().map(ScenarioReport.SeedRecord::original).toList()),
                mean(seeds.stream().map(ScenarioReport.SeedRecord::retrained).toList()),
                seeds.stream().mapToDouble(ScenarioReport.SeedRecord::retrainSeconds).average().orElse(0),
                summaries, seeds);
    }

    /** The mean of each metric over seeds (null stays null). */
    static ModelMetrics mean(List<ModelMetrics> all) {
        return new ModelMetrics(avg(all, ModelMetrics::forgetAccuracy), avg(all, ModelMetrics::retainAccuracy),
                avg(all, ModelMetrics::testAccuracy), avgBoxed(all, ModelMetrics::miaAuc),
                avgBoxed(all, ModelMetrics::miaEfficacy), avgBoxed(all, ModelMetrics::l2ToRetrained),
                avgBoxed(all, ModelMetrics::klToRetrained));
    }

    private static double avg(List<ModelMetrics> all, ToDoubleFunction<ModelMetrics> f) {
        return all.stream().mapToDouble(f).average().orElse(Double.NaN);
    }

    private static Double avgBoxed(List<ModelMetrics> all, java.util.function.Function<ModelMetrics, Double> f) {
        if (all.stream().anyMatch(m -> f.apply(m) == null)) {
            return null;
        }
        return all.stream().mapToDouble(m -> f.apply(m)).average().orElse(Double.NaN);
    }
}
