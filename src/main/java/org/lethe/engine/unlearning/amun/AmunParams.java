package org.lethe.engine.unlearning.amun;

import org.lethe.engine.unlearning.MethodParamException;
import org.lethe.engine.unlearning.Param;

/**
 * Parameters of AMUN. The optimizer and schedule follow the reference runs (SGD, momentum 0.9,
 * weight decay 5e-4, learning rate divided by 10 after every epoch); the attack follows the
 * reference attack (ℓ2 radius 0.04 doubled until the sample flips, step radius/10, no random start)
 * except for its step count per radius. Defaults measured on 2026-11-23 (bench/AmunProfile.java,
 * bench/AmunSweep.java; tables in the branch's amun-results.md):
 *
 * <ul>
 *   <li><b>{@code pgdSteps} 1</b> (paper: 50). The attack dominates AMUN's cost: a forget sample of
 *       the mnist-random10 LeNet flips only at radius 1.28–2.56 (levels 5–6), so it takes about 267
 *       steps at 50 per radius, 57 at 10, 15 at 2 and 9 at 1. At 50 the attack alone costs about 1.5
 *       full retrains there; at 10 a third; at 1 about 8% of the retrain's CPU time. Fewer steps
 *       find slightly farther points (mean ℓ2 1.37 at 50, 1.42 at 10, 1.66 at 2, 1.98 at 1; with one
 *       step per radius the ball's edge is never reached, so the search is a geometric line search
 *       along the normalised gradient, and about 4% of the samples do not flip within 10 radii). On
 *       seed 1 of mnist-random10, 1 step per radius forgot as much as 2 and 5 did at a half to a third
 *       of the cost. No step count brings AMUN to 10% of a retrain on that preset (see budget).</li>
 *   <li><b>{@code epochs} 2</b> (paper: 10, with the rate divided by 10 each epoch): epochs 3 and
 *       later run at 1e-4 and below and change almost nothing; one epoch alone (no second epoch at
 *       1e-3 to settle) cost 3–4 points of retain and test accuracy on mnist-random10.</li>
 *   <li><b>{@code budget} 0.1</b>: the run's work is capped at 10% of a retrain's training work
 *       ({@link FineTuneBudget}); the cap lowers the retain samples per epoch, never below a quarter
 *       of the forget part (D_F and D_A). On the bundled presets the attack alone uses most of the
 *       allowance, so the fine-tuning runs at that floor and the whole run costs 15–23% of the
 *       retrain's CPU time on mnist-random10 (20% of its wall time in the CLI), about 64% on
 *       mnist-forget-class (a 2-epoch retrain: 63% of the wall time) and 10% on cifar10-random10.</li>
 *   <li><b>{@code lr} 0.005</b> (the reference's is 0.01; its tuning script sweeps 1e-5 to 0.1). On
 *       the cifar10-random10 CNN (no batch norm, trained with Adam) every rate from 0.01 up collapsed
 *       the model to chance (10% accuracy) and 0.005 is the largest that did not; on mnist-random10
 *       with one attack step per radius 0.01 and 0.005 both left the forget accuracy at the original's
 *       (99.4% and 99.8%, Retrain 97.2%) and on mnist-forget-class both forgot the class (0.1% and
 *       1.5% forget accuracy). The cifar10-random10 preset holds the rate for both epochs
 *       ({@code lrStepSize} 5), which moved its forget accuracy most.</li>
 *   <li><b>{@code forgetLabels} AUTO</b>: the paper's fine-tuning set (D_F with true labels) for
 *       random forgetting, the reference code's "advonly" set without D_F when the forget set is
 *       whole classes (ADR 0008).</li>
 *   <li>The batch is 32 instead of 128 because a small model sees far fewer steps per epoch.</li>
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
        @Param(value = "seed for sampling and shuffling") long seed) {

    static final String ID = "amun";

    public AmunParams {
        check(ID, epochs, lr, lrStepSize, lrGamma, momentum, weightDecay, batchSize, retainFraction, budget, eps0,
                pgdSteps, maxLevels, attack, refineSteps, forgetLabels);
    }

    /** Validation shared with {@link AmunSalunParams}. */
    static void check(String id, int epochs, double lr, int lrStepSize, double lrGamma, double momentum,
            double weightDecay, int batchSize, double retainFraction, double budget, double eps0, int pgdSteps,
            int maxLevels, AttackKind attack, int refineSteps, ForgetLabels forgetLabels) {
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
        if (attack == null) {
            throw new MethodParamException(id + ": attack must be PGD or FGM, was missing");
        }
        if (forgetLabels == null) {
            throw new MethodParamException(id + ": forgetLabels must be KEEP, DROP or AUTO, was missing");
        }
    }

    /** The defaults. */
    public static AmunParams defaults() {
        return new AmunParams(2, 0.01, 1, 0.1, 0.9, 5e-4, 32, 0.15, 0.08, 0.04, 1, 10, AttackKind.FGM, 0,
                ForgetLabels.DROP, 0);
    }
}
