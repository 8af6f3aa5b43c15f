package org.lethe.engine.unlearning.loop;

import java.util.Arrays;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.Features;
import org.lethe.engine.model.Network;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * SalUn's weight saliency (Fan et al., ICLR 2024): the magnitude of the forget-loss gradient at
 * the original weights, summed over the forget set's batches; the mask keeps the top {@code ratio}
 * of all parameters (one global ranking) and freezes the rest.
 */
public final class SaliencyMask {

    private SaliencyMask() {
    }

    /**
     * Computes the mask.
     *
     * @param network the model at which saliency is measured (not changed)
     * @param forget the forget set
     * @param ratio share of parameters left trainable, in (0, 1]
     * @param batchSize batch size of the gradient passes
     * @return a flat vector of the network's data type with 1 for trainable and 0 for frozen parameters
     */
    public static INDArray compute(Network network, IndexView forget, double ratio, int batchSize, JobContext ctx) {
        if (!(ratio > 0 && ratio <= 1)) {
            throw new IllegalArgumentException("mask ratio must be in (0, 1], was " + ratio);
        }
        int[] indices = forget.toArray();
        INDArray sum = null;
        for (int from = 0; from < indices.length; from += batchSize) {
            ctx.checkCancelled();
            int to = Math.min(indices.length, from + batchSize);
            INDArray x = Features.of(forget.split(), indices, from, to, null);
            int[] y = Features.labels(forget.split(), indices, from, to);
            INDArray g = network.lossAndGradient(x, y).gradient();
            sum = sum == null ? g.dup() : sum.addi(g);
            ctx.progress((double) to / indices.length, "saliency");
        }
        double[] magnitude = sum.castTo(DataType.DOUBLE).toDoubleVector();
        for (int i = 0; i < magnitude.length; i++) {
            magnitude[i] = Math.abs(magnitude[i]);
        }
        int keep = (int) Math.max(1, Math.round(ratio * magnitude.length));
        double[] sorted = magnitude.clone();
        Arrays.sort(sorted);
        double threshold = sorted[magnitude.length - keep];
        double[] mask = new double[magnitude.length];
        int kept = 0;
        // ties at the threshold are taken in index order until exactly `keep` are kept
        for (int i = 0; i < magnitude.length && kept < keep; i++) {
            if (magnitude[i] > threshold) {
                mask[i] = 1;
                kept++;
            }
        }
        for (int i = 0; i < magnitude.length && kept < keep; i++) {
            if (magnitude[i] == threshold) {
                mask[i] = 1;
                kept++;
            }
        }
        return Nd4j.createFromArray(mask).castTo(sum.dataType());
    }
}
