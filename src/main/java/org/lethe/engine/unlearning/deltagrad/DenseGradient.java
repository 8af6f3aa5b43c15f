package org.lethe.engine.unlearning.deltagrad;

import java.util.List;
import org.lethe.engine.data.ImageSplit;
import org.lethe.engine.model.ParamBlock;

/**
 * The mean cross-entropy gradient of a few samples for a stack of dense layers (ReLU between them,
 * logits last: logistic regression and MLPs), computed directly in Java from the flat parameter
 * vector laid out as {@link org.lethe.engine.model.Network#paramLayout()} describes (per layer the
 * weight {@code [in, out]}, row-major, then the bias {@code [out]}).
 *
 * <p>DeltaGrad needs the exact gradient of the handful of deleted or added samples of a batch at
 * nearly every iteration. Through the network's graph each such call costs a fixed overhead of
 * about a fifth of a whole 1024-sample batch, which would eat most of the speed-up; here it costs
 * {@code O(samples × parameters)} arithmetic only. It agrees with
 * {@link org.lethe.engine.model.Network#lossAndGradient} to rounding (tested to 1e-12).
 */
final class DenseGradient {

    private final int[] widths;
    private final int[] weightOffsets;
    private final int[] biasOffsets;
    private final int numParams;

    private DenseGradient(int[] widths, int[] weightOffsets, int[] biasOffsets, int numParams) {
        this.widths = widths;
        this.weightOffsets = weightOffsets;
        this.biasOffsets = biasOffsets;
        this.numParams = numParams;
    }

    /**
     * A gradient for the given layout, or null if it is not a dense stack (weight {@code [in, out]}
     * then bias {@code [out]} per layer, each layer's input the previous one's output).
     */
    static DenseGradient of(List<ParamBlock> layout, int inputSize) {
        if (layout.isEmpty() || layout.size() % 2 != 0) {
            return null;
        }
        int layers = layout.size() / 2;
        int[] widths = new int[layers + 1];
        int[] w = new int[layers];
        int[] b = new int[layers];
        widths[0] = inputSize;
        long total = 0;
        for (int l = 0; l < layers; l++) {
            long[] ws = layout.get(2 * l).shape();
            long[] bs = layout.get(2 * l + 1).shape();
            if (ws.length != 2 || bs.length != 1 || ws[0] != widths[l] || bs[0] != ws[1]
                    || !layout.get(2 * l + 1).isBias()) {
                return null;
            }
            widths[l + 1] = Math.toIntExact(ws[1]);
            w[l] = Math.toIntExact(layout.get(2 * l).offset());
            b[l] = Math.toIntExact(layout.get(2 * l + 1).offset());
            total += layout.get(2 * l).length() + layout.get(2 * l + 1).length();
        }
        return new DenseGradient(widths, w, b, Math.toIntExact(total));
    }

    /** The mean cross-entropy gradient of split samples {@code indices} (non-empty) at parameters {@code params}. */
    double[] mean(double[] params, ImageSplit split, int[] indices) {
        int layers = widths.length - 1;
        double[] grad = new double[numParams];
        float[] pixels = new float[widths[0]];
        double[][] act = new double[layers + 1][];
        double scale = 1.0 / indices.length;
        for (int index : indices) {
            split.copyImageScaled(index, pixels, 0);
            double[] x = new double[widths[0]];
            for (int i = 0; i < x.length; i++) {
                x[i] = pixels[i];
            }
            act[0] = x;
            for (int l = 0; l < layers; l++) {
                act[l + 1] = forward(params, l, act[l], l < layers - 1);
            }
            double[] delta = softmaxMinusTarget(act[layers], split.label(index), scale);
            for (int l = layers - 1; l >= 0; l--) {
                double[] in = act[l];
                int out = widths[l + 1];
                int wOff = weightOffsets[l];
                int bOff = biasOffsets[l];
                for (int o = 0; o < out; o++) {
                    grad[bOff + o] += delta[o];
                }
                for (int i = 0; i < in.length; i++) {
                    double a = in[i];
                    if (a != 0) {
                        int row = wOff + i * out;
                        for (int o = 0; o < out; o++) {
                            grad[row + o] += a * delta[o];
                        }
                    }
                }
                if (l > 0) {
                    double[] back = new double[in.length];
                    for (int i = 0; i < in.length; i++) {
                        if (in[i] > 0) {
                            int row = wOff + i * out;
                            double s = 0;
                            for (int o = 0; o < out; o++) {
                                s += params[row + o] * delta[o];
                            }
                            back[i] = s;
                        }
                    }
                    delta = back;
                }
            }
        }
        return grad;
    }

    /** {@code relu?(b + aW)} of layer {@code l}. */
    private double[] forward(double[] params, int l, double[] a, boolean relu) {
        int out = widths[l + 1];
        int wOff = weightOffsets[l];
        double[] z = new double[out];
        System.arraycopy(params, biasOffsets[l], z, 0, out);
        for (int i = 0; i < a.length; i++) {
            double v = a[i];
            if (v != 0) {
                int row = wOff + i * out;
                for (int o = 0; o < out; o++) {
                    z[o] += v * params[row + o];
                }
            }
        }
        if (relu) {
            for (int o = 0; o < out; o++) {
                z[o] = Math.max(0, z[o]);
            }
        }
        return z;
    }

    /** {@code (softmax(z) − onehot(y)) · scale}, computed stably. */
    private static double[] softmaxMinusTarget(double[] z, int y, double scale) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] p = new double[z.length];
        for (int k = 0; k < z.length; k++) {
            p[k] = Math.exp(z[k] - max);
            sum += p[k];
        }
        for (int k = 0; k < z.length; k++) {
            p[k] = (p[k] / sum - (k == y ? 1 : 0)) * scale;
        }
        return p;
    }

    /** Multiply-adds of one sample's forward and backward pass, roughly. */
    long costPerSample() {
        return 3L * numParams;
    }
}
