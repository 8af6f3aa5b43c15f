package org.lethe.engine.unlearning.rl;

import org.lethe.engine.unlearning.MethodParamException;
import org.lethe.engine.unlearning.Param;

/**
 * Parameters of random labels. The optimizer follows the SalUn/AMUN setting (SGD, momentum 0.9,
 * weight decay 5e-4); the epochs, learning rate and retain share are scaled for small CPU models
 * (see {@link #defaults()}).
 */
public record RandomLabelParams(
        @Param(value = "passes over the relabelled forget set", min = 1, max = 100) int epochs,
        @Param(value = "learning rate", min = 1e-7, max = 1) double lr,
        @Param(value = "SGD momentum", min = 0, max = 0.999) double momentum,
        @Param(value = "weight decay (coupled L2)", min = 0, max = 0.1) double weightDecay,
        @Param(value = "mini-batch size", min = 1, max = 4096) int batchSize,
        @Param(value = "share of the retain set mixed in, drawn anew each epoch", min = 0.001, max = 1)
        double retainFraction,
        @Param(value = "seed for labels, sampling and shuffling") long seed) {

    public RandomLabelParams {
        MethodParamException.checkRange("rl", "epochs", epochs, 1, 100);
        MethodParamException.checkRange("rl", "lr", lr, 1e-7, 1);
        MethodParamException.checkRange("rl", "momentum", momentum, 0, 0.999);
        MethodParamException.checkRange("rl", "weightDecay", weightDecay, 0, 0.1);
        MethodParamException.checkRange("rl", "batchSize", batchSize, 1, 4096);
        MethodParamException.checkRange("rl", "retainFraction", retainFraction, 0.001, 1);
    }

    /** The defaults. */
    public static RandomLabelParams defaults() {
        return new RandomLabelParams(5, 0.01, 0.9, 5e-4, 64, 0.1, 0);
    }
}
