package org.lethe.engine.unlearning.deltagrad;

import java.util.Objects;
import org.lethe.engine.job.JobContext;

/**
 * The exact retraining DeltaGrad approximates: from the cache's initial parameters, plain SGD with
 * coupled L2 over the plan's new batches in the cached order ({@link UpdatePlan#newBatch}: the
 * deleted samples dropped, the added ones appended), at the cached learning rates, batches that
 * became empty skipped. This is the reference code's {@code model_update_standard_lib} (and its
 * addition counterpart); for a deletion from a freshly trained cache it equals
 * {@link org.lethe.engine.model.Trainer#replay} with the deleted samples excluded.
 *
 * <p>Parameter distances to this model are meaningful because it shares the original run's
 * initialisation and sample order (docs: methods.md 2(c)). It does not change the cache.
 */
public final class SameOrderRetrain {

    private SameOrderRetrain() {
    }

    /**
     * Runs the whole schedule of {@code plan} from the initial parameters and returns the final ones.
     *
     * @throws DeltaGradException if the plan is stale
     */
    public static double[] run(UpdatePlan plan, JobContext ctx) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(ctx, "ctx");
        plan.requireCurrent();
        TrainingCache cache = plan.cache();
        double lambda = cache.weightDecay();
        BatchGradient grad = new BatchGradient(cache.spec(), cache.split());
        double[] w = cache.initialParamsRef().clone();
        int iterations = cache.iterations();
        for (int t = 0; t < iterations; t++) {
            ctx.checkCancelled();
            int[] batch = plan.newBatchRef(t);
            if (batch.length > 0) {
                grad.at(w);
                BatchGradient.sgdStep(w, grad.of(batch), cache.learningRate(t), lambda);
            }
            if (t % 8 == 0) {
                ctx.progress((double) (t + 1) / iterations, "same-order retrain: iteration " + (t + 1) + "/"
                        + iterations);
            }
        }
        return w;
    }
}
