package org.lethe.engine.experiment;

import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.TrainedModel;
import org.lethe.engine.unlearning.DataSplits;
import org.lethe.engine.unlearning.MethodDescriptor;
import org.lethe.engine.unlearning.MethodRegistry;
import org.lethe.engine.unlearning.UnlearningFixture;
import org.lethe.engine.unlearning.UnlearningResult;

/**
 * A real comparison on {@link UnlearningFixture}, built once per JVM: the original MLP, then
 * Retrain, then fine-tuning (FT), forgetting class 3, with a 400-image retain sample.
 */
public final class ComparisonFixture {

    /** Seed of the evaluator (retain sample, MIA classifier). */
    public static final long SEED = 3;
    /** Retain samples evaluated. */
    public static final int RETAIN_SAMPLE = 400;

    private static Comparison start;
    private static Comparison withRetrain;
    private static Comparison full;

    private ComparisonFixture() {
    }

    /** Only the original. */
    public static synchronized Comparison start() {
        build();
        return start;
    }

    /** Original and Retrain. */
    public static synchronized Comparison withRetrain() {
        build();
        return withRetrain;
    }

    /** Original, Retrain and FT. */
    public static synchronized Comparison full() {
        build();
        return full;
    }

    private static void build() {
        if (full != null) {
            return;
        }
        TrainedModel original = UnlearningFixture.original();
        DataSplits splits = UnlearningFixture.forgetClass3();
        start = Comparison.start(splits, original, RETAIN_SAMPLE, SEED, JobContext.detached());
        withRetrain = start.with(run("retrain", original, splits), "Retrain", JobContext.detached());
        full = withRetrain.with(run("ft", original, splits), "FT", JobContext.detached());
    }

    private static UnlearningResult run(String id, TrainedModel original, DataSplits splits) {
        MethodDescriptor<?> method = MethodRegistry.standard().byId(id);
        return method.run(original, splits, method.defaults(), JobContext.detached());
    }
}
