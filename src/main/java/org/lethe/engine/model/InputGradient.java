package org.lethe.engine.model;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The input gradient of a batch together with the logits of the forward pass it came from (see
 * {@link Network#inputGradientWithLogits}): an attack that needs both the prediction at a point and
 * the direction to move it gets them from one pass.
 *
 * @param logits the batch's logits {@code [b, numClasses]}
 * @param gradient the gradient of the summed per-sample cross-entropy with respect to the input,
 *                 shaped like the features
 */
public record InputGradient(INDArray logits, INDArray gradient) {

    public InputGradient {
        Objects.requireNonNull(logits, "logits");
        Objects.requireNonNull(gradient, "gradient");
    }
}
