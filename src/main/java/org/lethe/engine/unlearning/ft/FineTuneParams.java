package org.lethe.engine.unlearning.ft;

import org.lethe.engine.unlearning.MethodParamException;
import org.lethe.engine.unlearning.Param;

/**
 * Parameters of fine-tuning. Defaults follow the Unlearn-Sparse/SalUn setting (SGD, momentum 0.9,
 * weight decay 5e-4, lr 0.01) with 3 epochs over a twentieth of the retain set each, 0.15 retain-set
 * epochs in all: within the sample budget ({@link org.lethe.engine.unlearning.loop.SampleBudget},
 * ADR 0007) of every bundled preset, so the budget only caps larger settings. Measured speed-ups 14x
 * on {@code mnist-forget-class} and 32x on {@code mnist-random10} (seed 1); FT forgets little on
 * either (forget accuracy 92.6% of a class; 100% on the random 10%).
 */
public record FineTuneParams(
        @Param(value = "passes over the sampled retain set", min = 1, max = 100) int epochs,
        @Param(value = "learning rate", min = 1e-7, max = 1) double lr,
        @Param(value = "SGD momentum", min = 0, max = 0.999) double momentum,
        @Param(value = "weight decay (coupled L2)", min = 0, max = 0.1) double weightDecay,
        @Param(value = "mini-batch size", min = 1, max = 4096) int batchSize,
        @Param(value = "share of the retain set drawn anew each epoch", min = 0.001, max = 1) double retainFraction,
        @Param(value = "largest share of a retrain's sample-gradient evaluations the run may spend (0 = no cap)",
                min = 0, max = 10) double budget,
        @Param(value = "seed for sampling and shuffling") long seed) {

    public FineTuneParams {
        MethodParamException.checkRange("ft", "epochs", epochs, 1, 100);
        MethodParamException.checkRange("ft", "lr", lr, 1e-7, 1);
        MethodParamException.checkRange("ft", "momentum", momentum, 0, 0.999);
        MethodParamException.checkRange("ft", "weightDecay", weightDecay, 0, 0.1);
        MethodParamException.checkRange("ft", "batchSize", batchSize, 1, 4096);
        MethodParamException.checkRange("ft", "retainFraction", retainFraction, 0.001, 1);
        MethodParamException.checkRange("ft", "budget", budget, 0, 10);
    }

    /** Parameters with the default budget (the record's shape before the budget existed). */
    public FineTuneParams(int epochs, double lr, double momentum, double weightDecay, int batchSize,
            double retainFraction, long seed) {
        this(epochs, lr, momentum, weightDecay, batchSize, retainFraction, DEFAULT_BUDGET, seed);
    }

    /** The default {@code budget}. */
    public static final double DEFAULT_BUDGET = 0.08;

    /** The defaults. */
    public static FineTuneParams defaults() {
        return new FineTuneParams(3, 0.01, 0.9, 5e-4, 64, 0.05, DEFAULT_BUDGET, 0);
    }
}
