package org.lethe.engine.unlearning.amun;

/**
 * How many retain samples each epoch of AMUN's fine-tuning draws so that the whole run (attack and
 * fine-tuning) stays within a share of a full retrain's training work.
 *
 * <p>Work is counted in sample passes (one forward and backward pass of one sample). A full retrain
 * does {@code trainedEpochs × |D_R|} of them (the original's epochs over the retain set; its
 * per-epoch test evaluation comes on top, so the wall-time share ends up below {@code budget}).
 * One attack step of one sample counts as {@link #ATTACK_STEP_COST} sample passes, one fine-tuning
 * sample as {@link #FINE_TUNE_COST}. What the attack leaves of
 * {@code budget × trainedEpochs × |D_R|} is spread evenly over the epochs; each epoch
 * always trains on its forget-set part (D_A, and D_F when kept) and fills the rest with retain
 * samples, at most {@code retainFraction × |D_R|} and at least {@code minRetain} of them.
 *
 * @param budget the share of the retrain's work AMUN may use; 0 for no cap (then every epoch draws
 *     {@code retainFraction × |D_R|})
 * @param retainFraction the largest share of the retain set one epoch draws
 * @param epochs fine-tuning epochs
 */
record FineTuneBudget(double budget, double retainFraction, int epochs) {

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
     * The least number of retain samples an epoch draws when the retain set is available, as a share
     * of the epoch's forget-set part: below it the adversarial labels dominate and retain accuracy
     * drops.
     */
    static final double MIN_RETAIN_RATIO = 0.25;

    FineTuneBudget {
        if (!(budget >= 0) || !(retainFraction > 0) || epochs < 1) {
            throw new IllegalArgumentException("budget " + budget + ", retainFraction " + retainFraction
                    + ", epochs " + epochs);
        }
    }

    /** The whole run's allowance in sample passes, or infinity without a cap or a training record. */
    double allowance(int trainedEpochs, int retainSize) {
        return budget <= 0 || trainedEpochs <= 0 ? Double.POSITIVE_INFINITY
                : budget * trainedEpochs * (double) retainSize;
    }

    /**
     * Retain samples per epoch.
     *
     * @param trainedEpochs epochs of the original's training, 0 when unknown (no cap then)
     * @param retainSize |D_R|
     * @param forgetPart samples of the forget-set part per epoch (|D_A|, plus |D_F| when kept)
     * @param attackSteps the attack's gradient steps over all samples
     */
    int retainPerEpoch(int trainedEpochs, int retainSize, int forgetPart, long attackSteps) {
        int most = (int) Math.min(retainSize, Math.round(retainFraction * retainSize));
        double allowance = allowance(trainedEpochs, retainSize);
        if (Double.isInfinite(allowance)) {
            return most;
        }
        double perEpoch = (allowance - ATTACK_STEP_COST * attackSteps) / epochs / FINE_TUNE_COST - forgetPart;
        int least = (int) Math.min(most, Math.ceil(MIN_RETAIN_RATIO * forgetPart));
        return (int) Math.max(least, Math.min(most, Math.floor(perEpoch)));
    }
}
