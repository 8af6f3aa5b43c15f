package org.lethe.engine.evaluation;

import java.util.Collections;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.WeakHashMap;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.evaluation.metric.Divergence;
import org.lethe.engine.evaluation.metric.ParameterDistance;
import org.lethe.engine.evaluation.metric.ProbabilityRows;
import org.lethe.engine.evaluation.metric.Roc;
import org.lethe.engine.evaluation.mia.LabelledProbabilities;
import org.lethe.engine.evaluation.mia.MiaEfficacy;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.Network;
import org.lethe.engine.unlearning.DataSplits;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Evaluates models on one set of splits: predictions on the forget, retain and test sets, then
 * accuracies, two membership-inference measures, and distances to the retrained model. The retain
 * set is evaluated on a seeded sample (at most {@code retainSample} samples) to keep comparisons
 * of many models fast; the forget and test sets are used whole.
 */
public final class ModelEvaluator {

    /** Default size of the retain evaluation sample. */
    public static final int DEFAULT_RETAIN_SAMPLE = 10_000;

    private final DataSplits splits;
    private final IndexView retainSample;
    private final boolean[] forgetClasses;
    private final MiaEfficacy.Options miaOptions;
    /** The membership classifier fitted for each evaluation, by its retain predictions (any thread). */
    private final Map<Predictions, MiaEfficacy> attacks = Collections.synchronizedMap(new WeakHashMap<>());

    /** An evaluator over {@code splits}; {@code seed} draws the retain sample and the SVM's subsample. */
    public ModelEvaluator(DataSplits splits, int retainSample, long seed) {
        this.splits = splits;
        this.retainSample = sample(splits.retain(), retainSample, seed);
        this.forgetClasses = new boolean[splits.dataset().numClasses()];
        splits.forget().stream().forEach(i -> forgetClasses[splits.forget().split().label(i)] = true);
        MiaEfficacy.Options d = MiaEfficacy.Options.defaults();
        this.miaOptions = new MiaEfficacy.Options(d.c(), d.gamma(), d.maxPerGroup(), seed);
    }

    private static IndexView sample(IndexView view, int limit, long seed) {
        if (view.size() <= limit) {
            return view;
        }
        int[] indices = view.toArray();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < limit; i++) {
            int j = i + random.nextInt(indices.length - i);
            int t = indices[i];
            indices[i] = indices[j];
            indices[j] = t;
        }
        int[] chosen = java.util.Arrays.copyOf(indices, limit);
        java.util.Arrays.sort(chosen);
        return new IndexView(view.split(), chosen, "retain-sample");
    }

    /**
     * Evaluates {@code network}.
     *
     * @param retrained the retrained model's evaluation, for distances (null for the original
     *     before a retrain exists, or for the retrained model itself)
     */
    public EvaluatedModel evaluate(String name, Network network, EvaluatedModel retrained, JobContext ctx) {
        Predictions forget = Predictions.compute(network, splits.forget(), Predictions.DEFAULT_CHUNK, ctx);
        Predictions retain = Predictions.compute(network, retainSample, Predictions.DEFAULT_CHUNK, ctx);
        Predictions test = Predictions.compute(network, splits.test(), Predictions.DEFAULT_CHUNK, ctx);
        float[] params = network.params().castTo(DataType.FLOAT).toFloatVector();
        double miaAuc = 100 * Roc.of(forget.trueClassProbability(), sameClassTestScores(test)).auc();
        MiaEfficacy attack = MiaEfficacy.trainAsEvaluated(labelled("retain", retain), labelled("test", test),
                miaOptions);
        attacks.put(retain, attack);
        double efficacy = 100 * MiaEfficacy.evaluate(attack, labelled("forget", forget)).value();
        ModelMetrics metrics = new ModelMetrics(100 * forget.accuracy(), 100 * retain.accuracy(),
                100 * test.accuracy(), miaAuc, efficacy, null, null);
        EvaluatedModel model = new EvaluatedModel(name, forget, retain, test, params, metrics);
        return retrained == null ? model : relativeTo(model, retrained);
    }

    /**
     * {@code model} with its distances (parameter L2, forget-set KL) measured against
     * {@code retrained}, from the stored parameters and predictions: no inference runs.
     */
    public static EvaluatedModel relativeTo(EvaluatedModel model, EvaluatedModel retrained) {
        double l2 = ParameterDistance.l2(model.params(), retrained.params());
        double kl = Divergence.meanKl(rows(retrained.forget()), rows(model.forget()));
        return model.withMetrics(model.metrics().withDistances(l2, kl));
    }

    /** The metrics of the retrained model itself (distances to itself are zero). */
    public static EvaluatedModel asReference(EvaluatedModel retrained) {
        return retrained.withMetrics(retrained.metrics().withDistances(0.0, 0.0));
    }

    /**
     * True-class confidences of the test samples whose classes occur in the forget set: the whole test
     * set for random forgetting, the forgotten classes' test images for class forgetting, so that a
     * model that never saw the forget set scores about 50.
     */
    private double[] sameClassTestScores(Predictions test) {
        return sameClassTestScores(forgetClasses, test);
    }

    /**
     * The non-member scores behind a model's MIA AUC: true-class confidences of the test samples
     * whose classes occur in {@code forget} (its labels decide the classes). With the forget set's own
     * confidences as member scores, {@code Roc.of(forget.trueClassProbability(), this)} has the AUC
     * that {@link ModelMetrics#miaAuc()} reports (in percent there).
     */
    public static double[] sameClassTestScores(Predictions forget, Predictions test) {
        boolean[] classes = new boolean[Math.max(forget.numClasses(), test.numClasses())];
        for (int label : forget.labels()) {
            classes[label] = true;
        }
        return sameClassTestScores(classes, test);
    }

    private static double[] sameClassTestScores(boolean[] classes, Predictions test) {
        double[] all = test.trueClassProbability();
        int[] labels = test.labels();
        return java.util.stream.IntStream.range(0, all.length).filter(i -> classes[labels[i]])
                .mapToDouble(i -> all[i]).toArray();
    }

    /**
     * The membership classifier behind {@code model}'s MIA-efficacy (an RBF-SVM on true-class
     * confidence, retain sample against test set, with this evaluator's seed), to ask for the
     * membership call of single samples. The classifier fitted while evaluating the model is kept
     * (as long as its predictions live) and returned; otherwise it is fitted again, which takes
     * seconds for ten thousand samples.
     */
    public MiaEfficacy membershipAttack(EvaluatedModel model) {
        MiaEfficacy kept = attacks.get(model.retain());
        return kept != null ? kept : MiaEfficacy.trainAsEvaluated(labelled("retain", model.retain()),
                labelled("test", model.test()), miaOptions);
    }

    private static LabelledProbabilities labelled(String name, Predictions p) {
        return LabelledProbabilities.of(name, p.probabilities(), p.numClasses(), p.labels());
    }

    private static ProbabilityRows rows(Predictions p) {
        return ProbabilityRows.of(p.probabilities(), p.numClasses());
    }
}
