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

    /** Batch-norm epsilon, as PyTorch's default. */
    static final double BATCH_NORM_EPS = 1e-5;

    private ModelFactory() {
    }

    /** Builds a freshly initialised network for {@code spec}. */
    public static Network build(ModelSpec spec) {
        GraphBuilder full = graph(spec, false, false);
        FirstConvSplit split = null;
        if (spec.architecture() == Architecture.LENET) {
            GraphBuilder tail = graph(spec, true, false);
            split = new FirstConvSplit(tail.sd, tail.firstConv, tail.layout.stream().map(ParamBlock::name).toList());
        }
        BatchNormGraph bn = null;
        if (spec.batchNorm()) {
            GraphBuilder train = graph(spec, false, true);
            bn = new BatchNormGraph(train.sd, full.buffers, train.batchStats);
        }
        return new SameDiffNetwork(spec, full.sd, full.layout, split, bn);
    }

    /**
     * The number of trainable parameters a network built from {@code spec} has, worked out from the
     * architecture alone: nothing is allocated, so it is safe to call on a spec read from an
     * untrusted file before deciding whether to build it. Always equal to
     * {@code build(spec).numParams()}.
     */
    public static long parameterCount(ModelSpec spec) {
        ImageShape in = spec.input();
        long features;
        long count = 0;
        switch (spec.architecture()) {
            case LOGREG, MLP -> features = in.pixelsPerImage();
            case LENET -> {
                count += convParams(in.channels(), 20, 5) + convParams(20, 50, 5);
                features = 50L * (((in.height() - 4) / 2 - 4) / 2) * (((in.width() - 4) / 2 - 4) / 2);
            }
            case CIFAR_CNN -> {
                long norm = spec.batchNorm() ? 2 : 0;
                count += convParams(in.channels(), 32, 3) + convParams(32, 32, 3) + convParams(32, 64, 3)
                        + convParams(64, 64, 3) + norm * (32 + 32 + 64 + 64);
                long h = ((in.height() - 2) / 2 - 2) / 2;
                long w = ((in.width() - 2) / 2 - 2) / 2;
                features = 64L * h * w;
            }
            case RESNET8, RESNET20 -> {
                boolean bn = spec.batchNorm();
                long c = RESNET_WIDTHS[0];
                count += resNetConvParams(in.channels(), c, bn);
                for (long out : RESNET_WIDTHS) {
                    for (int block = 0; block < spec.architecture().blocksPerStage(); block++) {
                        count += resNetConvParams(c, out, bn) + resNetConvParams(out, out, bn);
                        c = out;
                    }
                }
                features = c;
            }
            default -> throw new IllegalStateException("unknown architecture " + spec.architecture());
        }
        long width = features;
        for (int hidden : spec.hiddenWidths()) {
            count += width * hidden + hidden;
            width = hidden;
        }
        return count + width * spec.numClasses() + spec.numClasses();
    }

    private static long convParams(long in, long out, long kernel) {
        return kernel * kernel * in * out + out;
    }

    /** A ResNet 3x3 convolution: with batch norm, no bias but a scale and a shift per channel. */
    private static long resNetConvParams(long in, long out, boolean batchNorm) {
        return 9 * in * out + (batchNorm ? 2 * out : out);
    }

    /**
     * The whole graph, or (tail = true) the graph after the first block (convolution, pooling,
     * ReLU): that block's output becomes the placeholder {@link SameDiffNetwork#FIRST_BLOCK_OUT} and
     * the first layer's parameters are left out. Training uses the tail graph to avoid the expensive
     * and unneeded input gradient of the first convolution (see {@link FirstConvSplit}).
     */
    private static GraphBuilder graph(ModelSpec spec, boolean tail, boolean batchStatistics) {
        GraphBuilder g = new GraphBuilder(spec, tail, batchStatistics);
        switch (spec.architecture()) {
            case LOGREG -> g.logits(g.flatInput());
            case MLP -> g.logits(g.denseStack(g.flatInput(), spec.input().pixelsPerImage()));
            case LENET -> g.logits(lenetFeatures(g, spec.input()));
            case CIFAR_CNN -> g.logits(cifarFeatures(g, spec.input(), spec.batchNorm()));
            case RESNET8, RESNET20 -> g.logits(resNetFeatures(g, spec), RESNET_WIDTHS[RESNET_WIDTHS.length - 1]);
        }
        g.addHeads();
        return g;
    }

    private static SDVariable lenetFeatures(GraphBuilder g, ImageShape in) {
        // ReLU after max-pooling: the two commute, and the ReLU (and its backward pass) then runs
        // on a quarter of the values
        SDVariable x = g.firstBlock(in.channels(), 20, 5);
        x = g.relu(g.pool(g.conv(x, 20, 50, 5, false, false)));
        long h = ((in.height() - 4) / 2 - 4) / 2;
        long w = ((in.width() - 4) / 2 - 4) / 2;
        return g.denseStack(g.flatten(x, 50 * h * w), 50 * h * w);
    }

    private static SDVariable cifarFeatures(GraphBuilder g, ImageShape in, boolean batchNorm) {
        // each convolution: conv [-> batch norm] -> ReLU; ReLU after max-pooling (they commute)
        long h1 = in.height();
        long w1 = in.width();
        long h2 = (h1 - 2) / 2;
        long w2 = (w1 - 2) / 2;
        SDVariable x = g.imageInput();
        x = g.relu(g.maybeBatchNorm(g.conv(x, in.channels(), 32, 3, true, false), 32, h1 * w1, batchNorm));
        x = g.relu(g.pool(g.maybeBatchNorm(g.conv(x, 32, 32, 3, false, false), 32, (h1 - 2) * (w1 - 2), batchNorm)));
        x = g.relu(g.maybeBatchNorm(g.conv(x, 32, 64, 3, true, false), 64, h2 * w2, batchNorm));
        x = g.relu(g.pool(g.maybeBatchNorm(g.conv(x, 64, 64, 3, false, false), 64, (h2 - 2) * (w2 - 2), batchNorm)));
        long h = (h2 - 2) / 2;
        long w = (w2 - 2) / 2;
        return g.denseStack(g.flatten(x, 64 * h * w), 64 * h * w);
    }

    /** Channels of the three stages of a CIFAR ResNet. */
    private static final long[] RESNET_WIDTHS = {16, 32, 64};

    /**
     * CIFAR ResNet (He et al. 2016, section 4.2): conv3x3 [-> BN] -> ReLU, then per stage
     * {@code blocksPerStage} basic blocks {@code relu(bn(conv(relu(bn(conv(x))))) + shortcut(x))}, global
     * average pooling. Convolutions are 3x3 with padding 1 (PyTorch's geometry); a stage's first block
     * has stride 2 except in stage one. Where the shape changes the shortcut is the parameter-free
     * option A of the paper: every second pixel, zero-padded to the new channel count. Convolutions
     * followed by batch norm have no bias (the norm's beta takes its place).
     */
    private static SDVariable resNetFeatures(GraphBuilder g, ModelSpec spec) {
        boolean bn = spec.batchNorm();
        ImageShape in = spec.input();
        long h = in.height();
        long w = in.width();
        long channels = RESNET_WIDTHS[0];
        SDVariable x = g.relu(g.maybeBatchNorm(g.paddedConv(g.imageInput(), in.channels(), channels, 1, !bn),
                channels, h * w, bn));
        for (int stage = 0; stage < RESNET_WIDTHS.length; stage++) {
            long out = RESNET_WIDTHS[stage];
            for (int block = 0; block < spec.architecture().blocksPerStage(); block++) {
                int stride = stage > 0 && block == 0 ? 2 : 1;
                long oh = (h - 1) / stride + 1;
                long ow = (w - 1) / stride + 1;
                SDVariable y = g.relu(g.maybeBatchNorm(g.paddedConv(x, channels, out, stride, !bn), out, oh * ow, bn));
                y = g.maybeBatchNorm(g.paddedConv(y, out, out, 1, !bn), out, oh * ow, bn);
                SDVariable shortcut = stride == 1 && channels == out ? x : g.downsample(x, channels, out, stride);
                x = g.relu(y.add(shortcut));
                channels = out;
                h = oh;
                w = ow;
            }
        }
        return g.sd.mean(x, 2, 3);
    }

    /** Builds the graph layer by layer, recording parameters in flat order and initialising them. */
    private static final class GraphBuilder {
        private final ModelSpec spec;
        private final DataType type;
        private final SameDiff sd = SameDiff.create();
        private final SplittableRandom random;
        private final boolean tail;
        private final boolean batchStatistics;
        private final SDVariable input;
        private final List<ParamBlock> layout = new ArrayList<>();
        private final List<ParamBlock> buffers = new ArrayList<>();
        private final List<BatchNormGraph.Layer> batchStats = new ArrayList<>();
        private long bufferOffset;
        private FirstConvSplit.Conv firstConv;
        private long offset;
        private int layer;

        GraphBuilder(ModelSpec spec, boolean tail, boolean batchStatistics) {
            this.spec = spec;
            this.type = spec.precision().dataType();
            this.random = new SplittableRandom(spec.seed());
            this.tail = tail;
            this.batchStatistics = batchStatistics;
            ImageShape s = spec.input();
            // convolutional networks take images directly: SameDiff M2.1 drops the input gradient
            // when a reshape sits between the placeholder and the first convolution
            this.input = tail ? null : spec.architecture().isConvolutional()
                    ? sd.placeHolder(SameDiffNetwork.INPUT, type, -1, s.channels(), s.height(), s.width())
                    : sd.placeHolder(SameDiffNetwork.INPUT, type, -1, s.pixelsPerImage());
        }

        SDVariable flatInput() {
            return input;
        }

        SDVariable imageInput() {
            return input;
        }

        SDVariable flatten(SDVariable x, long size) {
            return sd.reshape(x, -1, size);
        }

        SDVariable relu(SDVariable x) {
            return sd.nn().relu(x, 0);
        }

        /**
         * The network's first block {@code relu(maxpool2x2(conv_k(input)))} (valid convolution); in the
         * tail graph a placeholder {@link SameDiffNetwork#FIRST_BLOCK_OUT} of its output shape instead,
         * computed by {@link FirstConvSplit}.
         */
        SDVariable firstBlock(long in, long out, int k) {
            long oh = spec.input().height() - k + 1;
            long ow = spec.input().width() - k + 1;
            if (tail) {
                firstConv = new FirstConvSplit.Conv(in, out, k, oh, ow);
                layer++;
                return sd.placeHolder(SameDiffNetwork.FIRST_BLOCK_OUT, type, -1, out, oh / 2, ow / 2);
            }
            return relu(pool(conv(input, in, out, k, false, false)));
        }

        /** A stride-1 convolution with bias, followed by a ReLU when {@code relu}. */
        SDVariable conv(SDVariable x, long in, long out, int k, boolean same, boolean relu) {
            SDVariable w = param("W", new long[] {k, k, in, out}, (long) k * k * in, (long) k * k * out, true);
            SDVariable b = param("b", new long[] {out}, 0, 0, true);
            layer++;
            Conv2DConfig c = Conv2DConfig.builder().kH(k).kW(k).sH(1).sW(1).dH(1).dW(1)
                    .paddingMode(same ? PaddingMode.SAME : PaddingMode.VALID)
                    .dataFormat("NCHW").weightsFormat(WeightsFormat.YXIO).build();
            SDVariable pre = sd.cnn().conv2d(x, w, b, c);
            return relu ? relu(pre) : pre;
        }

        /** A 3x3 convolution with zero padding 1 and the given stride, with a bias when {@code bias}. */
        SDVariable paddedConv(SDVariable x, long in, long out, int stride, boolean bias) {
            int k = 3;
            SDVariable w = param("W", new long[] {k, k, in, out}, (long) k * k * in, (long) k * k * out, true);
            SDVariable b = bias ? param("b", new long[] {out}, 0, 0, true) : null;
            layer++;
            Conv2DConfig c = Conv2DConfig.builder().kH(k).kW(k).sH(stride).sW(stride).pH(1).pW(1).dH(1).dW(1)
                    .paddingMode(PaddingMode.VALID).dataFormat("NCHW").weightsFormat(WeightsFormat.YXIO).build();
            return bias ? sd.cnn().conv2d(x, w, b, c) : sd.cnn().conv2d(x, w, c);
        }

        /**
         * The parameter-free shortcut where a residual block changes shape: {@code x[:, :, ::stride, ::stride]}
         * followed by zero channels up to {@code out}.
         */
        SDVariable downsample(SDVariable x, long in, long out, int stride) {
            if (out != 2 * in) {
                throw new IllegalStateException("shortcut from " + in + " to " + out + " channels");
            }
            int all = 0b1111;
            SDVariable sub = sd.stridedSlice(x, new long[] {0, 0, 0, 0}, new long[] {0, 0, 0, 0},
                    new long[] {1, 1, stride, stride}, all, all, 0, 0, 0);
            return sd.concat(1, sub, sd.zerosLike(sub));
        }

        /**
         * Batch normalisation over (batch, height, width) per channel, as torch.nn.BatchNorm2d with
         * eps 1e-5: {@code gamma * (x - mean) / sqrt(var + eps) + beta}. With batch statistics the
         * mean and biased variance of the batch are used (and exposed as outputs so the network can
         * update its running statistics); otherwise the running statistics, which are buffers, not
         * parameters. Parameters gamma (ones) and beta (zeros) follow the convolution's in flat order.
         */
        SDVariable maybeBatchNorm(SDVariable x, long channels, long spatial, boolean on) {
            if (!on) {
                return x;
            }
            SDVariable gamma = constantParam("gamma", channels, 1.0);
            SDVariable beta = constantParam("beta", channels, 0.0);
            String prefix = "l" + layer;
            layer++;
            long[] bshape = {1, channels, 1, 1};
            SDVariable mean;
            SDVariable variance;
            if (batchStatistics) {
                mean = sd.mean(prefix + "_batchMean", x, true, 0, 2, 3);
                SDVariable centred = x.sub(mean);
                variance = sd.mean(prefix + "_batchVar", centred.mul(centred), true, 0, 2, 3);
                batchStats.add(new BatchNormGraph.Layer(prefix, spatial));
                SDVariable scale = gamma.reshape(bshape).mul(sd.math().rsqrt(variance.add(BATCH_NORM_EPS)));
                return centred.mul(expand(scale, centred)).add(beta.reshape(bshape));
            }
            mean = buffer(prefix + "_runMean", channels, 0.0);
            variance = buffer(prefix + "_runVar", channels, 1.0);
            SDVariable scale = gamma.reshape(bshape).mul(sd.math().rsqrt(variance.reshape(bshape).add(BATCH_NORM_EPS)));
            SDVariable centred = x.sub(mean.reshape(bshape));
            return centred.mul(expand(scale, centred)).add(beta.reshape(bshape));
        }

        /**
         * {@code perChannel} {@code [1, C, 1, 1]} repeated to the shape of {@code like}. Multiplying by
         * the expanded array instead of broadcasting is the same value, but SameDiff M2.1's gradient of a
         * broadcasting multiply is about 20x slower than that of a broadcasting add followed by a
         * same-shape multiply (measured: 64 ms against 4 + 4 ms for a 64x32x32x32 batch).
         */
        SDVariable expand(SDVariable perChannel, SDVariable like) {
            return sd.zerosLike(like).add(perChannel);
        }

        private SDVariable constantParam(String kind, long n, double value) {
            String name = "l" + layer + "_" + kind;
            INDArray arr = Nd4j.valueArrayOf(new long[] {n}, value, type);
            layout.add(new ParamBlock(name, new long[] {n}, offset, n));
            offset += n;
            return sd.var(name, arr);
        }

        private SDVariable buffer(String name, long n, double value) {
            buffers.add(new ParamBlock(name, new long[] {n}, bufferOffset, n));
            bufferOffset += n;
            return sd.constant(name, Nd4j.valueArrayOf(new long[] {n}, value, type));
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
            logits(features, lastWidth());
        }

        void logits(SDVariable features, long width) {
            sd.identity(SameDiffNetwork.LOGITS, dense(features, width, spec.numClasses(), false));
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
        void addHeads() {
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
        }
    }
}
