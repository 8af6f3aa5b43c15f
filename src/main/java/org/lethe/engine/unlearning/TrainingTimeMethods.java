package org.lethe.engine.unlearning;

import java.util.List;
import org.lethe.engine.model.Architecture;

/** The training-time methods {@link MethodRegistry#trainingTime()} lists, with their texts. */
final class TrainingTimeMethods {

    private static final List<Architecture> ALL = List.of(Architecture.values());

    private TrainingTimeMethods() {
    }

    static List<TrainingTimeMethod> all() {
        return List.of(
                new TrainingTimeMethod("sisa", "SISA (sharded, isolated, sliced, aggregated)",
                        "Split the training data into disjoint shards and train one model per shard, each shard "
                                + "in slices with a checkpoint after every slice; predictions aggregate the shard "
                                + "models by vote or mean probability. Forgetting a sample retrains only its "
                                + "shard, from the checkpoint before the slice that held it, so the result is "
                                + "exactly what training without the sample would give, at a fraction of the "
                                + "cost. The price is paid up front: storage for every checkpoint and a loss of "
                                + "accuracy, because each model sees only part of the data.",
                        "lethe sisa", ALL),
                new TrainingTimeMethod("amnesiac", "Amnesiac unlearning",
                        "While the model trains, keep the parameter update of every batch that contains a "
                                + "sample marked sensitive. To forget such samples, subtract the updates of all "
                                + "batches that held them, optionally followed by a short repair fine-tune. "
                                + "Very fast to apply, but not the same as retraining: the steps after an "
                                + "undone batch were taken from parameters that already contained it, and the "
                                + "stored updates grow with the number of sensitive batches.",
                        "lethe amnesiac", ALL),
                new TrainingTimeMethod("per-sample-amnesiac", "Per-sample amnesiac unlearning",
                        "A leaner amnesiac variant: during training keep, for each sensitive sample, only its "
                                + "own accumulated share of the updates (learning rate over batch size times its "
                                + "gradient, summed over the steps that used it). Forgetting adds those shares "
                                + "back, leaving the batch-mates' contributions in place. Storage is one "
                                + "parameter vector per sensitive sample instead of one per batch; the split is "
                                + "exact for plain SGD and an approximation with momentum or Adam. Runs in the "
                                + "same command as batch amnesiac.",
                        "lethe amnesiac", ALL),
                new TrainingTimeMethod("deltagrad", "DeltaGrad",
                        "Train with plain SGD in float64 while caching the parameters and batch gradient of "
                                + "every iteration. To delete or add samples, re-walk the cached trajectory: "
                                + "every few iterations the gradient is computed exactly, in between it is "
                                + "estimated from the cache with an L-BFGS approximation of the Hessian, and only "
                                + "the deleted or added samples get exact gradients. The result lands very close "
                                + "to retraining with the same initialisation and batch order, several times "
                                + "faster; requests can follow one another. It suits convex or nearly convex "
                                + "models and large batches (logistic regression, small MLPs) and needs memory "
                                + "for two parameter vectors per iteration.",
                        "lethe deltagrad", List.of(Architecture.LOGREG, Architecture.MLP)),
                new TrainingTimeMethod("unlearnable-examples", "Unlearnable examples",
                        "Protect data before anyone trains on it: add small error-minimising noise to the "
                                + "images, crafted with a model in a min-min game so that the noise, not the "
                                + "image content, is the easiest way to reduce the loss. A model trained on the "
                                + "protected images learns the noise shortcut and generalises poorly to clean "
                                + "test images, so the data owner's samples are never really learned. This is "
                                + "prevention rather than removal: it acts at training time on the data and "
                                + "needs its own training run to show its effect.",
                        "lethe unlearnable", ALL));
    }
}
