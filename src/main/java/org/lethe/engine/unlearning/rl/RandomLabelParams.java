package org.lethe.engine.unlearning.rl;

import org.lethe.engine.unlearning.MethodParamException;
import org.lethe.engine.unlearning.Param;

/**
 * Parameters of random labels. The optimizer follows the SalUn/AMUN setting (SGD, momentum 0.9,
 * weight decay 5e-4); the epochs, learning rate and retain share are scaled for small CPU models
 * (see {@link #defaults()}).
 *
 * <p>Defaults (3 epochs, lr 0.01, half of the retain set mixed in per epoch) were chosen on MNIST: on an
 * MLP trained to 100% train accuracy on 1,200 digits, forgetting class 3 brought forget accuracy from
 * 100% to 0% with test accuracy on the other classes 88.4% / 87.3% (seeds 0 / 1; original 87.7%);
 * forgetting a random 10% kept retain accuracy at 99.6% / 98.2% and test accuracy at 86.0% / 82.6%
 * (original 86.8%, retrain 87.8%). A retain share of 0.1 or 0.3 dropped the other classes' accuracy by
 * 3 to 6 points; a LeNet (5,000 digits, 1 epoch) with share 0.3 forgot class 3 completely at 94.3%
 * other-class test accuracy (original 93.8%). The run costs about 3·(|D_F|/|D_R| + 0.5) retain-set
 * epochs of gradient steps: 1.8 for a 10% forget set, a tenth of an 18-epoch retrain.
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
        return new RandomLabelParams(3, 0.01, 0.9, 5e-4, 64, 0.5, 0);
    }
}
