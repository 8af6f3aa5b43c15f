package org.lethe.engine.unlearning.loop;

import java.util.Objects;
import org.lethe.engine.model.optim.LrSchedule;
import org.lethe.engine.model.optim.OptimizerConfig;

/**
 * How the shared loop runs: epochs, batch size, optimizer, learning-rate schedule and the seed
 * for shuffling and any random choice the method makes.
 */
public record LoopSettings(int epochs, int batchSize, OptimizerConfig optimizer, LrSchedule schedule, long seed) {

    public LoopSettings {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, was " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, was " + batchSize);
        }
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(schedule, "schedule");
    }

    /** SGD with momentum and weight decay (PyTorch semantics) at a constant learning rate. */
    public static LoopSettings sgd(int epochs, int batchSize, double lr, double momentum, double weightDecay,
            long seed) {
        return new LoopSettings(epochs, batchSize, OptimizerConfig.sgd(momentum, weightDecay),
                LrSchedule.constant(lr), seed);
    }

    /** The same settings with another schedule. */
    public LoopSettings withSchedule(LrSchedule newSchedule) {
        return new LoopSettings(epochs, batchSize, optimizer, newSchedule, seed);
    }
}
