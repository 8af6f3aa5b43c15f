package org.lethe.engine.experiment;

import org.lethe.engine.evaluation.EvaluatedModel;
import org.lethe.engine.evaluation.ModelEvaluator;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.TrainedModel;
import org.lethe.engine.unlearning.DataSplits;
import org.lethe.engine.unlearning.MethodDescriptor;
import org.lethe.engine.unlearning.MethodRegistry;
import org.lethe.engine.unlearning.UnlearningResult;
import org.lethe.engine.unlearning.retrain.Retrain;

/**
 * Runs a method and the retrained gold standard on the same splits and evaluates the original, the
 * retrained and the unlearned model with the same metrics as scenario reports. The retrain always has the retain set, even when the method
 * does not.
 */
public final class UnlearningExperiment {

    private final MethodRegistry registry;

    /** An experiment runner over {@code registry}. */
    public UnlearningExperiment(MethodRegistry registry) {
        this.registry = registry;
    }

    /** Runs retrain, then the method, then the evaluations. */
    public UnlearningOutcome run(TrainedModel original, DataSplits splits, MethodDescriptor<?> method, Record params,
            JobContext ctx) {
        MethodDescriptor<?> retrain = registry.byId(Retrain.ID);
        ctx.progress(0, "retraining without the forget set");
        UnlearningResult retrained = retrain.run(original, splits.withRetainAvailable(true), retrain.defaults(),
                ctx.slice(0, 0.6));
        ctx.progress(0.6, "running " + method.displayName());
        UnlearningResult unlearned = method.id().equals(Retrain.ID) ? retrained
                : method.run(original, splits, params, ctx.slice(0.6, 0.9));
        ctx.progress(0.9, "evaluating");
        ModelEvaluator evaluator = new ModelEvaluator(splits.withRetainAvailable(true),
                ModelEvaluator.DEFAULT_RETAIN_SAMPLE, 0);
        EvaluatedModel r = ModelEvaluator.asReference(
                evaluator.evaluate("retrained", retrained.model().network(), null, ctx));
        EvaluatedModel o = evaluator.evaluate("original", original.network(), r, ctx);
        EvaluatedModel u = evaluator.evaluate(method.displayName(), unlearned.model().network(), r, ctx);
        ctx.progress(1, "done");
        return new UnlearningOutcome(unlearned, retrained, o.metrics(), r.metrics(), u.metrics());
    }
}
