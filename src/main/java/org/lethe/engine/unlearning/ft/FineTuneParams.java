package org.lethe.engine.unlearning.ft;

import org.lethe.engine.unlearning.MethodParamException;
import org.lethe.engine.unlearning.Param;

/**
 * Parameters of fine-tuning. Defaults follow the Unlearn-Sparse/SalUn setting (SGD, momentum 0.9,
 * weight decay 5e-4, lr 0.01) with fewer epochs and a share of the retain set per epoch, so that the
 * run costs about a tenth of a retrain on small CPU models.
 */
public record FineTuneParams(
        @Param(value = "passes over the sampled retain set", min = 1, max = 100) int epochs,
        @Param(value = "learning rate", min = 1e-7, max = 1) double lr,
        @Param(value = "SGD momentum", min = 0, max = 0.999) double momentum,
        @Param(value = "weight decay (coupled L2)", min = 0, max = 0.1) double weightDecay,
        @Param(value = "mini-batch size", min = 1, max = 4096) int batchSize,
        @Param(value = "share of the retain set drawn anew each epoch", min = 0.001, max = 1) double retainFraction,
        @Param(value = "seed for sampling and shuffling") long seed) {

    public FineTuneParams {
        MethodParamException.checkRange("ft", "epochs", epochs, 1, 100);
        MethodParamException.checkRange("ft", "lr", lr, 1e-7, 1);
        MethodParamException.checkRange("ft", "momentum", momentum, 0, 0.999);
        MethodParamException.checkRange("ft", "weightDecay", weightDecay, 0, 0.1);
        MethodParamException.checkRange("ft", "batchSize", batchSize, 1, 4096);
        MethodParamException.checkRange("ft", "retainFraction", retainFraction, 0.001, 1);
    }

    /** The defaults. */
    public static FineTuneParams defaults() {
        return new FineTuneParams(3, 0.01, 0.9, 5e-4, 64, 0.05, 0);
    }
}
