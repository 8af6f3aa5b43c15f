package org.lethe.engine.model;

import java.util.Objects;
import org.lethe.engine.model.optim.LrSchedule;
import org.lethe.engine.model.optim.OptimizerConfig;

/**
 * How to train: epochs, batch size, optimizer, learning-rate schedule, the seed of the per-epoch
 * shuffles (and of the augmentation), and the training-time augmentation. Serialises to JSON with
 * Jackson; a missing {@code augmentation} (files written before it existed) means none.
 *
 * @param epochs number of passes over the training view, ≥ 1
 * @param batchSize samples per step, ≥ 1 (the last batch of an epoch may be smaller)
 * @param optimizer optimizer kind and settings
 * @param schedule learning rate per epoch
 * @param shuffleSeed seed of the per-epoch permutations and of the augmentation's random choices
 * @param augmentation training-time augmentation, {@link Augmentation#NONE} for none (null means none)
 */
public record TrainingConfig(int epochs, int batchSize, OptimizerConfig optimizer, LrSchedule schedule,
                             long shuffleSeed, Augmentation augmentation) {

    public TrainingConfig {
        if (epochs < 1 || epochs > 100_000) {
            throw new IllegalArgumentException("epochs must be in [1, 100000], was " + epochs);
        }
        if (batchSize < 1 || batchSize > 1_000_000) {
            throw new IllegalArgumentException("batch size must be in [1, 1000000], was " + batchSize);
        }
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(schedule, "schedule");
        augmentation = augmentation == null ? Augmentation.NONE : augmentation;
    }

    /** A config without augmentation. */
    public TrainingConfig(int epochs, int batchSize, OptimizerConfig optimizer, LrSchedule schedule, long shuffleSeed) {
        this(epochs, batchSize, optimizer, schedule, shuffleSeed, Augmentation.NONE);
    }

    /** Adam, lr 1e-3, no weight decay, constant schedule. */
    public static TrainingConfig adam(int epochs, int batchSize, double lr, long shuffleSeed) {
        return new TrainingConfig(epochs, batchSize, OptimizerConfig.adam(0), LrSchedule.constant(lr), shuffleSeed);
    }

    /** SGD with momentum and weight decay, constant schedule. */
    public static TrainingConfig sgd(int epochs, int batchSize, double lr, double momentum, double weightDecay,
                                     long shuffleSeed) {
        return new TrainingConfig(epochs, batchSize, OptimizerConfig.sgd(momentum, weightDecay),
                LrSchedule.constant(lr), shuffleSeed);
    }

    /** This config with another schedule. */
    public TrainingConfig withSchedule(LrSchedule newSchedule) {
        return new TrainingConfig(epochs, batchSize, optimizer, newSchedule, shuffleSeed, augmentation);
    }

    /** This config with another number of epochs. */
    public TrainingConfig withEpochs(int newEpochs) {
        return new TrainingConfig(newEpochs, batchSize, optimizer, schedule, shuffleSeed, augmentation);
    }

    /** This config with another augmentation. */
    public TrainingConfig withAugmentation(Augmentation newAugmentation) {
        return new TrainingConfig(epochs, batchSize, optimizer, schedule, shuffleSeed, newAugmentation);
    }
}
