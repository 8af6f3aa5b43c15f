package org.lethe.engine.unlearning.amun;

import java.util.Objects;
import org.lethe.engine.unlearning.loop.SampleBudget;

/**
 * How many retain samples each epoch of AMUN's fine-tuning draws so that the whole run (attack and
 * fine-tuning) stays within its {@link SampleBudget} (a share of a full retrain's sample passes,
 * ADR 0007 and 0008).
 *
 * <p>Work is counted in sample passes (one forward and backward pass of one sample). One attack step
 * of one sample counts as {@link #ATTACK_STEP_COST} sample passes, one forward-only evaluation of
 * the attack as {@link #FORWARD_COST}, one fine-tuning sample as {@link #FINE_TUNE_COST}.
 *
 * <p>Before the attack, {@link #attackedSamples} decides how many forget samples the run can afford
 * at all: each costs its estimated attack ({@link #attackEstimate}) plus, in every epoch, itself in
 * D_A (and in D_F when kept) and {@link #MIN_RETAIN_RATIO} as many retain samples. When the whole
 * forget set does not fit (a whole class against a short retrain), the attack and the fine-tuning
 * use a random share of it, drawn once; otherwise all of it. After the attack, what its measured
 * cost leaves of the budget is spread evenly over the epochs: each epoch trains on its forget-set
 * part (D_A, and D_F when kept) and fills the rest with retain samples, at most
 * {@code retainFraction × |D_R|} and at least {@link #MIN_RETAIN_RATIO} of the forget-set part.
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
     * bench/AmunProfile.java, 2026-11-23): 0.6–0.85 on the mnist-random10 LeNet (whose training steps
     * skip the first layer's input gradient) and about 1.1 on the cifar10-random10 CNN.
     */
    static final double ATTACK_STEP_COST = 0.8;

    /**
     * Retrain sample passes one fine-tuning sample costs: batches of 32 against the retrain's 64, whose
     * count also carries its per-epoch test evaluation; 0.9–1.0 measured on mnist-random10 (session 5,
     * thread CPU; the 1.2 measured before was taken at a higher load).
     */
    static final double FINE_TUNE_COST = 1.0;

    /**
     * Retrain sample passes one forward-only evaluation of one sample costs ({@link
     * org.lethe.engine.attack.FgmL2} tests each radius with one): a forward pass without the backward
     * pass to the input; 0.15 measured on mnist-random10 (0.16 ms against 0.74 ms per retrain pass).
     */
    static final double FORWARD_COST = 0.15;

    /**
     * Radii a sample typically needs before it flips, for estimating the attack's cost before it
     * runs: MNIST digits flip at level 5–7 of the doubling schedule from 0.04 (FGM: 7.2 forward passes
     * per sample on mnist-random10, PGD with one step per radius: 9.1 steps).
     */
    static final int TYPICAL_RADII = 8;

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
     * The estimated attack cost of one forget sample, in retrain sample passes.
     *
     * @param attack the attack
     * @param pgdSteps PGD's steps per radius
     * @param maxLevels the most radii tried
     */
    static double attackEstimate(AttackKind attack, int pgdSteps, int maxLevels) {
        int radii = Math.min(maxLevels, TYPICAL_RADII);
        return attack == AttackKind.FGM ? ATTACK_STEP_COST + FORWARD_COST * radii
                : ATTACK_STEP_COST * pgdSteps * radii;
    }

    /**
     * How many forget samples the run attacks and fine-tunes on: all of them when each one's
     * estimated attack, its share of every epoch's forget-set part and the least retain samples that
     * go with it fit the budget; otherwise as many as fit (at least one).
     *
     * @param forgetSize |D_F|
     * @param keep whether D_F with true labels is part of every epoch
     * @param retain whether retain samples are mixed in
     * @param attackPerSample {@link #attackEstimate}
     */
    int attackedSamples(int forgetSize, boolean keep, boolean retain, double attackPerSample) {
        if (!budget.limited() || forgetSize == 0) {
            return forgetSize;
        }
        double perEpoch = FINE_TUNE_COST * (keep ? 2 : 1) * (retain ? 1 + MIN_RETAIN_RATIO : 1);
        double perSample = attackPerSample + epochs * perEpoch;
        return (int) Math.max(1, Math.min(forgetSize, Math.floor(budget.samples() / perSample)));
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
