package org.lethe.engine.unlearning.loop;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One mini-batch, materialised: features {@code [b, c*h*w]} in [0, 1], the labels to train
 * towards, and where the samples came from.
 *
 * @param features the inputs
 * @param labels one label per row
 * @param role the samples' origin ({@link Role#MIXED} for shuffled mixtures)
 */
public record Batch(INDArray features, int[] labels, Role role) {

    /** Number of samples. */
    public int size() {
        return labels.length;
    }
}
