package org.lethe.engine.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.evaluation.EvaluatedModel;
import org.lethe.engine.evaluation.ModelMetrics;
import org.lethe.engine.evaluation.metric.MeanStd;
import org.lethe.engine.experiment.sweep.InProcessSweepRunner;
import org.lethe.engine.experiment.sweep.ScenarioSettings;
import org.lethe.engine.experiment.sweep.SweepOutcome;
import org.lethe.engine.experiment.sweep.SweepPlan;
import org.lethe.engine.experiment.sweep.SweepRunner;
import org.lethe.engine.experiment.sweep.TaskResult;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.unlearning.MethodDescriptor;
import org.lethe.engine.unlearning.MethodRegistry;

/**
 * Runs a {@link Scenario}: per seed it trains the original, resolves the forget set, retrains
 * without it (same initialisation and order), runs every method, and evaluates all models on the
 * same splits; then it aggregates over seeds. Same scenario and seeds give the same numbers.
 *
 * <p>The work is cut into independent tasks ({@link SweepPlan}) that a {@link SweepRunner} executes:
 * in this process by default, or on Apache Spark; the report is assembled here from the tasks'
 * results in the same way for every backend.
 */
public final class ScenarioRunner {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MethodRegistry registry;
    private final DatasetCatalog catalog;
    private final SweepRunner sweeps;

    /** A runner over {@code registry}, loading datasets from {@code catalog}, running every task in-process. */
    public ScenarioRunner(MethodRegistry registry, DatasetCatalog catalog) {
        this(registry, catalog, new InProcessSweepRunner());
    }

    /** A runner whose tasks run on {@code sweeps} (in-process, or a cluster backend). */
    public ScenarioRunner(MethodRegistry registry, DatasetCatalog catalog, SweepRunner sweeps) {
        this.registry = registry;
        this.catalog = catalog;
        this.sweeps = sweeps;
    }

    /**
     * The report, plus what charts need: the evaluated models of the last seed and the class names.
     *
     * @param report the report
     * @param lastSeedModels original, retrained, then each method, evaluated on the last seed's splits
     * @param classNames the dataset's class names
     */
    public record Result(ScenarioReport report, List<EvaluatedModel> lastSeedModels, List<String> classNames) { }

    /**
     * Runs the scenario's tasks on the runner's backend and assembles the report from their results.
     * Every method's parameters are checked for every seed before any task starts.
     */
    public Result run(Scenario scenario, JobContext ctx) {
        for (Scenario.MethodEntry entry : scenario.methods()) {
            MethodDescriptor<?> method = registry.byId(entry.id());
            scenario.seeds().forEach(seed -> ScenarioSettings.methodParams(method, entry, seed));
        }
        SweepOutcome outcome = sweeps.run(SweepPlan.of(scenario), registry, catalog, ctx);
        List<ScenarioReport.SeedRecord> seeds = new ArrayList<>();
        for (long seed : scenario.seeds()) {
            TaskResult.Retrained retrained = outcome.retrained(seed);
            List<ScenarioReport.RunRecord> runs = new ArrayList<>();
            for (int m = 0; m < scenario.methods().size(); m++) {
                runs.add(outcome.run(seed, m).run());
            }
            seeds.add(new ScenarioReport.SeedRecord(seed, retrained.forgetCount(), outcome.original(seed).seconds(),
                    retrained.seconds(), retrained.original(), retrained.retrained(), runs));
        }
        return new Result(aggregate(scenario, outcome.datasetName(), seeds), outcome.chartModels(),
                outcome.classNames());
    }

    private static ScenarioReport aggregate(Scenario scenario, String datasetName,
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
        return new ScenarioReport(scenario.name(), scenario.description(), datasetName, scenario.forget(),
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
                avgBoxed(all, ModelMetrics::klToRetrained), avgBoxed(all, ModelMetrics::rmiaAuc),
                avgBoxed(all, ModelMetrics::rmiaAucRetain), avgBoxed(all, ModelMetrics::tprAt1Fpr),
                avgBoxed(all, ModelMetrics::tprAt01Fpr));
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
