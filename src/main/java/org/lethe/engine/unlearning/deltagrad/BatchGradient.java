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

    private final Network net;
    private final ImageSplit split;
    private float[] buffer = new float[0];
    private double lastLoss = Double.NaN;

    BatchGradient(ModelSpec spec, ImageSplit split) {
        this.net = ModelFactory.build(spec);
        this.split = split;
    }

    /** Sets the network's parameters. */
    void at(double[] w) {
        INDArray flat = Nd4j.createFromArray(w);
        net.setParams(flat);
        Release.all(flat);
    }

    /** The network's current parameters as float64. */
    double[] params() {
        INDArray p = net.params();
        double[] w = p.toDoubleVector();
        Release.all(p);
        return w;
    }

    /** The mean cross-entropy gradient over split samples {@code indices} (non-empty), without L2. */
    double[] of(int[] indices) {
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
