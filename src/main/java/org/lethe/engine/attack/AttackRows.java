package org.lethe.engine.attack;

import org.lethe.engine.data.IndexView;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the ℓ2 attacks share: the samples to attack as rows in [0, 1], the network's predictions per
 * row, and the assembly of an {@link AdversarialSet} from per-sample outcomes.
 *
 * @param features {@code labels.length * dimension} values, row-major
 * @param labels the true label of each row
 * @param sources the id of each row (its index in the view's split)
 * @param dimension values per row
 */
record AttackRows(float[] features, int[] labels, int[] sources, int dimension) {

    /** The images of a view, scaled to [0, 1], with their true labels. */
    static AttackRows of(IndexView samples) {
        int n = samples.size();
        int d = samples.split().shape().pixelsPerImage();
        float[] x = new float[n * d];
        int[] y = new int[n];
        int[] sources = samples.toArray();
        for (int i = 0; i < n; i++) {
            samples.split().copyImageScaled(sources[i], x, i * d);
            y[i] = samples.label(i);
        }
        return new AttackRows(x, y, sources, d);
    }

    /** Checks that the arrays describe the same samples. */
    static void check(float[] features, int[] labels, int[] sources, int dimension) {
        if ((long) labels.length * dimension != features.length || sources.length != labels.length) {
            throw new IllegalArgumentException(features.length + " feature values, " + labels.length + " labels and "
                    + sources.length + " sources do not describe the same samples of dimension " + dimension);
        }
    }

    /** The class with the largest logit in each of the first {@code rows} rows. */
    static int[] argmax(INDArray logits, int rows) {
        double[][] z = logits.castTo(DataType.DOUBLE).reshape(rows, -1).toDoubleMatrix();
        int[] out = new int[rows];
        for (int j = 0; j < rows; j++) {
            int best = 0;
            for (int c = 1; c < z[j].length; c++) {
                if (z[j][c] > z[j][best]) {
                    best = c;
                }
            }
            out[j] = best;
        }
        return out;
    }

    /**
     * Per-sample outcomes of an attack on these rows.
     *
     * @param adv each sample's final point (row-major, like the features)
     * @param flipped whether the sample ends misclassified
     * @param advLabel the network's prediction at the final point of a flipped sample
     * @param eps the radius recorded for each sample
     * @param level the radius level of each sample
     * @param steps the gradient steps spent on each sample
     */
    record Outcome(float[] adv, boolean[] flipped, int[] advLabel, double[] eps, int[] level, int[] steps) {
    }

    /**
     * The flipped samples as an adversarial set, the others listed as unflipped; the attack's
     * schedule ({@code eps0}, steps per level, levels) and its cost in network rows are copied into it.
     */
    AdversarialSet collect(Outcome o, double eps0, int stepsPerLevel, int maxLevels, long gradientRows,
            long forwardRows) {
        int n = labels.length;
        int d = dimension;
        int kept = 0;
        for (boolean f : o.flipped()) {
            kept += f ? 1 : 0;
        }
        float[] outX = new float[kept * d];
        int[] outY = new int[kept];
        int[] outTrue = new int[kept];
        int[] outSrc = new int[kept];
        double[] outEps = new double[kept];
        double[] outDist = new double[kept];
        int[] outLevel = new int[kept];
        int[] outSteps = new int[kept];
        int[] unflipped = new int[n - kept];
        int k = 0;
        int u = 0;
        for (int i = 0; i < n; i++) {
            if (!o.flipped()[i]) {
                unflipped[u++] = sources[i];
                continue;
            }
            System.arraycopy(o.adv(), i * d, outX, k * d, d);
            outY[k] = o.advLabel()[i];
            outTrue[k] = labels[i];
            outSrc[k] = sources[i];
            outEps[k] = o.eps()[i];
            outDist[k] = distance(o.adv(), features, i * d, d);
            outLevel[k] = o.level()[i];
            outSteps[k] = o.steps()[i];
            k++;
        }
        return new AdversarialSet(d, outX, outY, outTrue, outSrc, outEps, outDist, outLevel, outSteps, unflipped,
                eps0, stepsPerLevel, maxLevels, gradientRows, forwardRows);
    }

    private static double distance(float[] a, float[] b, int off, int d) {
        double s = 0;
        for (int k = 0; k < d; k++) {
            double v = (double) a[off + k] - b[off + k];
            s += v * v;
        }
        return Math.sqrt(s);
    }
}
