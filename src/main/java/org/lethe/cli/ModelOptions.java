package org.lethe.cli;

import org.lethe.engine.LetheException;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.model.Architecture;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.Precision;
import org.lethe.engine.model.TrainingConfig;
import org.lethe.engine.model.optim.LrSchedule;
import org.lethe.engine.model.optim.OptimizerConfig;
import picocli.CommandLine.Option;

/** Model and training options shared by {@code train} and {@code bench train}. */
final class ModelOptions {

    @Option(names = "--model", defaultValue = "lenet",
            description = "Architecture: logreg, mlp, lenet, cifar-cnn (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--epochs", defaultValue = "3", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "64", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--optimizer", defaultValue = "adam", description = "adam or sgd (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", defaultValue = "0.001", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--momentum", defaultValue = "0.9", description = "SGD momentum (default: ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--weight-decay", defaultValue = "0",
            description = "Weight decay, coupled L2 as in PyTorch (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--cosine", description = "Cosine learning-rate schedule over the epochs.")
    boolean cosine;

    @Option(names = "--double", description = "Train in float64 (exactness experiments).")
    boolean doublePrecision;

    ModelSpec spec(ImageDataset dataset, long seed) {
        ModelSpec spec = ModelSpec.defaults(Architecture.fromId(model), dataset.shape(), dataset.numClasses())
                .withSeed(seed);
        return doublePrecision ? spec.withPrecision(Precision.DOUBLE) : spec;
    }

    TrainingConfig config(long seed) {
        OptimizerConfig opt = switch (optimizer.toLowerCase(java.util.Locale.ROOT)) {
            case "adam" -> OptimizerConfig.adam(weightDecay);
            case "sgd" -> OptimizerConfig.sgd(momentum, weightDecay);
            default -> throw new LetheException("--optimizer must be adam or sgd, was '" + optimizer + "'");
        };
        LrSchedule schedule = cosine ? new LrSchedule.Cosine(lr, epochs, 0) : LrSchedule.constant(lr);
        return new TrainingConfig(epochs, batchSize, opt, schedule, seed);
    }
}
