package org.lethe.engine.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Objects;
import org.lethe.engine.data.ImageShape;

/**
 * Everything needed to build a network: architecture, input shape, classes, hidden widths, options,
 * precision and the initialisation seed. The same spec always builds a network with bit-identical
 * initial parameters. Serialises to and from JSON with Jackson, e.g.
 * {@code {"architecture":"mlp","input":{"channels":1,"height":28,"width":28},"numClasses":10,
 * "hiddenWidths":[300],"batchNorm":false,"precision":"FLOAT","seed":42}}.
 *
 * <p>{@code hiddenWidths} means: the dense layers between the feature extractor and the logits.
 * logreg has none; mlp has one or more (default {@code [300]}, DeltaGrad's 784-300-10); lenet has
 * exactly one (default {@code [500]}); cifar-cnn has exactly one (default {@code [512]}, 256 also
 * common); the ResNets have none (global average pooling feeds the logits). Missing (null) hidden
 * widths and precision take the architecture's defaults.
 *
 * @param architecture the network family
 * @param input shape of one input image (channels, height, width)
 * @param numClasses number of output classes (logits), at least 2
 * @param hiddenWidths widths of the hidden dense layers, see above
 * @param batchNorm batch normalisation after each convolution (cifar-cnn and the ResNets, for which
 *                  {@link #defaults} switches it on; see {@link Network} for training and
 *                  evaluation mode)
 * @param precision parameter and activation type
 * @param seed seed of the weight initialisation
 */
public record ModelSpec(Architecture architecture, ImageShape input, int numClasses,
                        List<Integer> hiddenWidths, boolean batchNorm, Precision precision, long seed) {

    /** The seed the static factories use. */
    public static final long DEFAULT_SEED = 42L;

    public ModelSpec {
        if (architecture == null) {
            throw new ModelSpecException("model spec: architecture missing, expected one of logreg, mlp, lenet, "
                    + "cifar-cnn, resnet8, resnet20");
        }
        if (input == null) {
            throw new ModelSpecException("model spec: input shape missing");
        }
        if (numClasses < 2 || numClasses > 100_000) {
            throw new ModelSpecException("model spec: numClasses must be in [2, 100000], was " + numClasses);
        }
        hiddenWidths = hiddenWidths == null ? defaultHidden(architecture) : List.copyOf(hiddenWidths);
        precision = precision == null ? Precision.FLOAT : precision;
        for (Integer w : hiddenWidths) {
            if (w == null || w < 1 || w > 1_000_000) {
                throw new ModelSpecException("model spec: hidden width must be in [1, 1000000], was " + w);
            }
        }
        String arch = architecture.id();
        switch (architecture) {
            case LOGREG, RESNET8, RESNET20 -> {
                if (!hiddenWidths.isEmpty()) {
                    throw new ModelSpecException("model spec: " + arch + " has no hidden dense layers, found hiddenWidths "
                            + hiddenWidths);
                }
            }
            case MLP -> {
                if (hiddenWidths.isEmpty()) {
                    throw new ModelSpecException("model spec: mlp needs at least one hidden width, found none");
                }
            }
            case LENET, CIFAR_CNN -> {
                if (hiddenWidths.size() != 1) {
                    throw new ModelSpecException("model spec: " + arch + " needs exactly one hidden dense width, found "
                            + hiddenWidths);
                }
            }
        }
        int minSide = switch (architecture) {
            case LENET -> 16;
            case CIFAR_CNN -> 10;
            case RESNET8, RESNET20 -> 4;
            default -> 1;
        };
        if (input.height() < minSide || input.width() < minSide) {
            throw new ModelSpecException("model spec: " + arch + " needs images of at least " + minSide + "x" + minSide
                    + ", found " + input.height() + "x" + input.width());
        }
        if (batchNorm && architecture != Architecture.CIFAR_CNN && !architecture.isResNet()) {
            throw new ModelSpecException("model spec: batchNorm is only available for cifar-cnn, resnet8 and resnet20, not "
                    + arch);
        }
    }

    /** Logistic regression on images of the given shape. */
    public static ModelSpec logreg(ImageShape input, int numClasses) {
        return new ModelSpec(Architecture.LOGREG, input, numClasses, List.of(), false, Precision.FLOAT, DEFAULT_SEED);
    }

    /** An MLP with one hidden layer of 300 (DeltaGrad's 784-300-10 on MNIST). */
    public static ModelSpec mlp(ImageShape input, int numClasses) {
        return new ModelSpec(Architecture.MLP, input, numClasses, List.of(300), false, Precision.FLOAT, DEFAULT_SEED);
    }

    /** LeNet-5 style CNN for 1x28x28 MNIST-like images and 10 classes. */
    public static ModelSpec lenet() {
        return lenet(new ImageShape(1, 28, 28), 10);
    }

    /** LeNet-5 style CNN for the given input shape. */
    public static ModelSpec lenet(ImageShape input, int numClasses) {
        return new ModelSpec(Architecture.LENET, input, numClasses, List.of(500), false, Precision.FLOAT, DEFAULT_SEED);
    }

    /** The CIFAR CNN for 3x32x32 images and 10 classes, dense 512, no batch norm. */
    public static ModelSpec cifarCnn() {
        return new ModelSpec(Architecture.CIFAR_CNN, new ImageShape(3, 32, 32), 10, List.of(512), false,
                Precision.FLOAT, DEFAULT_SEED);
    }

    /** A CIFAR ResNet ({@link Architecture#RESNET8} or {@link Architecture#RESNET20}) for 3x32x32 images and 10
     *  classes, with batch normalisation. */
    public static ModelSpec resNet(Architecture depth) {
        if (!depth.isResNet()) {
            throw new ModelSpecException("model spec: " + depth.id() + " is not a ResNet, expected resnet8 or resnet20");
        }
        return defaults(depth, new ImageShape(3, 32, 32), 10);
    }

    /** The default spec of an architecture for the given input (batch norm on for the ResNets only). */
    public static ModelSpec defaults(Architecture architecture, ImageShape input, int numClasses) {
        boolean batchNorm = architecture != null && architecture.isResNet();
        return new ModelSpec(architecture, input, numClasses, null, batchNorm, Precision.FLOAT, DEFAULT_SEED);
    }

    /** This spec with another seed. */
    public ModelSpec withSeed(long newSeed) {
        return new ModelSpec(architecture, input, numClasses, hiddenWidths, batchNorm, precision, newSeed);
    }

    /** This spec with another precision. */
    public ModelSpec withPrecision(Precision newPrecision) {
        return new ModelSpec(architecture, input, numClasses, hiddenWidths, batchNorm, newPrecision, seed);
    }

    /** This spec with other hidden widths. */
    public ModelSpec withHiddenWidths(List<Integer> widths) {
        return new ModelSpec(architecture, input, numClasses, Objects.requireNonNull(widths, "widths"), batchNorm,
                precision, seed);
    }

    /** This spec with batch normalisation switched on or off. */
    public ModelSpec withBatchNorm(boolean on) {
        return new ModelSpec(architecture, input, numClasses, hiddenWidths, on, precision, seed);
    }

    /** Number of input features per sample: channels x height x width. */
    @JsonIgnore
    public int inputSize() {
        return input.pixelsPerImage();
    }

    /** The architecture's default hidden widths. */
    static List<Integer> defaultHidden(Architecture architecture) {
        return switch (architecture) {
            case LOGREG, RESNET8, RESNET20 -> List.of();
            case MLP -> List.of(300);
            case LENET -> List.of(500);
            case CIFAR_CNN -> List.of(512);
        };
    }
}
