package org.lethe.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lethe.engine.data.ImageShape;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Batch normalisation in the CIFAR CNN: gradients, running statistics, modes, copies. */
class BatchNormTest {

    private static final ModelSpec SPEC = new ModelSpec(Architecture.CIFAR_CNN, new ImageShape(3, 10, 10), 4,
            List.of(16), true, Precision.DOUBLE, 5);

    private static INDArray features(int b, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[b * 300];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble();
        }
        return Nd4j.create(v, new long[] {b, 300}, 'c');
    }

    @Test
    void layoutHasGammaAndBetaAfterEachConvolutionAndRunningStatisticsAsBuffers() {
        Network net = ModelFactory.build(SPEC);
        assertThat(net.paramLayout()).extracting(ParamBlock::name).containsExactly("l0_W", "l0_b", "l1_gamma",
                "l1_beta", "l2_W", "l2_b", "l3_gamma", "l3_beta", "l4_W", "l4_b", "l5_gamma", "l5_beta", "l6_W", "l6_b",
                "l7_gamma", "l7_beta", "l8_W", "l8_b", "l9_W", "l9_b");
        assertThat(net.buffers().length()).isEqualTo(2 * (32 + 32 + 64 + 64));
        assertThat(ModelFactory.build(SPEC.withBatchNorm(false)).buffers().length()).isZero();
        assertThat(net.isTraining()).isFalse();
    }

    @Test
    void trainingModeGradientMatchesFiniteDifferencesOfTheBatchStatisticLoss() {
        Network net = ModelFactory.build(SPEC);
        net.setTraining(true);
        INDArray x = features(6, 1);
        int[] y = {0, 1, 2, 3, 1, 2};
        LossAndGradient lg = net.lossAndGradient(x, y);
        INDArray theta = net.params();
        double eps = 1e-6;
        for (ParamBlock b : net.paramLayout()) {
            for (long i = b.offset(); i < b.end(); i += Math.max(1, b.length() / 2)) {
                INDArray p = theta.dup();
                p.putScalar(i, theta.getDouble(i) + eps);
                net.setParams(p);
                double up = net.lossAndGradient(x, y).loss();
                p.putScalar(i, theta.getDouble(i) - eps);
                net.setParams(p);
                double down = net.lossAndGradient(x, y).loss();
                double fd = (up - down) / (2 * eps);
                assertThat(lg.gradient().getDouble(i)).as(b.name() + " " + i)
                        .isCloseTo(fd, offset(1e-7 + 1e-5 * Math.abs(fd)));
            }
        }
    }

    @Test
    void runningStatisticsFollowTheBatchStatisticsAndDriveEvaluationMode() {
        Network net = ModelFactory.build(SPEC.withPrecision(Precision.FLOAT));
        INDArray x = features(8, 2);
        int[] y = {0, 1, 2, 3, 0, 1, 2, 3};
        INDArray evalBefore = net.logits(x);
        INDArray buffersBefore = net.buffers();
        net.setTraining(true);
        INDArray trainLogits = net.logits(x);
        assertThat(net.buffers()).isEqualTo(buffersBefore); // forward passes never update
        assertThat(trainLogits).isNotEqualTo(evalBefore);
        int steps = 30;
        double keep = Math.pow(0.9, steps);
        for (int i = 0; i < steps; i++) {
            net.lossAndGradient(x, y);
        }
        assertThat(net.buffers()).isNotEqualTo(buffersBefore);
        net.setTraining(false);
        INDArray evalAfter = net.logits(x);
        // the first layer's running statistics moved towards the conv output's channel mean and unbiased
        // variance: running = keep * initial + (1 - keep) * batch, keep = 0.9^steps
        INDArray p = net.params();
        ParamBlock w = net.paramLayout().get(0);
        ParamBlock bias = net.paramLayout().get(1);
        INDArray conv = Nd4j.cnn().conv2d(x.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).reshape(8, 3, 10, 10),
                p.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(w.offset(), w.end())).reshape(w.shape()),
                p.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(bias.offset(), bias.end())),
                org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig.builder().kH(3).kW(3).sH(1).sW(1)
                        .dH(1).dW(1).paddingMode(org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode.SAME)
                        .dataFormat("NCHW").weightsFormat(org.nd4j.enums.WeightsFormat.YXIO).build());
        INDArray mean = conv.mean(0, 2, 3);
        INDArray var = conv.var(false, 0, 2, 3).mul(800.0 / 799.0);
        INDArray buffers = net.buffers();
        for (int c = 0; c < 32; c++) {
            double m = (1 - keep) * mean.getDouble(c);
            double v = keep + (1 - keep) * var.getDouble(c);
            assertThat(buffers.getDouble(c)).isCloseTo(m, offset(1e-4 + 1e-4 * Math.abs(m)));
            assertThat(buffers.getDouble(32 + c)).isCloseTo(v, offset(1e-4 * v));
        }
        // and evaluation mode now nearly reproduces the batch-statistics logits
        double after = evalAfter.sub(trainLogits).amaxNumber().doubleValue();
        double before = evalBefore.sub(trainLogits).amaxNumber().doubleValue();
        assertThat(after).isLessThan(before / 3);
        // evaluation-mode gradients leave the buffers alone; copies carry buffers and mode
        INDArray b = net.buffers();
        net.lossAndGradient(x, y);
        assertThat(net.buffers()).isEqualTo(b);
        Network copy = net.copy();
        assertThat(copy.buffers()).isEqualTo(b);
        assertThat(copy.logits(x)).isEqualTo(evalAfter);
    }

    @Test
    void trainerTrainsInTrainingModeAndRestoresEvaluationMode() {
        org.lethe.engine.data.ImageSplit split = new org.lethe.engine.data.ImageSplit("train",
                new ImageShape(3, 10, 10), randomBytes(64 * 300), labels(64));
        Network net = ModelFactory.build(SPEC.withPrecision(Precision.FLOAT));
        INDArray before = net.buffers();
        new Trainer().train(net, split.all("train"), split.all("test"), TrainingConfig.adam(1, 16, 1e-3, 1),
                BatchHook.NONE, org.lethe.engine.job.JobContext.detached());
        assertThat(net.isTraining()).isFalse();
        assertThat(net.buffers()).isNotEqualTo(before);
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new SplittableRandom(3).nextBytes(b);
        return b;
    }

    private static byte[] labels(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i % 4);
        }
        return b;
    }
}
