package org.lethe.engine.model.optim;

/**
 * Which optimizer to create and its settings (the learning rate comes from an {@link LrSchedule}).
 *
 * @param kind SGD or ADAM
 * @param momentum SGD momentum in [0, 1); ignored by Adam
 * @param weightDecay coupled L2 coefficient (PyTorch {@code weight_decay}), ≥ 0
 */
public record OptimizerConfig(Kind kind, double momentum, double weightDecay) {

    /** The optimizer family. */
    public enum Kind {
        /** {@link Sgd}. */
        SGD,
        /** {@link Adam} with PyTorch's default betas and eps. */
        ADAM
    }

    public OptimizerConfig {
        if (kind == null) {
            throw new IllegalArgumentException("optimizer kind missing, expected SGD or ADAM");
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), was " + momentum);
        }
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weight decay must be >= 0, was " + weightDecay);
        }
    }

    /** SGD with momentum and weight decay. */
    public static OptimizerConfig sgd(double momentum, double weightDecay) {
        return new OptimizerConfig(Kind.SGD, momentum, weightDecay);
    }

    /** Adam with weight decay. */
    public static OptimizerConfig adam(double weightDecay) {
        return new OptimizerConfig(Kind.ADAM, 0, weightDecay);
    }

    /** A new optimizer with fresh state. */
    public Optimizer create() {
        return switch (kind) {
            case SGD -> new Sgd(momentum, weightDecay);
            case ADAM -> new Adam(weightDecay);
        };
    }
}
