package org.lethe.engine.experiment;

import org.lethe.engine.experiment.sweep.ScenarioSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.lethe.engine.evaluation.EvaluatedModel;
import org.lethe.engine.evaluation.ModelEvaluator;
import org.lethe.engine.evaluation.metric.AvgGap;
import org.lethe.engine.evaluation.metric.UnlearningWarning;
import org.lethe.engine.evaluation.metric.UnlearningWarnings;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.TrainedModel;
import org.lethe.engine.unlearning.DataSplits;
import org.lethe.engine.unlearning.UnlearningResult;

/**
 * The original, the retrained and any number of unlearned models evaluated on the same splits, as
 * the comparison dashboard shows them. Immutable: adding a model returns a new comparison, so a job
 * can build the next one while the screens read the current one. Models may arrive in any order;
 * when the retrained model arrives, distances and gaps of the models already present are derived
 * again from their stored predictions and parameters (no new inference).
 */
public final class Comparison {

    private final DataSplits splits;
    private final ModelEvaluator evaluator;
    private final EvaluatedModel original;
    private final double originalSeconds;
    private final Entry retrained;
    private final List<Entry> unlearned;

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
            Entry retrained, List<Entry> unlearned) {
        this.splits = splits;
        this.evaluator = evaluator;
        this.original = original;
        this.originalSeconds = originalSeconds;
        this.retrained = retrained;
        this.unlearned = List.copyOf(unlearned);
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
        return new Comparison(splits, evaluator, eval, original.provenance().seconds(), null, List.of());
    }

    /**
     * Adds a finished run: a {@code retrain} run becomes the reference, any other joins the unlearned
     * models (a second run with the same label replaces the first).
     */
    public Comparison with(UnlearningResult result, String label, JobContext ctx) {
        Objects.requireNonNull(result, "result");
        if (isRetrain(result)) {
            EvaluatedModel ref = ModelEvaluator.asReference(
                    evaluator.evaluate(label, result.model().network(), null, ctx));
            List<Entry> rebased = unlearned.stream()
                    .map(e -> new Entry(ModelEvaluator.relativeTo(e.evaluated(), ref), e.result())).toList();
            return new Comparison(splits, evaluator, ModelEvaluator.relativeTo(original, ref), originalSeconds,
                    new Entry(ref, result), rebased);
        }
        EvaluatedModel ref = retrained == null ? null : retrained.evaluated();
        Entry entry = new Entry(evaluator.evaluate(label, result.model().network(), ref, ctx), result);
        List<Entry> next = new ArrayList<>(unlearned);
        next.removeIf(e -> e.label().equals(label));
        next.add(entry);
        return new Comparison(splits, evaluator, original, originalSeconds, retrained, next);
    }

    /** The same comparison without the model labelled {@code label} (the original stays). */
    public Comparison without(String label) {
        if (retrained != null && retrained.label().equals(label)) {
            return new Comparison(splits, evaluator, original, originalSeconds, null, unlearned);
        }
        List<Entry> next = new ArrayList<>(unlearned);
        next.removeIf(e -> e.label().equals(label));
        return new Comparison(splits, evaluator, original, originalSeconds, retrained, next);
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
