package org.lethe.engine.unlearning.amnesiac;

import org.lethe.engine.model.TrainingConfig;
import org.lethe.engine.model.optim.LrSchedule;
import org.lethe.engine.model.optim.OptimizerConfig;

/**
 * The optional short fine-tune on the retain set after the updates are undone (the paper's repair
 * step, needed when many batches were undone). Zero epochs switches it off.
 *
 * @param epochs passes over the retain set, 0 = no repair
 * @param batchSize samples per step, ≥ 1
 * @param lr constant learning rate, &gt; 0
 * @param optimizer optimizer kind and settings
 * @param seed shuffle seed
 */
public record Repair(int epochs, int batchSize, double lr, OptimizerConfig optimizer, long seed) {

    public Repair {
        if (epochs < 0 || epochs > 10_000) {
            throw new AmnesiacException("repair epochs must be in [0, 10000], was " + epochs);
        }
        if (batchSize < 1 || batchSize > 1_000_000) {
            throw new AmnesiacException("repair batch size must be in [1, 1000000], was " + batchSize);
        }
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new AmnesiacException("repair learning rate must be > 0, was " + lr);
        }
        if (optimizer == null) {
            throw new AmnesiacException("repair optimizer missing, expected SGD or ADAM settings");
        }
    }

    /** No repair. */
    public static Repair off() {
        return new Repair(0, 64, 1e-3, OptimizerConfig.adam(0), 0);
    }

    /** Adam without weight decay (the reference code's optimizer). */
    public static Repair adam(int epochs, int batchSize, double lr, long seed) {
        return new Repair(epochs, batchSize, lr, OptimizerConfig.adam(0), seed);
    }

    /** Plain SGD without momentum or weight decay. */
    public static Repair sgd(int epochs, int batchSize, double lr, long seed) {
        return new Repair(epochs, batchSize, lr, OptimizerConfig.sgd(0, 0), seed);
    }

    /** Whether a repair runs at all. */
    public boolean enabled() {
        return epochs > 0;
    }

    /** The training settings of the repair run; only valid when {@link #enabled()}. */
    public TrainingConfig toTrainingConfig() {
        return new TrainingConfig(epochs, batchSize, optimizer, LrSchedule.constant(lr), seed);
    }
}
