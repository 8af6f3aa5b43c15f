package org.lethe.engine.unlearning.amun;

import java.util.Objects;
import org.lethe.engine.unlearning.loop.SampleBudget;

/**
 * How many retain samples each epoch of AMUN's fine-tuning draws so that the whole run (attack and
 * fine-tuning) stays within its {@link SampleBudget} (a share of a full retrain's sample passes,
 * ADR 0007 and 0008).
 *
 * <p>Work is counted in sample passes (one forward and backward pass of one sample). One attack step
 * of one sample counts as {@link #ATTACK_STEP_COST} sample passes, one fine-tuning sample as
 * {@link #FINE_TUNE_COST}. What the attack leaves of the budget is spread evenly over the epochs;
 * each epoch always trains on its forget-set part (D_A, and D_F when kept) and fills the rest with
 * retain samples, at most {@code retainFraction × |D_R|} and at least {@link #MIN_RETAIN_RATIO} of
 * the forget-set part.
 *
 * @param budget the run's allowance; unlimited: every epoch draws {@code retainFraction × |D_R|}
 * @param retainFraction the largest share of the retain set one epoch draws
 * @param epochs fine-tuning epochs
 */
record FineTuneBudget(SampleBudget budget, double retainFraction, int epochs) {
    /**
     * Retrain sample passes one attack step of one sample costs: a forward and a backward pass to the
     * input (one network call per step), in batches of {@link AdversarialUnlearning#ATTACK_BATCH}.
     * Measured as thread CPU time against the Retrain method's own cost (bench/AmunSweep.java,
     * 2026-11-23): about 0.6 on the mnist-random10 LeNet (whose training steps skip the first layer's
     * input gradient) and 1.1 on the cifar10-random10 CNN.
     */
    static final double ATTACK_STEP_COST = 1.0;

    /**
     * Retrain sample passes one fine-tuning sample costs: batches of 32 against the retrain's 64 cost
     * 1.1–1.2 times as much per sample (same measurement).
     */
    static final double FINE_TUNE_COST = 1.2;

    /**
     * Attack steps one forward-only evaluation of one sample costs ({@link
     * org.lethe.engine.attack.FgmL2} tests each radius with one): a forward pass without the backward
     * pass to the input.
     */
    static final double FORWARD_COST = 0.3;

    /**
     * The least number of retain samples an epoch draws when the retain set is available, as a share
     * of the epoch's forget-set part: below it the adversarial labels dominate and retain accuracy
     * drops.
     */
    static final double MIN_RETAIN_RATIO = 0.25;

    FineTuneBudget {
        Objects.requireNonNull(budget, "budget");
        if (!(retainFraction > 0) || epochs < 1) {
            throw new IllegalArgumentException("retainFraction " + retainFraction + ", epochs " + epochs);
        }
    }

    /**
     * Retain samples per epoch.
     *
     * @param retainSize |D_R|
     * @param forgetPart samples of the forget-set part per epoch (|D_A|, plus |D_F| when kept)
     * @param attackSteps the attack's cost in gradient steps over all samples (forward-only passes
     *     counted as {@link #FORWARD_COST} each)
     */
    int retainPerEpoch(int retainSize, int forgetPart, double attackSteps) {
        int most = (int) Math.min(retainSize, Math.round(retainFraction * retainSize));
        if (!budget.limited()) {
            return most;
        }
        double perEpoch = (budget.samples() - ATTACK_STEP_COST * attackSteps) / epochs / FINE_TUNE_COST - forgetPart;
        int least = (int) Math.min(most, Math.ceil(MIN_RETAIN_RATIO * forgetPart));
        return (int) Math.max(least, Math.min(most, Math.floor(perEpoch)));
    }
}
