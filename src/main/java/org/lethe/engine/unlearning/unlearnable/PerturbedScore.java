package org.lethe.engine.unlearning.unlearnable;

import org.lethe.engine.data.IndexView;
import org.lethe.engine.model.Network;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How well a network fits a set of (possibly perturbed) images: accuracy and mean cross-entropy.
 *
 * @param accuracy share of samples whose largest logit is the true class, in [0, 1]
 * @param meanLoss mean cross-entropy {@code -log softmax(z)_y}
 * @param samples number of samples
 */
public record PerturbedScore(double accuracy, double meanLoss, int samples) {

    private static final int CHUNK = 512;

    /**
     * Scores {@code network} (in its current mode) on the images of {@code view} with {@code noise}
     * added and clipped to [0, 1], or on the clean images when {@code noise} is null.
     */
    public static PerturbedScore of(Network network, IndexView view, UnlearnableNoise noise) {
        int[] idx = view.toArray();
        int[] labels = new int[idx.length];
        Accumulator acc = new Accumulator();
        for (int from = 0; from < idx.length; from += CHUNK) {
            int to = Math.min(idx.length, from + CHUNK);
            int[] chunk = java.util.Arrays.copyOfRange(idx, from, to);
            INDArray x = noise == null ? org.lethe.engine.model.Features.of(view.split(), chunk, 0, chunk.length, null)
                    : noise.perturbedFeatures(view.split(), chunk);
            for (int j = 0; j < chunk.length; j++) {
                labels[from + j] = view.split().label(chunk[j]);
            }
            acc.add(network.logits(x), java.util.Arrays.copyOfRange(labels, from, to));
        }
        return acc.score();
    }

    /** Sums correct predictions and losses over batches of logits. */
    static final class Accumulator {
        private long correct;
        private double loss;
        private int count;

        void add(INDArray logits, int[] labels) {
            double[][] z = logits.castTo(DataType.DOUBLE).reshape(labels.length, -1).toDoubleMatrix();
            for (int i = 0; i < labels.length; i++) {
                double max = Double.NEGATIVE_INFINITY;
                int best = 0;
                for (int k = 0; k < z[i].length; k++) {
                    if (z[i][k] > max) {
                        max = z[i][k];
                        best = k;
                    }
                }
                double sum = 0;
                for (double v : z[i]) {
                    sum += Math.exp(v - max);
                }
                loss += max + Math.log(sum) - z[i][labels[i]];
                correct += best == labels[i] ? 1 : 0;
            }
            count += labels.length;
        }

        PerturbedScore score() {
            return count == 0 ? new PerturbedScore(Double.NaN, Double.NaN, 0)
                    : new PerturbedScore((double) correct / count, loss / count, count);
        }
    }
}
