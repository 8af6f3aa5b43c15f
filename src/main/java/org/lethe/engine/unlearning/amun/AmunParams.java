package org.lethe.engine.unlearning.amun;

import org.lethe.engine.unlearning.MethodParamException;
import org.lethe.engine.unlearning.Param;

/**
 * Parameters of AMUN. The optimizer and schedule follow the reference runs (SGD, momentum 0.9,
 * weight decay 5e-4, learning rate divided by 10 after every epoch); the adversarial set follows the
 * reference attack (ℓ2 radius 0.04 doubled until the sample flips, 50 steps per radius). The share of
 * the retain set drawn per epoch keeps the fine-tuning cheap on small CPU models.
 *
 * <p>The learning rate is the reference's 0.01; the batch is 32 instead of 128 because a small model
 * sees far fewer steps per epoch. On the 1,200-digit MNIST MLP of the tests, lr 0.01 left the forget
 * accuracy at 100% while lr 0.1 brought it to about 96% (retrain: 88%), but on the LeNet of the
 * {@code mnist-forget-class} preset lr 0.1 diverged (test accuracy 10%), so the default keeps the
 * reference value and the tests pass their fixture's lr explicitly.
 */
public record AmunParams(
        @Param(value = "passes over the fine-tuning set", min = 1, max = 100) int epochs,
        @Param(value = "learning rate of the first epoch", min = 1e-7, max = 1) double lr,
        @Param(value = "epochs between learning-rate decays (StepLR step size)", min = 1, max = 100) int lrStepSize,
        @Param(value = "factor applied to the learning rate at each decay (StepLR gamma)", min = 0.001, max = 1)
        double lrGamma,
        @Param(value = "SGD momentum", min = 0, max = 0.999) double momentum,
        @Param(value = "weight decay (coupled L2)", min = 0, max = 0.1) double weightDecay,
        @Param(value = "mini-batch size", min = 1, max = 4096) int batchSize,
        @Param(value = "largest share of the retain set drawn anew each epoch", min = 0.001, max = 1)
        double retainFraction,
        @Param(value = "largest share of a full retrain's training work (original's epochs x retain size) the run "
                + "may use, attack included; fewer retain samples per epoch when it would exceed it; 0: no cap",
                min = 0, max = 10) double costShare,
        @Param(value = "first l2 radius of the attack (pixels in [0, 1])", min = 1e-4, max = 10) double eps0,
        @Param(value = "attack steps per radius", min = 1, max = 1000) int pgdSteps,
        @Param(value = "radii tried (each double the last) before a sample counts as never flipped", min = 1,
                max = 20) int maxLevels,
        @Param("fine-tune on the forget set with its true labels: KEEP (paper), DROP (reference code's advonly "
                + "ablation, for whole classes) or AUTO (DROP when the forget set is whole classes)")
        ForgetLabels forgetLabels,
        @Param(value = "seed for sampling and shuffling") long seed) {

    static final String ID = "amun";

    public AmunParams {
        check(ID, epochs, lr, lrStepSize, lrGamma, momentum, weightDecay, batchSize, retainFraction, costShare, eps0,
                pgdSteps, maxLevels, forgetLabels);
    }

    /** Validation shared with {@link AmunSalunParams}. */
    static void check(String id, int epochs, double lr, int lrStepSize, double lrGamma, double momentum,
            double weightDecay, int batchSize, double retainFraction, double costShare, double eps0, int pgdSteps,
            int maxLevels, ForgetLabels forgetLabels) {
        MethodParamException.checkRange(id, "epochs", epochs, 1, 100);
        MethodParamException.checkRange(id, "lr", lr, 1e-7, 1);
        MethodParamException.checkRange(id, "lrStepSize", lrStepSize, 1, 100);
        MethodParamException.checkRange(id, "lrGamma", lrGamma, 0.001, 1);
        MethodParamException.checkRange(id, "momentum", momentum, 0, 0.999);
        MethodParamException.checkRange(id, "weightDecay", weightDecay, 0, 0.1);
        MethodParamException.checkRange(id, "batchSize", batchSize, 1, 4096);
        MethodParamException.checkRange(id, "retainFraction", retainFraction, 0.001, 1);
        MethodParamException.checkRange(id, "costShare", costShare, 0, 10);
        MethodParamException.checkRange(id, "eps0", eps0, 1e-4, 10);
        MethodParamException.checkRange(id, "pgdSteps", pgdSteps, 1, 1000);
        MethodParamException.checkRange(id, "maxLevels", maxLevels, 1, 20);
        if (forgetLabels == null) {
            throw new MethodParamException(id + ": forgetLabels must be KEEP, DROP or AUTO, was missing");
        }
    }

    /** The defaults. */
    public static AmunParams defaults() {
        return new AmunParams(5, 0.01, 1, 0.1, 0.9, 5e-4, 32, 0.1, 0, 0.04, 50, 10, ForgetLabels.KEEP, 0);
    }
}
