package org.lethe.engine.unlearning.amun;

import org.lethe.engine.unlearning.MethodParamException;
import org.lethe.engine.unlearning.Param;

/**
 * Parameters of AMUN. The optimizer and schedule follow the reference runs (SGD, momentum 0.9,
 * weight decay 5e-4, learning rate divided by 10 after every epoch); the attack follows the
 * reference attack (ℓ2 radius 0.04 doubled until the sample flips, step radius/10, no random start)
 * except for its step count per radius. Defaults re-measured in sessions 5 and 6 (2026-11-23,
 * bench/AmunSweep.java, bench/AmunProfile.java; ADR 0008, "Update ... (session 5)"):
 *
 * <ul>
 *   <li><b>{@code attack} FGM</b> ({@link org.lethe.engine.attack.FgmL2}): one gradient per forget
 *       sample, then one forward pass per radius of the paper's doubling schedule. On the
 *       mnist-random10 LeNet it costs 0.67 s CPU for 500 samples (500 gradients, 3,588 forward rows)
 *       against 2.81 s for PGD with one step per radius (4,548 gradient steps); PGD ({@code attack=PGD},
 *       {@code pgdSteps}) stays available. FGM's points are farther (mean ℓ2 2.96 against 2.06);
 *       {@code refineSteps} bisection pulls them back, but closer points cost retain/test accuracy on
 *       seed 1 (refineSteps 2: test −3.4 points), so the default is 0.</li>
 *   <li><b>{@code forgetLabels} DROP</b> (the reference code's advonly set: D_A and D_R): with D_F's
 *       true labels (KEEP, the paper) at this cost AMUN did not forget on MNIST (forget accuracy
 *       99.4–99.6% on seeds 1–2, Retrain 97.2%); without them it did. KEEP and AUTO stay available.</li>
 *   <li><b>{@code radiusQuantile} 0.5</b> (session 6): on a random forget set only the adversarial points of
 *       the samples that flip at or below the median radius level are fine-tuned on. The samples a
 *       retrained model gets wrong are the near ones (mnist-random10 seeds 1 and 3: 29 of 30 at levels
 *       4–6, none of the 378 at level 7 or more); points far out only cost retain/test accuracy, and
 *       dropping them leaves the budget about 180 more retain samples per epoch. Whole classes keep
 *       every point.</li>
 *   <li><b>{@code lr} 0.015</b>, 2 epochs ÷10 after the first, batch 32; <b>{@code retainFraction}
 *       0.15</b>: retain samples protect retain/test accuracy (seed 1 at 450 retain per epoch lost 1.6–2.2
 *       test points, at 675 0.3–0.6). The cifar10-random10 preset sets lr 0.005 (0.01 collapses its
 *       CNN).</li>
 *   <li><b>{@code budget} 0.08</b> (as ADR 0007's methods): attack and fine-tuning together; when the
 *       whole forget set cannot be afforded (mnist-forget-class) a random share of it is attacked and
 *       fine-tuned on ({@link FineTuneBudget}). Measured at these defaults on an idle machine: 7.4%
 *       of the retrain's wall time (6.8–7.5% of its CPU time) on mnist-random10, 8.8% wall on
 *       mnist-forget-class.</li>
 * </ul>
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
        @Param(value = "seed for sampling and shuffling") long seed) {

    static final String ID = "amun";

    /** The default learning rate of the first epoch. */
    static final double LR = 0.015;

    public AmunParams {
        check(ID, epochs, lr, lrStepSize, lrGamma, momentum, weightDecay, batchSize, retainFraction, budget, eps0,
                pgdSteps, maxLevels, attack, refineSteps, forgetLabels, radiusQuantile);
    }

    /** Validation shared with {@link AmunSalunParams}. */
    static void check(String id, int epochs, double lr, int lrStepSize, double lrGamma, double momentum,
            double weightDecay, int batchSize, double retainFraction, double budget, double eps0, int pgdSteps,
            int maxLevels, AttackKind attack, int refineSteps, ForgetLabels forgetLabels, double radiusQuantile) {
        MethodParamException.checkRange(id, "epochs", epochs, 1, 100);
        MethodParamException.checkRange(id, "lr", lr, 1e-7, 1);
        MethodParamException.checkRange(id, "lrStepSize", lrStepSize, 1, 100);
        MethodParamException.checkRange(id, "lrGamma", lrGamma, 0.001, 1);
        MethodParamException.checkRange(id, "momentum", momentum, 0, 0.999);
        MethodParamException.checkRange(id, "weightDecay", weightDecay, 0, 0.1);
        MethodParamException.checkRange(id, "batchSize", batchSize, 1, 4096);
        MethodParamException.checkRange(id, "retainFraction", retainFraction, 0.001, 1);
        MethodParamException.checkRange(id, "budget", budget, 0, 10);
        MethodParamException.checkRange(id, "eps0", eps0, 1e-4, 10);
        MethodParamException.checkRange(id, "pgdSteps", pgdSteps, 1, 1000);
        MethodParamException.checkRange(id, "maxLevels", maxLevels, 1, 20);
        MethodParamException.checkRange(id, "refineSteps", refineSteps, 0, 20);
        MethodParamException.checkRange(id, "radiusQuantile", radiusQuantile, 0, 1);
        if (attack == null) {
            throw new MethodParamException(id + ": attack must be PGD or FGM, was missing");
        }
        if (forgetLabels == null) {
            throw new MethodParamException(id + ": forgetLabels must be KEEP, DROP or AUTO, was missing");
        }
    }

    /** The defaults. */
    public static AmunParams defaults() {
        return new AmunParams(2, LR, 1, 0.1, 0.9, 5e-4, 32, 0.15, 0.08, 0.04, 1, 10, AttackKind.FGM, 0,
                ForgetLabels.DROP, 0.5, 0);
    }
}
