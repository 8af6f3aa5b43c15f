package org.lethe.engine.unlearning.amnesiac;

import java.util.Objects;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.data.forget.ForgetSplit;
import org.lethe.engine.evaluation.Predictions;
import org.lethe.engine.evaluation.metric.ParameterDistance;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.BatchHook;
import org.lethe.engine.model.ModelFactory;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.Network;
import org.lethe.engine.model.Trainer;
import org.lethe.engine.model.TrainingConfig;
import org.lethe.engine.model.TrainingResult;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The experiment behind {@code lethe amnesiac} and the {@code amnesiac-memory} study: mark a forget
 * set sensitive, train once with both recorders installed (batch updates for amnesiac, per-sample
 * contributions for per-sample amnesiac), retrain in the same order without the forget set, undo the
 * forget set both ways, and measure the four models on the same sets.
 */
public final class AmnesiacComparison {

    private AmnesiacComparison() {
    }

    /**
     * What one model does; accuracies in percent.
     *
     * @param forgetAccuracy accuracy on the forget (sensitive) set
     * @param retainAccuracy accuracy on the retain set
     * @param testAccuracy accuracy on the test split (NaN when there is none)
     * @param forgetLoss mean cross-entropy on the forget set
     * @param l2ToRetrained parameter distance to the same-order retrain
     */
    public record Scores(double forgetAccuracy, double retainAccuracy, double testAccuracy, double forgetLoss,
                         double l2ToRetrained) { }

    /**
     * The four models and what each variant cost.
     *
     * @param sensitive forget-set size
     * @param original the model trained with the forget set
     * @param retrained the same-order retrain without it
     * @param amnesiac batch amnesiac's model
     * @param perSample per-sample amnesiac's model
     * @param batchesUndone batch updates amnesiac subtracted
     * @param batchesRecorded batch updates amnesiac stored (every batch holding a sensitive sample)
     * @param amnesiacBytes bytes amnesiac stored
     * @param perSampleBytes bytes per-sample amnesiac stored
     * @param perSampleExact whether per-sample amnesiac is exact for the optimizer (plain SGD)
     * @param trainSeconds wall time of the recorded training
     * @param retrainSeconds wall time of the retrain
     * @param amnesiacSeconds wall time of the batch undo
     * @param perSampleSeconds wall time of the per-sample undo
     */
    public record Outcome(int sensitive, Scores original, Scores retrained, Scores amnesiac, Scores perSample,
                          int batchesUndone, int batchesRecorded, long amnesiacBytes, long perSampleBytes,
                          boolean perSampleExact, double trainSeconds, double retrainSeconds, double amnesiacSeconds,
                          double perSampleSeconds) { }

    /**
     * Runs the comparison for the forget set of {@code split}.
     *
     * @param model the network (its seed initialises it)
     * @param config how it trains (plain SGD without momentum makes per-sample amnesiac exact)
     * @throws AmnesiacException if the forget set is empty
     */
    public static Outcome run(ImageDataset data, ModelSpec model, TrainingConfig config, ForgetSplit split,
                              JobContext ctx) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(split, "split");
        int[] sensitive = split.forget().toArray();
        IndexView test = data.test().count() == 0 ? null : data.test().all("test");

        Network network = ModelFactory.build(model);
        AmnesiacRecorder batches = AmnesiacRecorder.forSensitive(sensitive);
        PerSampleRecorder samples = PerSampleRecorder.forSensitive(network, data.train(), config, sensitive);
        BatchHook both = step -> {
            batches.afterStep(step);
            samples.afterStep(step);
        };
        TrainingResult original = new Trainer().train(network, data.train().all("train"), test, config, both,
                ctx.slice(0, 0.5));
        long t0 = System.nanoTime();
        TrainingResult retrained = new Trainer().replay(model, data.train(), config, original.epochOrders(),
                sensitive, null, BatchHook.NONE, ctx.slice(0.5, 1));
        double retrainSeconds = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        AmnesiacResult amnesiac = new AmnesiacUnlearning(original.network(), batches).unlearn(sensitive);
        double amnesiacSeconds = (System.nanoTime() - t1) / 1e9;
        long t2 = System.nanoTime();
        AmnesiacResult perSample = new PerSampleUnlearning(original.network(), samples).unlearn(sensitive);
        double perSampleSeconds = (System.nanoTime() - t2) / 1e9;

        float[] reference = flat(retrained.network());
        return new Outcome(sensitive.length, scores(original.network(), split, test, reference),
                scores(retrained.network(), split, test, reference), scores(amnesiac.network(), split, test, reference),
                scores(perSample.network(), split, test, reference), amnesiac.updatesUndone(),
                amnesiac.updatesRecorded(), amnesiac.storageBytes(), perSample.storageBytes(),
                samples.exactForOptimizer(), original.seconds(), retrainSeconds, amnesiacSeconds, perSampleSeconds);
    }

    private static Scores scores(Network network, ForgetSplit split, IndexView test, float[] reference) {
        Predictions forget = Predictions.compute(network, split.forget());
        return new Scores(100 * forget.accuracy(), 100 * Predictions.compute(network, split.retain()).accuracy(),
                test == null ? Double.NaN : 100 * Predictions.compute(network, test).accuracy(), forget.meanLoss(),
                ParameterDistance.l2(flat(network), reference));
    }

    private static float[] flat(Network network) {
        return network.params().castTo(DataType.FLOAT).toFloatVector();
    }
}
