package org.lethe.engine.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.lethe.engine.data.ImageShape;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The only place networks are built. Every architecture becomes a SameDiff graph run by the oneDNN
 * build of ND4J (see docs/adr/0003-network-backend.md for the measurements behind that choice).
 *
 * <p>Initialisation is ours and does not use ND4J's random generator: weights of layers followed by a
 * ReLU are drawn from N(0, 2/fanIn) (He/Kaiming normal), the logits layer from N(0, 2/(fanIn+fanOut))
 * (Xavier/Glorot normal), biases are zero. The draws come from one {@link SplittableRandom} seeded with
 * {@link ModelSpec#seed()}, in flat-parameter order, so the same spec always gives bit-identical
 * parameters.
 */
public final class ModelFactory {

    private ModelFactory() {
    }

    /** Builds a freshly initialised network for {@code spec}. */
    public static Network build(ModelSpec spec) {
        GraphBuilder g = new GraphBuilder(spec);
        switch (spec.architecture()) {
            case LOGREG -> g.logits(g.flatInput());
            case MLP -> g.logits(g.denseStack(g.flatInput(), spec.input().pixelsPerImage()));
            case LENET -> g.logits(lenetFeatures(g, spec.input()));
            case CIFAR_CNN -> g.logits(cifarFeatures(g, spec.input(), spec.batchNorm()));
        }
        return g.finish();
    }

    private static SDVariable lenetFeatures(GraphBuilder g, ImageShape in) {
        SDVariable x = g.imageInput();
        x = g.conv(x, in.channels(), 20, 5, false);
        x = g.pool(x);
        x = g.conv(x, 20, 50, 5, false);
        x = g.pool(x);
        long h = ((in.height() - 4) / 2 - 4) / 2;
        long w = ((in.width() - 4) / 2 - 4) / 2;
        return g.denseStack(g.flatten(x, 50 * h * w), 50 * h * w);
    }

    private static SDVariable cifarFeatures(GraphBuilder g, ImageShape in, boolean batchNorm) {
        if (batchNorm) {
            throw new ModelSpecException("model spec: batch normalisation for cifar-cnn is not implemented yet;"
                    + " use batchNorm=false");
        }
        SDVariable x = g.imageInput();
        x = g.conv(x, in.channels(), 32, 3, true);
        x = g.conv(x, 32, 32, 3, false);
        x = g.pool(x);
        x = g.conv(x, 32, 64, 3, true);
        x = g.conv(x, 64, 64, 3, false);
        x = g.pool(x);
        long h = ((in.height() - 2) / 2 - 2) / 2;
        long w = ((in.width() - 2) / 2 - 2) / 2;
        return g.denseStack(g.flatten(x, 64 * h * w), 64 * h * w);
    }

    /** Builds the graph layer by layer, recording parameters in flat order and initialising them. */
    private static final class GraphBuilder {
        private final ModelSpec spec;
        private final DataType type;
        private final SameDiff sd = SameDiff.create();
        private final SplittableRandom random;
        private final SDVariable input;
        private final List<ParamBlock> layout = new ArrayList<>();
        private long offset;
        private int layer;

        GraphBuilder(ModelSpec spec) {
            this.spec = spec;
            this.type = spec.precision().dataType();
            this.random = new SplittableRandom(spec.seed());
            this.input = sd.placeHolder(SameDiffNetwork.INPUT, type, -1, spec.input().pixelsPerImage());
        }

        SDVariable flatInput() {
            return input;
        }

        SDVariable imageInput() {
            ImageShape s = spec.input();
            return sd.reshape(input, -1, s.channels(), s.height(), s.width());
        }

        SDVariable flatten(SDVariable x, long size) {
            return sd.reshape(x, -1, size);
        }

        SDVariable conv(SDVariable x, long in, long out, int k, boolean same) {
            SDVariable w = param("W", new long[] {k, k, in, out}, (long) k * k * in, (long) k * k * out, true);
            SDVariable b = param("b", new long[] {out}, 0, 0, true);
            layer++;
            Conv2DConfig c = Conv2DConfig.builder().kH(k).kW(k).sH(1).sW(1).dH(1).dW(1)
                    .paddingMode(same ? PaddingMode.SAME : PaddingMode.VALID)
                    .dataFormat("NCHW").weightsFormat(WeightsFormat.YXIO).build();
            return sd.nn().relu(sd.cnn().conv2d(x, w, b, c), 0);
        }

        SDVariable pool(SDVariable x) {
            Pooling2DConfig c = Pooling2DConfig.builder().kH(2).kW(2).sH(2).sW(2).dH(1).dW(1)
                    .type(Pooling2D.Pooling2DType.MAX).paddingMode(PaddingMode.VALID).isNHWC(false).build();
            return sd.cnn().maxPooling2d(x, c);
        }

        SDVariable denseStack(SDVariable x, long inSize) {
            long in = inSize;
            for (int width : spec.hiddenWidths()) {
                x = sd.nn().relu(dense(x, in, width, true), 0);
                in = width;
            }
            return x;
        }

        SDVariable dense(SDVariable x, long in, long out, boolean relu) {
            SDVariable w = param("W", new long[] {in, out}, in, out, relu);
            SDVariable b = param("b", new long[] {out}, 0, 0, relu);
            layer++;
            return x.mmul(w).add(b);
        }

        void logits(SDVariable features) {
            sd.identity(SameDiffNetwork.LOGITS, dense(features, lastWidth(), spec.numClasses(), false));
        }

        private long lastWidth() {
            List<Integer> h = spec.hiddenWidths();
            return h.isEmpty() ? spec.input().pixelsPerImage() : h.get(h.size() - 1);
        }

        /** Adds an initialised parameter; fanIn 0 means "bias" (zeros). */
        private SDVariable param(String kind, long[] shape, long fanIn, long fanOut, boolean he) {
            long n = 1;
            for (long s : shape) {
                n *= s;
            }
            double[] values = new double[Math.toIntExact(n)];
            if (fanIn > 0) {
                double std = he ? Math.sqrt(2.0 / fanIn) : Math.sqrt(2.0 / (fanIn + fanOut));
                for (int i = 0; i < values.length; i++) {
                    values[i] = random.nextGaussian() * std;
                }
            }
            String name = "l" + layer + "_" + kind;
            INDArray arr = Nd4j.create(values, shape, 'c').castTo(type);
            layout.add(new ParamBlock(name, shape, offset, n));
            offset += n;
            return sd.var(name, arr);
        }

        /**
         * Adds the heads every network has: probabilities, the mean cross-entropy against the "target"
         * placeholder, and the objective {@code ce + sum(logits * logitGrad)} whose gradient serves both
         * the built-in loss (logitGrad = 0) and caller-made losses (target = 0). The cross-entropy is
         * written from log-softmax, not with a built-in loss op, so scaling or negating it upstream works.
         */
        Network finish() {
            int c = spec.numClasses();
            SDVariable logits = sd.getVariable(SameDiffNetwork.LOGITS);
            SDVariable target = sd.placeHolder(SameDiffNetwork.TARGET, type, -1, c);
            SDVariable logitGrad = sd.placeHolder(SameDiffNetwork.LOGIT_GRAD, type, -1, c);
            sd.nn().softmax(SameDiffNetwork.PROBABILITIES, logits, 1);
            SDVariable logSoftmax = sd.nn().logSoftmax(logits);
            SDVariable perSample = sd.sum(target.mul(logSoftmax), 1);
            SDVariable ce = sd.math().neg(SameDiffNetwork.CE, sd.mean(perSample));
            SDVariable surrogate = sd.sum(logits.mul(logitGrad));
            SDVariable objective = sd.identity(SameDiffNetwork.OBJECTIVE, ce.add(surrogate));
            sd.setLossVariables(objective);
            return new SameDiffNetwork(spec, sd, layout);
        }
    }
}
