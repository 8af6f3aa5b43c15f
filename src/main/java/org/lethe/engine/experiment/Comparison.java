package org.lethe.engine.experiment;

import org.lethe.engine.experiment.sweep.ScenarioSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.lethe.engine.evaluation.EvaluatedModel;
import org.lethe.engine.evaluation.ModelEvaluator;
import org.lethe.engine.evaluation.ModelMetrics;
import org.lethe.engine.evaluation.mia.ReferenceModels;
import org.lethe.engine.evaluation.mia.Rmia;
import org.lethe.engine.evaluation.mia.RmiaEvaluation;
import org.lethe.engine.evaluation.metric.AvgGap;
import org.lethe.engine.evaluation.metric.UnlearningWarning;
import org.lethe.engine.evaluation.metric.UnlearningWarnings;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.Network;
import org.lethe.engine.model.TrainedModel;
import org.lethe.engine.unlearning.DataSplits;
import org.lethe.engine.unlearning.UnlearningResult;

/**
 * The original, the retrained and any number of unlearned models evaluated on the same splits, as
 * the comparison dashboard shows them. Immutable: adding a model returns a new comparison, so a job
 * can build the next one while the screens read the current one. Models may arrive in any order;
 * when the retrained model arrives, distances and gaps of the models already present are derived
 * again from their stored predictions and parameters (no new inference). With reference models
 * ({@link #withReferenceModels}) every model also gets offline RMIA's numbers and ROC.
 */
public final class Comparison {

    private final DataSplits splits;
    private final ModelEvaluator evaluator;
    private final EvaluatedModel original;
    private final double originalSeconds;
    private final Entry retrained;
    private final List<Entry> unlearned;
    private final Network originalNetwork;
    private final RmiaSetup rmia;

    /**
     * Reference models for offline RMIA and the seed of its retain and population samples.
     *
     * @param references the reference models' signals
     * @param seed draws RMIA's retain and population samples
     */
    public record RmiaSetup(ReferenceModels references, long seed) {

        public RmiaSetup {
            Objects.requireNonNull(references, "references");
        }
    }

    /**
     * One evaluated model with the run that produced it.
     *
     * @param evaluated predictions, parameters and metrics
     * @param result the unlearning run (its model, method id, parameters, time, memory, figures)
     */
    public record Entry(EvaluatedModel evaluated, UnlearningResult result) {

        public Entry {
            Objects.requireNonNull(evaluated, "evaluated");
            Objects.requireNonNull(result, "result");
        }

        /** The label shown in charts and tables. */
        public String label() {
            return evaluated.name();
        }
    }

    /**
     * One table row: a model's numbers next to the retrained model's.
     *
     * @param label the model's label
     * @param methodId registry id, {@code original} or {@code retrain}
     * @param evaluated its evaluation
     * @param seconds wall time of its run (training time for the original)
     * @param speedup retrain seconds over this model's seconds (NaN without a retrain)
     * @param avgGap Avg Gap to the retrained model (NaN without one, 0 for the retrained model)
     * @param warnings what the numbers point to (none for the original and the retrained model)
     */
    public record Row(String label, String methodId, EvaluatedModel evaluated, double seconds, double speedup,
            double avgGap, List<UnlearningWarning> warnings) { }

    private Comparison(DataSplits splits, ModelEvaluator evaluator, EvaluatedModel original, double originalSeconds,
            Entry retrained, List<Entry> unlearned, Network originalNetwork, RmiaSetup rmia) {
        this.splits = splits;
        this.evaluator = evaluator;
        this.original = original;
        this.originalSeconds = originalSeconds;
        this.retrained = retrained;
        this.unlearned = List.copyOf(unlearned);
        this.originalNetwork = originalNetwork;
        this.rmia = rmia;
    }

    private Comparison copy(EvaluatedModel original, Entry retrained, List<Entry> unlearned) {
        return new Comparison(splits, evaluator, original, originalSeconds, retrained, unlearned, originalNetwork, rmia);
    }

    /**
     * Starts a comparison by evaluating the original model on {@code splits}.
     *
     * @param retainSample at most this many retain samples are evaluated (seeded by {@code seed})
     */
    public static Comparison start(DataSplits splits, TrainedModel original, int retainSample, long seed,
            JobContext ctx) {
        ModelEvaluator evaluator = new ModelEvaluator(splits.withRetainAvailable(true), retainSample, seed);
        EvaluatedModel eval = evaluator.evaluate("Original", original.network(), null, ctx);
        return new Comparison(splits, evaluator, eval, original.provenance().seconds(), null, List.of(),
                original.network(), null);
    }

    /**
     * Adds a finished run: a {@code retrain} run becomes the reference, any other joins the unlearned
     * models (a second run with the same label replaces the first).
     */
    public Comparison with(UnlearningResult result, String label, JobContext ctx) {
        Objects.requireNonNull(result, "result");
        if (isRetrain(result)) {
            EvaluatedModel ref = attack(ModelEvaluator.asReference(
                    evaluator.evaluate(label, result.model().network(), null, ctx)), result.model().network(), ctx);
            List<Entry> rebased = unlearned.stream()
                    .map(e -> new Entry(ModelEvaluator.relativeTo(e.evaluated(), ref), e.result())).toList();
            return copy(ModelEvaluator.relativeTo(original, ref), new Entry(ref, result), rebased);
        }
        EvaluatedModel ref = retrained == null ? null : retrained.evaluated();
        Entry entry = new Entry(attack(evaluator.evaluate(label, result.model().network(), ref, ctx),
                result.model().network(), ctx), result);
        List<Entry> next = new ArrayList<>(unlearned);
        next.removeIf(e -> e.label().equals(label));
        next.add(entry);
        return copy(original, retrained, next);
    }

    /** The same comparison without the model labelled {@code label} (the original stays). */
    public Comparison without(String label) {
        if (retrained != null && retrained.label().equals(label)) {
            return copy(original, null, unlearned);
        }
        List<Entry> next = new ArrayList<>(unlearned);
        next.removeIf(e -> e.label().equals(label));
        return copy(original, retrained, next);
    }

    /**
     * The same models attacked by offline RMIA with {@code setup}'s reference models: every model
     * gets the four RMIA numbers and its ROC, and models added later get them too. Runs inference
     * of every model on the forget set, a retain sample, the test set and a population sample.
     */
    public Comparison withReferenceModels(RmiaSetup setup, JobContext ctx) {
        Objects.requireNonNull(setup, "setup");
        Comparison base = new Comparison(splits, evaluator, original, originalSeconds, retrained, unlearned,
                originalNetwork, setup);
        int total = 1 + unlearned.size() + (retrained == null ? 0 : 1);
        int[] done = {0};
        java.util.function.BiFunction<EvaluatedModel, Network, EvaluatedModel> attack = (model, network) -> {
            JobContext slice = ctx.slice((double) done[0] / total, (double) (done[0] + 1) / total);
            done[0]++;
            return base.attack(model, network, slice);
        };
        EvaluatedModel o = attack.apply(original, originalNetwork);
        Entry r = retrained == null ? null
                : new Entry(attack.apply(retrained.evaluated(), retrained.result().model().network()),
                        retrained.result());
        List<Entry> u = unlearned.stream()
                .map(e -> new Entry(attack.apply(e.evaluated(), e.result().model().network()), e.result())).toList();
        return base.copy(o, r, u);
    }

    /** The same comparison without RMIA: its numbers and ROCs are dropped, later models get none. */
    public Comparison withoutReferenceModels() {
        Comparison base = new Comparison(splits, evaluator, original, originalSeconds, retrained, unlearned,
                originalNetwork, null);
        return base.copy(stripRmia(original), retrained == null ? null
                : new Entry(stripRmia(retrained.evaluated()), retrained.result()),
                unlearned.stream().map(e -> new Entry(stripRmia(e.evaluated()), e.result())).toList());
    }

    /** The RMIA reference models in use, if any. */
    public Optional<RmiaSetup> referenceModels() {
        return Optional.ofNullable(rmia);
    }

    private EvaluatedModel attack(EvaluatedModel model, Network network, JobContext ctx) {
        if (rmia == null) {
            return model;
        }
        return model.withRmia(RmiaEvaluation.evaluate(network, rmia.references(), splits, Rmia.Options.defaults(),
                RmiaEvaluation.DEFAULT_SAMPLE, rmia.seed(), ctx));
    }

    private static EvaluatedModel stripRmia(EvaluatedModel model) {
        ModelMetrics m = model.metrics();
        return new EvaluatedModel(model.name(), model.forget(), model.retain(), model.test(), model.params(),
                new ModelMetrics(m.forgetAccuracy(), m.retainAccuracy(), m.testAccuracy(), m.miaAuc(),
                        m.miaEfficacy(), m.l2ToRetrained(), m.klToRetrained()), null);
    }

    private static boolean isRetrain(UnlearningResult result) {
        return org.lethe.engine.unlearning.retrain.Retrain.ID.equals(result.method());
    }

    /** The splits every model was evaluated on. */
    public DataSplits splits() {
        return splits;
    }

    /** The evaluator every model of this comparison went through (same retain sample, same MIA seed). */
    public ModelEvaluator evaluator() {
        return evaluator;
    }

    /** The original model's evaluation. */
    public EvaluatedModel original() {
        return original;
    }

    /** The retrained reference, once it has arrived. */
    public Optional<Entry> retrained() {
        return Optional.ofNullable(retrained);
    }

    /** The unlearned models in arrival order. */
    public List<Entry> unlearned() {
        return unlearned;
    }

    /** Every evaluated model: original, retrained (when present), then the unlearned ones. */
    public List<EvaluatedModel> models() {
        List<EvaluatedModel> all = new ArrayList<>();
        all.add(original);
        if (retrained != null) {
            all.add(retrained.evaluated());
        }
        unlearned.forEach(e -> all.add(e.evaluated()));
        return all;
    }

    /** The table rows in the order of {@link #models()}. */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        double retrainSeconds = retrained == null ? Double.NaN : retrained.result().seconds();
        rows.add(new Row(original.name(), "original", original, originalSeconds, Double.NaN,
                retrained == null ? Double.NaN : gap(original), List.of()));
        if (retrained != null) {
            rows.add(new Row(retrained.label(), retrained.result().method(), retrained.evaluated(), retrainSeconds,
                    1.0, 0.0, List.of()));
        }
        for (Entry e : unlearned) {
            double seconds = e.result().seconds();
            rows.add(new Row(e.label(), e.result().method(), e.evaluated(), seconds, retrainSeconds / seconds,
                    retrained == null ? Double.NaN : gap(e.evaluated()),
                    UnlearningWarnings.check(ScenarioSettings.scores(e.evaluated().metrics()),
                            ScenarioSettings.scores(original.metrics()),
                            retrained == null ? null : ScenarioSettings.scores(retrained.evaluated().metrics()))));
        }
        return rows;
    }

    private double gap(EvaluatedModel model) {
        return AvgGap.of(ScenarioSettings.scores(model.metrics()),
                ScenarioSettings.scores(retrained.evaluated().metrics()));
    }
}
