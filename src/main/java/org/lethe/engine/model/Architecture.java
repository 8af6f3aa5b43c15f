package org.lethe.engine.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The network families {@link ModelFactory} can build. Each constant has a stable lower-case id used
 * in JSON, scenario files and the CLI.
 *
 * <p>Extension point: to add an architecture (e.g. {@code resnet}), add a constant here, give it
 * defaults in {@link ModelSpec}'s factory methods, and add its graph to {@link ModelFactory}'s switch;
 * nothing else in the engine dispatches on the architecture.
 */
public enum Architecture {
    /** Multinomial logistic regression: one dense layer from pixels to logits. */
    LOGREG("logreg"),
    /** Multi-layer perceptron: dense layers with ReLU, then a dense logits layer. */
    MLP("mlp"),
    /** LeNet-5 style CNN: conv5x5x20, pool, conv5x5x50, pool, dense500, logits. */
    LENET("lenet"),
    /** Keras-style CIFAR CNN: 2x[conv3x3 same, conv3x3, pool] with 32 and 64 channels, dense, logits. */
    CIFAR_CNN("cifar-cnn"),
    /**
     * ResNet-8 for CIFAR (He et al. 2016, section 4.2): a 3x3 convolution with 16 channels, then three
     * stages of one basic block each (16, 32, 64 channels; the second and third stage start with
     * stride 2 and a parameter-free shortcut), global average pooling, logits. About 75k parameters.
     */
    RESNET8("resnet8"),
    /** ResNet-20 for CIFAR: as {@link #RESNET8} with three basic blocks per stage. About 270k parameters. */
    RESNET20("resnet20");

    private final String id;

    Architecture(String id) {
        this.id = id;
    }

    /** Whether the network starts with convolutions (and takes {@code [b, c, h, w]} input). */
    public boolean isConvolutional() {
        return this != LOGREG && this != MLP;
    }

    /** Whether this is one of the CIFAR ResNets (batch norm by default, no hidden dense layers). */
    public boolean isResNet() {
        return this == RESNET8 || this == RESNET20;
    }

    /** Basic blocks per stage of a CIFAR ResNet ((depth - 2) / 6), 0 for other architectures. */
    int blocksPerStage() {
        return switch (this) {
            case RESNET8 -> 1;
            case RESNET20 -> 3;
            default -> 0;
        };
    }

    /** The lower-case id ("logreg", "mlp", "lenet", "cifar-cnn", "resnet8", "resnet20"). */
    @JsonValue
    public String id() {
        return id;
    }

    /**
     * Parses an id case-insensitively.
     *
     * @throws ModelSpecException naming the id and the known ones
     */
    @JsonCreator
    public static Architecture fromId(String id) {
        String wanted = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        for (Architecture a : values()) {
            if (a.id.equals(wanted)) {
                return a;
            }
        }
        throw new ModelSpecException("unknown architecture '" + id + "', expected one of "
                + Arrays.stream(values()).map(Architecture::id).collect(Collectors.joining(", ")));
    }
}
