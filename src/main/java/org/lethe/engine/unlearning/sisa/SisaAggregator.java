package org.lethe.engine.unlearning.sisa;

import java.util.List;

/**
 * Combines the constituents' class probabilities into ensemble scores and labels.
 *
 * <p>Inputs are one row-major {@code [n, numClasses]} probability array per shard. Scores are
 * {@code [n, numClasses]} too: for {@link Aggregation#VOTE} the fraction of constituents whose argmax
 * is each class (each constituent's own ties go to its lowest class), for
 * {@link Aggregation#MEAN_PROBABILITY} the mean probability over the shards that own the class (all
 * shards when {@code owners} is null; a class owned by no shard scores 0). The predicted label is the
 * argmax of the scores, ties to the lowest class.
 */
public final class SisaAggregator {

    private SisaAggregator() {
    }

    /**
     * Ensemble scores.
     *
     * @param perShard one {@code [n * numClasses]} probability array per shard
     * @param owners {@code [shard][class]}: whether the shard's model was trained on the class; null
     *               means every shard owns every class (ignored by {@link Aggregation#VOTE})
     */
    public static float[] scores(List<float[]> perShard, int numClasses, Aggregation aggregation, boolean[][] owners) {
        if (perShard.isEmpty()) {
            throw new IllegalArgumentException("no shard outputs to aggregate");
        }
        int len = perShard.get(0).length;
        if (len % numClasses != 0) {
            throw new IllegalArgumentException(len + " probabilities are not rows of " + numClasses + " classes");
        }
        for (float[] p : perShard) {
            if (p.length != len) {
                throw new IllegalArgumentException("shard outputs of different lengths: " + len + " and " + p.length);
            }
        }
        int n = len / numClasses;
        int shards = perShard.size();
        float[] out = new float[len];
        if (aggregation == Aggregation.VOTE) {
            for (float[] p : perShard) {
                for (int i = 0; i < n; i++) {
                    out[i * numClasses + argmaxRow(p, i, numClasses)] += 1f / shards;
                }
            }
            return out;
        }
        for (int c = 0; c < numClasses; c++) {
            int owning = 0;
            for (int k = 0; k < shards; k++) {
                if (owners == null || owners[k][c]) {
                    owning++;
                    float[] p = perShard.get(k);
                    for (int i = 0; i < n; i++) {
                        out[i * numClasses + c] += p[i * numClasses + c];
                    }
                }
            }
            if (owning > 1) {
                for (int i = 0; i < n; i++) {
                    out[i * numClasses + c] /= owning;
                }
            }
        }
        return out;
    }

    /** The argmax of each row of a {@code [n * numClasses]} array, ties to the lowest class. */
    public static int[] labels(float[] scores, int numClasses) {
        int n = scores.length / numClasses;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = argmaxRow(scores, i, numClasses);
        }
        return out;
    }

    private static int argmaxRow(float[] p, int row, int numClasses) {
        int base = row * numClasses;
        int best = 0;
        for (int c = 1; c < numClasses; c++) {
            if (p[base + c] > p[base + best]) {
                best = c;
            }
        }
        return best;
    }
}
