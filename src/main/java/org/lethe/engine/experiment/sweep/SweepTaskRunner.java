package org.lethe.engine.experiment.sweep;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.lethe.engine.LetheException;
import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.data.forget.ForgetSetSpec;
import org.lethe.engine.experiment.RunWarnings;
import org.lethe.engine.evaluation.EvaluatedModel;
import org.lethe.engine.evaluation.ModelEvaluator;
import org.lethe.engine.evaluation.metric.AvgGap;
import org.lethe.engine.evaluation.mia.ReferenceModels;
import org.lethe.engine.evaluation.mia.Rmia;
import org.lethe.engine.evaluation.mia.RmiaEvaluation;
import org.lethe.engine.experiment.Scenario;
import org.lethe.engine.experiment.ScenarioReport;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.ModelTraining;
import org.lethe.engine.model.Network;
import org.lethe.engine.model.TrainedModel;
import org.lethe.engine.unlearning.DataSplits;
import org.lethe.engine.unlearning.MethodDescriptor;
import org.lethe.engine.unlearning.MethodRegistry;
import org.lethe.engine.unlearning.UnlearningResult;
import org.lethe.engine.unlearning.retrain.Retrain;

/**
 * Executes single tasks of one scenario on one worker. It holds the dataset and what is derived
 * from it per seed (splits, the evaluator, the retrained model's evaluation), so the tasks of a
 * sweep that land on the same worker share that work; everything else comes from the
 * {@link SweepStore}. Each task stores its model and its result there and returns the result.
 *
 * <p>Given the same store contents, a task gives the same numbers wherever it runs: every random
 * choice is seeded by the scenario's seed, and the splits and evaluation sample are recomputed from
 * the seed rather than shipped. Safe for concurrent tasks (Spark's {@code local[n]} runs several in
 * one JVM).
 */
public final class SweepTaskRunner {

    private static final String HOST = hostName();

    private final Scenario scenario;
    private final MethodRegistry registry;
    private final ImageDataset data;
    private final SweepStore store;
    private final long chartSeed;
    private final Map<Long, DataSplits> splits = new ConcurrentHashMap<>();
    private final Map<Long, ModelEvaluator> evaluators = new ConcurrentHashMap<>();
    private final Map<Long, EvaluatedModel> references = new ConcurrentHashMap<>();
    private final Map<SweepTask, EvaluatedModel> chart = new ConcurrentHashMap<>();
    private final Map<Long, ReferenceModels> referenceSignals = new ConcurrentHashMap<>();

    /**
     * A runner for {@code scenario}'s tasks.
     *
     * @param data the scenario's dataset, already limited to {@code trainLimit}
     * @param chartSeed the seed whose evaluated models {@link #chartModels} returns (kept as they are made)
     */
    public SweepTaskRunner(Scenario scenario, MethodRegistry registry, ImageDataset data, SweepStore store,
            long chartSeed) {
        this.scenario = scenario;
        this.registry = registry;
        this.data = data;
        this.store = store;
        this.chartSeed = chartSeed;
    }

    /** Loads a scenario's dataset as every worker must see it: the named dataset, limited to {@code trainLimit}. */
    public static ImageDataset loadData(Scenario scenario, DatasetCatalog catalog, JobContext ctx) {
        ImageDataset data = catalog.load(scenario.dataset(), ctx);
        return scenario.trainLimit() == null ? data : data.limitTrain(scenario.trainLimit());
    }

    /** The dataset. */
    public ImageDataset data() {
        return data;
    }

    /** Runs {@code task}, storing its model and result, and returns the result. */
    public TaskResult run(SweepTask task, JobContext ctx) {
        ctx.checkCancelled();
        long start = System.nanoTime();
        String worker = HOST + "/" + Thread.currentThread().getName();
        TaskResult result = switch (task.kind()) {
            case TRAIN_ORIGINAL -> trainOriginal(task, worker, start, ctx);
            case TRAIN_REFERENCE -> trainReference(task, worker, start, ctx);
            case RETRAIN -> retrain(task, worker, start, ctx);
            case UNLEARN -> unlearn(task, worker, start, ctx);
        };
        store.putResult(result);
        return result;
    }

    private TaskResult.OriginalTrained trainOriginal(SweepTask task, String worker, long start, JobContext ctx) {
        long seed = task.seed();
        ctx.listener().log("seed " + seed + ": training the original");
        TrainedModel original = ModelTraining.train(data, ScenarioSettings.modelSpec(scenario, data, seed),
                ScenarioSettings.trainingConfig(scenario, seed), ctx);
        store.putModel(task, original);
        return new TaskResult.OriginalTrained(task, info(worker, start), original.provenance().seconds(),
                original.paramsSha256());
    }

    private TaskResult.ReferenceTrained trainReference(SweepTask task, String worker, long start, JobContext ctx) {
        long seed = task.seed();
        ctx.listener().log("seed " + seed + ": training RMIA reference model " + (task.reference() + 1) + " of "
                + scenario.referenceModelCount());
        TrainedModel reference = ReferenceModels.trainOne(data, ScenarioSettings.modelSpec(scenario, data, seed),
                ScenarioSettings.trainingConfig(scenario, seed), task.reference(), seed, ctx);
        store.putModel(task, reference);
        return new TaskResult.ReferenceTrained(task, info(worker, start), reference.provenance().seconds(),
                reference.paramsSha256());
    }

    private TaskResult.Retrained retrain(SweepTask task, String worker, long start, JobContext ctx) {
        long seed = task.seed();
        SweepTask originalTask = SweepTask.trainOriginal(seed);
        TrainedModel original = original(originalTask);
        DataSplits seedSplits = splits(seed);
        ModelEvaluator evaluator = evaluator(seed);
        ctx.listener().log("seed " + seed + ": retraining without " + seedSplits.forget().size() + " samples");
        MethodDescriptor<?> retrain = registry.byId(Retrain.ID);
        UnlearningResult retrained = retrain.run(original, seedSplits.withRetainAvailable(true), retrain.defaults(),
                ctx);
        EvaluatedModel retrainedEval = withRmia(ModelEvaluator.asReference(
                evaluator.evaluate("retrained", retrained.model().network(), null, ctx)), retrained.model(), seed, ctx);
        EvaluatedModel originalEval = withRmia(evaluator.evaluate("original", original.network(), retrainedEval, ctx),
                original, seed, ctx);
        store.putModel(task, retrained.model());
        references.put(seed, retrainedEval);
        if (seed == chartSeed) {
            chart.put(originalTask, originalEval);
            chart.put(task, retrainedEval);
        }
        return new TaskResult.Retrained(task, info(worker, start), seedSplits.forget().size(), retrained.seconds(),
                originalEval.metrics(), retrainedEval.metrics(), retrained.model().paramsSha256());
    }

    private TaskResult.MethodRun unlearn(SweepTask task, String worker, long start, JobContext ctx) {
        long seed = task.seed();
        TrainedModel original = original(SweepTask.trainOriginal(seed));
        if (!(store.result(SweepTask.retrain(seed)) instanceof TaskResult.Retrained base)) {
            throw new LetheException("sweep: the result of " + SweepTask.retrain(seed).id() + " is not a retrain's");
        }
        EvaluatedModel retrainedEval = reference(seed, ctx);
        MethodDescriptor<?> method = registry.byId(scenario.methods().get(task.method()).id());
        Scenario.MethodEntry entry = scenario.methods().get(task.method());
        String label = ScenarioSettings.label(method, entry);
        ctx.listener().log("seed " + seed + ": " + label);
        Record params = ScenarioSettings.methodParams(method, entry, seed);
        UnlearningResult result = method.run(original, splits(seed), params, ctx);
        EvaluatedModel eval = withRmia(evaluator(seed).evaluate(label, result.model().network(), retrainedEval, ctx),
                result.model(), seed, ctx);
        List<String> warnings = RunWarnings.of(eval, base.original(), retrainedEval.metrics());
        store.putModel(task, result.model());
        if (seed == chartSeed) {
            chart.put(task, eval);
        }
        ScenarioReport.RunRecord run = new ScenarioReport.RunRecord(method.id(), label, result.seconds(),
                AvgGap.of(ScenarioSettings.scores(eval.metrics()), ScenarioSettings.scores(retrainedEval.metrics())),
                eval.metrics(), warnings, result.figures());
        return new TaskResult.MethodRun(task, info(worker, start), run, result.model().paramsSha256());
    }

    /**
     * The chart seed's models evaluated on its splits: original, retrained, then each method. Models
     * this runner evaluated itself are returned as they are; the others are loaded from the store and
     * evaluated here (a distributed driver's case).
     */
    public List<EvaluatedModel> chartModels(JobContext ctx) {
        List<EvaluatedModel> models = new ArrayList<>();
        SweepTask originalTask = SweepTask.trainOriginal(chartSeed);
        EvaluatedModel reference = reference(chartSeed, ctx);
        EvaluatedModel original = chart.get(originalTask);
        if (original == null) {
            TrainedModel model = store.model(originalTask);
            original = withRmia(evaluator(chartSeed).evaluate("original", model.network(), reference, ctx), model,
                    chartSeed, ctx);
        }
        models.add(original);
        models.add(reference);
        for (int m = 0; m < scenario.methods().size(); m++) {
            SweepTask task = SweepTask.unlearn(chartSeed, m);
            EvaluatedModel eval = chart.get(task);
            if (eval == null) {
                String label = ScenarioSettings.label(registry.byId(scenario.methods().get(m).id()),
                        scenario.methods().get(m));
                TrainedModel model = store.model(task);
                eval = withRmia(evaluator(chartSeed).evaluate(label, model.network(), reference, ctx), model,
                        chartSeed, ctx);
            }
            models.add(eval);
        }
        return models;
    }

    private TrainedModel original(SweepTask task) {
        TrainedModel original = store.model(task);
        if (!original.provenance().datasetSha256().equals(data.sha256())) {
            throw new LetheException("sweep: the original of " + task.id() + " was trained on dataset "
                    + original.provenance().datasetSha256() + " but this worker loaded " + data.sha256()
                    + " from '" + scenario.dataset() + "': every worker must read the same files");
        }
        return original;
    }

    private DataSplits splits(long seed) {
        return splits.computeIfAbsent(seed, s -> DataSplits.of(data,
                ForgetSetSpec.parse(scenario.forget()).resolve(data, s)).withRetainAvailable(scenario.retainAvailable()));
    }

    private ModelEvaluator evaluator(long seed) {
        DataSplits seedSplits = splits(seed);
        return evaluators.computeIfAbsent(seed, s -> new ModelEvaluator(seedSplits, scenario.retainSample() == null
                ? ModelEvaluator.DEFAULT_RETAIN_SAMPLE : scenario.retainSample(), s));
    }

    /** The retrained model's evaluation: kept from the retrain task if it ran here, else evaluated from the store. */
    private EvaluatedModel reference(long seed, JobContext ctx) {
        EvaluatedModel known = references.get(seed);
        if (known != null) {
            return known;
        }
        ModelEvaluator evaluator = evaluator(seed);
        TrainedModel retrained = store.model(SweepTask.retrain(seed));
        EvaluatedModel made = withRmia(ModelEvaluator.asReference(
                evaluator.evaluate("retrained", retrained.network(), null, ctx)), retrained, seed, ctx);
        EvaluatedModel raced = references.putIfAbsent(seed, made);
        return raced == null ? made : raced;
    }

    /**
     * {@code eval} with offline RMIA's numbers against the seed's reference models, or unchanged when
     * the scenario trains none. The retain and population samples are drawn with the seed, so every
     * worker computes the same numbers.
     */
    private EvaluatedModel withRmia(EvaluatedModel eval, TrainedModel model, long seed, JobContext ctx) {
        if (scenario.referenceModelCount() == 0) {
            return eval;
        }
        RmiaEvaluation.Result rmia = RmiaEvaluation.evaluate(model.network(), referenceModels(seed, ctx),
                splits(seed), Rmia.Options.defaults(), RmiaEvaluation.DEFAULT_SAMPLE, seed, ctx);
        return eval.withRmia(rmia);
    }

    /** The seed's reference models' signals, computed once per worker from the models in the store. */
    private ReferenceModels referenceModels(long seed, JobContext ctx) {
        ReferenceModels known = referenceSignals.get(seed);
        if (known != null) {
            return known;
        }
        List<Network> networks = new ArrayList<>();
        for (int r = 0; r < scenario.referenceModelCount(); r++) {
            TrainedModel reference = store.model(SweepTask.trainReference(seed, r));
            if (!reference.provenance().datasetSha256().equals(data.sha256())) {
                throw new LetheException("sweep: reference model " + r + " of seed " + seed + " was trained on "
                        + "dataset " + reference.provenance().datasetSha256() + " but this worker loaded "
                        + data.sha256() + ": every worker must read the same files");
            }
            networks.add(reference.network());
        }
        ReferenceModels made = ReferenceModels.of(data, networks, seed, ctx);
        ReferenceModels raced = referenceSignals.putIfAbsent(seed, made);
        return raced == null ? made : raced;
    }

    /** Lets go of what this runner keeps for {@code seed} besides the chart models (reference signals). */
    public void release(long seed) {
        referenceSignals.remove(seed);
    }

    private static TaskResult.TaskInfo info(String worker, long start) {
        return new TaskResult.TaskInfo(worker, (System.nanoTime() - start) / 1e9);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException | SecurityException e) {
            return "localhost";
        }
    }
}
