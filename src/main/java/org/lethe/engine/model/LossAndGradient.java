package org.lethe.engine.model;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The result of one forward and backward pass over a batch.
 *
 * @param loss the batch's mean loss
 * @param gradient flat gradient of {@code loss} with respect to the parameters, a copy owned by the
 *                 caller, in {@link Network#paramLayout()} order
 * @param logits the batch's logits {@code [b, numClasses]} from the same forward pass (e.g. for a
 *               running training accuracy)
 */
public record LossAndGradient(double loss, INDArray gradient, INDArray logits) {

    public LossAndGradient {
        Objects.requireNonNull(gradient, "gradient");
        Objects.requireNonNull(logits, "logits");
    }
}
