package org.lethe.engine.unlearning.deltagrad;

import org.lethe.engine.data.ImageSplit;
import org.lethe.engine.model.Features;
import org.lethe.engine.model.LossAndGradient;
import org.lethe.engine.model.ModelFactory;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.Network;
import org.lethe.engine.model.Release;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Mean-loss gradients of sample subsets at given parameters, as float64 arrays, and the SGD step
 * that uses them. One network is built per instance and re-parameterised with {@link #at}.
 */
final class BatchGradient {

    /** Largest {@code samples × parameters} computed with {@link DenseGradient} instead of the network. */
    private static final long FEW_BUDGET = 4_000_000L;

    private final Network net;
    private final ImageSplit split;
    private final DenseGradient dense;
    private float[] buffer = new float[0];
    private double lastLoss = Double.NaN;
    private double[] current;
    private boolean networkStale;

    BatchGradient(ModelSpec spec, ImageSplit split) {
        this.net = ModelFactory.build(spec);
        this.split = split;
        this.dense = DenseGradient.of(net.paramLayout(), spec.inputSize());
    }

    /** Sets the parameters at which the next gradients are taken. */
    void at(double[] w) {
        current = w.clone();
        networkStale = true;
    }

    private void syncNetwork() {
        if (networkStale) {
            INDArray flat = Nd4j.createFromArray(current);
            net.setParams(flat);
            Release.all(flat);
            networkStale = false;
        }
    }

    /**
     * The mean gradient of a few split samples (the deleted or added ones of a batch): computed in
     * Java by {@link DenseGradient} when that is cheaper than a pass through the network's graph,
     * whose fixed cost per call dominates for a handful of samples; otherwise as {@link #of}.
     */
    double[] ofFew(int[] indices) {
        if (dense != null && current != null && (long) indices.length * dense.costPerSample() <= FEW_BUDGET) {
            return dense.mean(current, split, indices);
        }
        return of(indices);
    }

    /** The network's initial parameters as float64 (before any {@link #at}). */
    double[] params() {
        INDArray p = net.params();
        double[] w = p.toDoubleVector();
        Release.all(p);
        return w;
    }

    /** The mean cross-entropy gradient over split samples {@code indices} (non-empty), without L2. */
    double[] of(int[] indices) {
        syncNetwork();
        int d = split.shape().pixelsPerImage();
        if (buffer.length < indices.length * d) {
            buffer = new float[indices.length * d];
        }
        INDArray x = Features.of(split, indices, 0, indices.length, buffer);
        int[] y = Features.labels(split, indices, 0, indices.length);
        LossAndGradient lg = net.lossAndGradient(x, y);
        double[] g = lg.gradient().toDoubleVector();
        lastLoss = lg.loss();
        Release.all(x, lg.gradient(), lg.logits());
        return g;
    }

    /** The mean loss of the last {@link #of} call. */
    double lastLoss() {
        return lastLoss;
    }

    /**
     * One plain SGD step with coupled L2, in place: {@code w ← w − η(g + λw)}, with the same
     * arithmetic as {@link org.lethe.engine.model.optim.Sgd} (so runs agree bit for bit with the
     * {@link org.lethe.engine.model.Trainer}).
     */
    static void sgdStep(double[] w, double[] g, double lr, double lambda) {
        for (int i = 0; i < w.length; i++) {
            double d = g[i] + lambda * w[i];
            w[i] -= lr * d;
        }
    }
}
