package org.lethe.engine.unlearning.rl;

import org.lethe.engine.unlearning.MethodParamException;
import org.lethe.engine.unlearning.Param;

/**
 * Parameters of random labels. The optimizer follows the SalUn/AMUN setting (SGD, momentum 0.9,
 * weight decay 5e-4); epochs, learning rate, the retain samples mixed in and the cost are scaled for
 * small CPU models.
 *
 * <p>The retain set enters as {@code retainPerForget} retain samples per forget sample and epoch, so
 * a batch has the same forget/retain make-up whether 10 samples or a whole class are forgotten; and
 * the whole run is held to {@code budget} of a retrain's sample-gradient evaluations (the original's
 * epochs times the retain-set size; {@link org.lethe.engine.unlearning.loop.SampleBudget},
 * ADR 0007): when the nominal run (epochs × forget set × (1 + retainPerForget)) is larger, every
 * epoch draws a random share of the forget set and of its retain samples, fresh each epoch.
 * {@code budget = 0} lifts the cap.
 *
 * <p>Calibration is in {@link #defaults()}.
 */
public record RandomLabelParams(
        @Param(value = "passes over the relabelled forget set", min = 1, max = 100) int epochs,
        @Param(value = "learning rate", min = 1e-7, max = 1) double lr,
        @Param(value = "SGD momentum", min = 0, max = 0.999) double momentum,
        @Param(value = "weight decay (coupled L2)", min = 0, max = 0.1) double weightDecay,
        @Param(value = "mini-batch size", min = 1, max = 4096) int batchSize,
        @Param(value = "retain samples mixed in per forget sample and epoch (true labels, drawn anew each epoch)",
                min = 0, max = 1000) double retainPerForget,
        @Param(value = "largest share of a retrain's sample-gradient evaluations the run may spend (0 = no cap)",
                min = 0, max = 10) double budget,
        @Param(value = "seed for labels, sampling and shuffling") long seed) {

    public RandomLabelParams {
        MethodParamException.checkRange("rl", "epochs", epochs, 1, 100);
        MethodParamException.checkRange("rl", "lr", lr, 1e-7, 1);
        MethodParamException.checkRange("rl", "momentum", momentum, 0, 0.999);
        MethodParamException.checkRange("rl", "weightDecay", weightDecay, 0, 0.1);
        MethodParamException.checkRange("rl", "batchSize", batchSize, 1, 4096);
        MethodParamException.checkRange("rl", "retainPerForget", retainPerForget, 0, 1000);
        MethodParamException.checkRange("rl", "budget", budget, 0, 10);
    }

    /** The defaults. */
    public static RandomLabelParams defaults() {
        return new RandomLabelParams(3, 0.01, 0.9, 5e-4, 64, 1, 0.08, 0);
    }
}
