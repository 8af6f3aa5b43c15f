package org.lethe.engine.model;

import java.util.List;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The training-mode graph of a network with batch normalisation: the same layers and parameters as
 * the evaluation graph, but normalising with each batch's own statistics, which it exposes as
 * outputs {@code <layer>_batchMean} and {@code <layer>_batchVar} so that the network can update its
 * running statistics (the evaluation graph's buffers).
 *
 * @param train the training-mode graph
 * @param buffers layout of the running statistics (mean then variance per layer) in the evaluation graph
 * @param layers the batch-norm layers, in graph order
 */
record BatchNormGraph(SameDiff train, List<ParamBlock> buffers, List<Layer> layers) {

    /**
     * One batch-norm layer.
     *
     * @param prefix its name prefix, e.g. "l1"
     * @param spatial height x width of its input, to turn the batch variance into the unbiased one
     */
    record Layer(String prefix, long spatial) {
        String meanName() {
            return prefix + "_batchMean";
        }

        String varName() {
            return prefix + "_batchVar";
        }
    }

    /** PyTorch's default momentum of the running statistics. */
    static final double MOMENTUM = 0.1;

    BatchNormGraph {
        buffers = List.copyOf(buffers);
        layers = List.copyOf(layers);
    }
}
