package org.lethe.engine.unlearning.bs;

import org.lethe.engine.unlearning.MethodParamException;
import org.lethe.engine.unlearning.Param;

/**
 * Parameters of Boundary Shrink. SGD with momentum 0.9 and no weight decay follow the original BS
 * code; its learning rate of 1e-5 belongs to its own setting (an All-CNN with a long schedule) and
 * barely moves Lethe's small models, so the default is 0.003 (0.01 and above collapsed the LeNet).
 * {@code retainPass} is the AMUN code's variant; retain samples per forget sample and the sample
 * budget work as for random labels ({@link org.lethe.engine.unlearning.rl.RandomLabelParams}), the
 * FGSM attack counted at 1.5 sample gradients per attacked sample.
 *
 * <p>Defaults (5 epochs, lr 0.003, bound 0.2, 4 retain samples per forget sample, budget 0.08)
 * were chosen on the {@code mnist-forget-class} and {@code mnist-random10} presets (LeNet, seed 1).
 * The BS code's bound 0.1 is too weak an attack on the MNIST LeNet: forgetting class 3, forget
 * accuracy stayed at 54–94% (Avg Gap 15–27) for every learning rate, epoch count and batch size
 * that kept the model from collapsing; bound 0.2 took it to 0% (0.3 cost 7 retain points). With 4
 * retain samples per forget sample the class run reached Avg Gap 0.42 (retain 97.9%, test 86.8%
 * against Retrain's 98.4 / 87.2); 2 and 1 left 2.61 and 1.59. On the random 10% the stronger attack
 * over-forgets (forget 95.2% against Retrain's 97.2%, Avg Gap 2.80 against 2.31 at bound 0.1); the
 * default favours class forgetting, which BS is built for. Not tuned for the
 * {@code cifar10-random10} CNN, which these defaults collapse (test accuracy 27.4%).
 */
public record BoundaryShrinkParams(
        @Param(value = "passes over the forget set", min = 1, max = 100) int epochs,
        @Param(value = "learning rate", min = 1e-7, max = 1) double lr,
        @Param(value = "SGD momentum", min = 0, max = 0.999) double momentum,
        @Param(value = "weight decay (coupled L2)", min = 0, max = 0.1) double weightDecay,
        @Param(value = "mini-batch size", min = 1, max = 4096) int batchSize,
        @Param(value = "FGSM step size (ℓ∞, pixels in [0, 1])", min = 1.0 / 255, max = 1) double bound,
        @Param("add a descent pass over the retain set before each forget pass when it is available")
        boolean retainPass,
        @Param(value = "retain samples in that pass per forget sample, drawn anew each epoch", min = 0, max = 1000)
        double retainPerForget,
        @Param(value = "largest share of a retrain's sample-gradient evaluations the run may spend, attack "
                + "included (0 = no cap)", min = 0, max = 10) double budget,
        @Param(value = "seed for sampling and shuffling") long seed) {

    public BoundaryShrinkParams {
        MethodParamException.checkRange("bs", "epochs", epochs, 1, 100);
        MethodParamException.checkRange("bs", "lr", lr, 1e-7, 1);
        MethodParamException.checkRange("bs", "momentum", momentum, 0, 0.999);
        MethodParamException.checkRange("bs", "weightDecay", weightDecay, 0, 0.1);
        MethodParamException.checkRange("bs", "batchSize", batchSize, 1, 4096);
        MethodParamException.checkRange("bs", "bound", bound, 1.0 / 255, 1);
        MethodParamException.checkRange("bs", "retainPerForget", retainPerForget, 0, 1000);
        MethodParamException.checkRange("bs", "budget", budget, 0, 10);
    }

    /** The defaults. */
    public static BoundaryShrinkParams defaults() {
        return new BoundaryShrinkParams(5, 0.003, 0.9, 0, 64, 0.2, true, 4, 0.08, 0);
    }
}
