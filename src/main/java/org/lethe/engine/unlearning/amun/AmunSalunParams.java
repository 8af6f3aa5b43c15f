package org.lethe.engine.unlearning.amun;

import org.lethe.engine.unlearning.MethodParamException;
import org.lethe.engine.unlearning.Param;

/**
 * Parameters of AMUN with SalUn's mask: AMUN's parameters plus the share of weights the mask leaves
 * trainable (0.5 in the reference runs).
 */
public record AmunSalunParams(
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
                min = 0, max = 10) double budget,
        @Param(value = "first l2 radius of the attack (pixels in [0, 1])", min = 1e-4, max = 10) double eps0,
        @Param(value = "attack steps per radius", min = 1, max = 1000) int pgdSteps,
        @Param(value = "radii tried (each double the last) before a sample counts as never flipped", min = 1,
                max = 20) int maxLevels,
        @Param("attack building the adversarial set: PGD (the paper's, pgdSteps per radius) or FGM (one gradient "
                + "per sample, one forward pass per radius)") AttackKind attack,
        @Param(value = "FGM only: bisection passes pulling each adversarial point back towards its sample", min = 0,
                max = 20) int refineSteps,
        @Param("fine-tune on the forget set with its true labels: KEEP (paper), DROP (reference code's advonly "
                + "ablation, for whole classes) or AUTO (DROP when the forget set is whole classes)")
        ForgetLabels forgetLabels,
        @Param(value = "random forget sets: fine-tune only on the adversarial points of the samples whose flip radius "
                + "is at most this quantile of all (1: every point, as in the paper); whole classes use every point",
                min = 0, max = 1) double radiusQuantile,
        @Param(value = "share of weights left trainable: those with the largest forget-loss gradient", min = 0.001,
                max = 1) double maskRatio,
        @Param(value = "seed for sampling and shuffling") long seed) {

    static final String ID = "amun-salun";

    public AmunSalunParams {
        AmunParams.check(ID, epochs, lr, lrStepSize, lrGamma, momentum, weightDecay, batchSize, retainFraction,
                budget, eps0, pgdSteps, maxLevels, attack, refineSteps, forgetLabels, radiusQuantile);
        MethodParamException.checkRange(ID, "maskRatio", maskRatio, 0.001, 1);
    }

    /** The defaults: AMUN's, with half the weights trainable. */
    public static AmunSalunParams defaults() {
        AmunParams a = AmunParams.defaults();
        return new AmunSalunParams(a.epochs(), a.lr(), a.lrStepSize(), a.lrGamma(), a.momentum(), a.weightDecay(),
                a.batchSize(), a.retainFraction(), a.budget(), a.eps0(), a.pgdSteps(), a.maxLevels(),
                a.attack(), a.refineSteps(), a.forgetLabels(), a.radiusQuantile(), 0.5, a.seed());
    }

    /** The AMUN part of these parameters. */
    public AmunParams amun() {
        return new AmunParams(epochs, lr, lrStepSize, lrGamma, momentum, weightDecay, batchSize, retainFraction,
                budget, eps0, pgdSteps, maxLevels, attack, refineSteps, forgetLabels, radiusQuantile, seed);
    }
}
