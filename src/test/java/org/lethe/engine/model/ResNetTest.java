package org.lethe.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lethe.engine.data.ImageShape;
import org.lethe.engine.data.ImageSplit;
import org.lethe.engine.job.JobContext;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The CIFAR ResNets: layout, gradients (finite differences), modes, copies, training. */
class ResNetTest {

    /** Odd sizes on purpose: 5x5 -> 3x3 -> 2x2 exercises the stride-2 geometry and the shortcut. */
    private static final ImageShape TINY = new ImageShape(3, 5, 5);

    private static ModelSpec tiny(Architecture depth, Precision precision) {
        return ModelSpec.defaults(depth, TINY, 3).withPrecision(precision).withSeed(11);
    }

    private static INDArray features(int b, ImageShape shape, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[b * shape.pixelsPerImage()];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble();
        }
        return Nd4j.create(v, new long[] {b, shape.pixelsPerImage()}, 'c');
    }

    @Test
    void layoutFollowsTheCifarResNets() {
        Network r20 = ModelFactory.build(ModelSpec.resNet(Architecture.RESNET20));
        // conv 3->16 + BN; stage 1: 6 convs 16->16; stage 2: 16->32 then 5x 32->32; stage 3: 32->64 then
        // 5x 64->64 (each conv without bias, followed by gamma and beta); dense 64->10
        long stage1 = 6 * (9 * 16 * 16 + 32);
        long stage2 = 9 * 16 * 32 + 64 + 5 * (9 * 32 * 32 + 64);
        long stage3 = 9 * 32 * 64 + 128 + 5 * (9 * 64 * 64 + 128);
        assertThat(r20.numParams()).isEqualTo(432 + 32 + stage1 + stage2 + stage3 + 650).isEqualTo(269_722);
        Network r8 = ModelFactory.build(ModelSpec.resNet(Architecture.RESNET8));
        assertThat(r8.numParams()).isEqualTo(432 + 32 + 2 * (9 * 16 * 16 + 32) + (9 * 16 * 32 + 64 + 9 * 32 * 32 + 64)
                + (9 * 32 * 64 + 128 + 9 * 64 * 64 + 128) + 650);
        assertThat(r8.paramLayout()).extracting(ParamBlock::name).startsWith("l0_W", "l1_gamma", "l1_beta", "l2_W")
                .endsWith("l14_W", "l14_b").hasSize(2 + 7 * 3);
        assertThat(r8.paramLayout().get(0).shape()).containsExactly(3, 3, 3, 16);
        // running mean and variance of the 7 batch norms
        assertThat(r8.buffers().length()).isEqualTo(2 * (16 + 16 + 16 + 32 + 32 + 64 + 64));
        INDArray x = features(2, new ImageShape(3, 32, 32), 1);
        assertThat(r20.logits(x).shape()).containsExactly(2, 10);
        assertThat(r20.probabilities(x).sum(1).sub(1.0).amaxNumber().doubleValue()).isLessThan(1e-5);
        // seeded: the same spec gives the same parameters, another seed others
        assertThat(ModelFactory.build(ModelSpec.resNet(Architecture.RESNET8)).params()).isEqualTo(r8.params());
        assertThat(ModelFactory.build(ModelSpec.resNet(Architecture.RESNET8).withSeed(3)).params())
                .isNotEqualTo(r8.params());
    }

    @Test
    void trainingModeGradientMatchesFiniteDifferences() {
        for (Architecture depth : List.of(Architecture.RESNET8, Architecture.RESNET20)) {
            Network net = ModelFactory.build(tiny(depth, Precision.DOUBLE));
            net.setTraining(true);
            // ResNet-20 repeats ResNet-8's blocks: every fifth parameter block is enough there
            checkParameterGradient(net, depth.id() + " train", 1, depth == Architecture.RESNET8 ? 1 : 5);
        }
    }

    @Test
    void evaluationModeAndPlainResNetGradientsMatchFiniteDifferences() {
        Network bn = ModelFactory.build(tiny(Architecture.RESNET8, Precision.DOUBLE));
        // give the running statistics non-trivial values first
        bn.setTraining(true);
        bn.lossAndGradient(features(6, TINY, 4), new int[] {0, 1, 2, 0, 1, 2});
        bn.setTraining(false);
        checkParameterGradient(bn, "resnet8 eval", 1, 2);
        Network plain = ModelFactory.build(tiny(Architecture.RESNET8, Precision.DOUBLE).withBatchNorm(false));
        assertThat(plain.buffers().length()).isZero();
        assertThat(plain.paramLayout()).extracting(ParamBlock::name).startsWith("l0_W", "l0_b", "l1_W", "l1_b");
        checkParameterGradient(plain, "resnet8 without batch norm", 1, 2);
    }

    /**
     * Compares {@code perBlock} entries of every {@code blockStep}-th parameter block (and of the last)
     * with central differences of the loss.
     */
    private static void checkParameterGradient(Network net, String what, int perBlock, int blockStep) {
        INDArray x = features(5, TINY, 2);
        int[] y = {0, 1, 2, 1, 0};
        LossAndGradient lg = net.lossAndGradient(x, y);
        INDArray theta = net.params();
        INDArray buffers = net.buffers();
        double eps = 1e-6;
        List<ParamBlock> layout = net.paramLayout();
        for (int k = 0; k < layout.size(); k++) {
            if (k % blockStep != 0 && k != layout.size() - 1) {
                continue;
            }
            ParamBlock b = layout.get(k);
            for (long i = b.offset() + b.length() / (2L * perBlock); i < b.end(); i += Math.max(1, b.length() / perBlock)) {
                INDArray p = theta.dup();
                p.putScalar(i, theta.getDouble(i) + eps);
                net.setParams(p);
                double up = mean(net.perSampleLoss(x, y));
                p.putScalar(i, theta.getDouble(i) - eps);
                net.setParams(p);
                double down = mean(net.perSampleLoss(x, y));
                double fd = (up - down) / (2 * eps);
                assertThat(lg.gradient().getDouble(i)).as(what + " " + b.name() + " " + i)
                        .isCloseTo(fd, offset(1e-7 + 1e-5 * Math.abs(fd)));
            }
        }
        net.setParams(theta);
        net.setBuffers(buffers);
    }

    @Test
    void inputGradientIsPerSampleAndMatchesFiniteDifferences() {
        Network net = ModelFactory.build(tiny(Architecture.RESNET8, Precision.DOUBLE));
        net.setTraining(true);
        net.lossAndGradient(features(6, TINY, 4), new int[] {0, 1, 2, 0, 1, 2});
        net.setTraining(false);
        INDArray x = features(3, TINY, 5);
        int[] y = {2, 0, 1};
        INDArray before = net.params();
        INDArray buffersBefore = net.buffers();
        INDArray g = net.inputGradient(x, y);
        assertThat(g.shape()).isEqualTo(x.shape());
        assertThat(net.params()).isEqualTo(before);
        assertThat(net.buffers()).isEqualTo(buffersBefore);
        double eps = 1e-6;
        for (int s = 0; s < 3; s++) {
            for (int j = s; j < TINY.pixelsPerImage(); j += 7) {
                INDArray xp = x.dup();
                xp.putScalar(s, j, x.getDouble(s, j) + eps);
                double up = sum(net.perSampleLoss(xp, y));
                xp.putScalar(s, j, x.getDouble(s, j) - eps);
                double down = sum(net.perSampleLoss(xp, y));
                double fd = (up - down) / (2 * eps);
                assertThat(g.getDouble(s, j)).as("sample " + s + " pixel " + j)
                        .isCloseTo(fd, offset(1e-7 + 1e-5 * Math.abs(fd)));
            }
        }
        INDArray g4 = net.inputGradient(x.reshape(3, 3, 5, 5), y);
        assertThat(g4.shape()).containsExactly(3, 3, 5, 5);
        assertThat(g4.reshape(3, 75)).isEqualTo(g);
    }

    @Test
    void paramsBuffersAndCopiesBehaveLikeTheOtherModels() {
        Network net = ModelFactory.build(tiny(Architecture.RESNET20, Precision.FLOAT));
        INDArray x = features(8, TINY, 6);
        int[] y = {0, 1, 2, 0, 1, 2, 0, 1};
        net.setTraining(true);
        for (int i = 0; i < 3; i++) {
            LossAndGradient lg = net.lossAndGradient(x, y);
            net.setParams(net.params().sub(lg.gradient().mul(0.1)));
        }
        net.setTraining(false);
        INDArray p = net.params();
        p.addi(1.0);
        assertThat(net.params()).isNotEqualTo(p);
        p.subi(1.0);
        Network copy = net.copy();
        assertThat(copy.params()).isEqualTo(net.params());
        assertThat(copy.buffers()).isEqualTo(net.buffers());
        assertThat(copy.isTraining()).isFalse();
        assertThat(copy.logits(x)).isEqualTo(net.logits(x));
        // the copy is independent: training it leaves the original alone
        INDArray original = net.params();
        INDArray originalBuffers = net.buffers();
        copy.setTraining(true);
        copy.setParams(copy.params().sub(copy.lossAndGradient(x, y).gradient()));
        assertThat(net.params()).isEqualTo(original);
        assertThat(net.buffers()).isEqualTo(originalBuffers);
        assertThat(copy.params()).isNotEqualTo(original);
        assertThat(copy.buffers()).isNotEqualTo(originalBuffers);
        // parameters set on one network reproduce its logits on another
        Network other = ModelFactory.build(tiny(Architecture.RESNET20, Precision.FLOAT).withSeed(99));
        other.setParams(net.params());
        other.setBuffers(net.buffers());
        assertThat(other.logits(x)).isEqualTo(net.logits(x));
        assertThatThrownBy(() -> other.setParams(Nd4j.zeros(3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 values");
    }

    @Test
    void logitGradientRouteMatchesTheBuiltInLoss() {
        Network net = ModelFactory.build(tiny(Architecture.RESNET8, Precision.DOUBLE));
        INDArray x = features(4, TINY, 7);
        int[] y = {1, 2, 0, 1};
        LossAndGradient lg = net.lossAndGradient(x, y);
        INDArray dz = net.probabilities(x).sub(Targets.oneHot(y, 3, org.nd4j.linalg.api.buffer.DataType.DOUBLE)).div(4);
        assertThat(NetworkGradientTest.maxAbsDiff(net.gradientFromLogitGrad(x, dz), lg.gradient())).isLessThan(1e-12);
    }

    @Test
    void trainerFitsATinySetDeterministically() {
        ImageShape shape = new ImageShape(3, 8, 8);
        int n = 48;
        byte[] pixels = new byte[n * shape.pixelsPerImage()];
        byte[] labels = new byte[n];
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % 3);
            for (int j = 0; j < shape.pixelsPerImage(); j++) {
                // class = which colour channel is bright, plus noise
                int channel = j / 64;
                pixels[i * shape.pixelsPerImage() + j] = (byte) ((channel == labels[i] ? 150 : 40) + r.nextInt(60));
            }
        }
        ImageSplit split = new ImageSplit("train", shape, pixels, labels);
        ModelSpec spec = ModelSpec.defaults(Architecture.RESNET8, shape, 3).withSeed(1);
        TrainingConfig config = TrainingConfig.adam(3, 16, 3e-3, 2);
        TrainingResult a = new Trainer().train(spec, split.all("train"), split.all("test"), config, BatchHook.NONE,
                JobContext.detached());
        assertThat(a.history().get(2).meanLoss()).isLessThan(a.history().get(0).meanLoss());
        assertThat(a.history().get(2).testAccuracy()).isGreaterThan(0.9);
        assertThat(a.network().isTraining()).isFalse();
        // the same run twice (one epoch is enough): bit-identical parameters and running statistics
        TrainingResult b = new Trainer().train(spec, split.all("train"), null, config.withEpochs(1), BatchHook.NONE,
                JobContext.detached());
        TrainingResult c = new Trainer().train(spec, split.all("train"), null, config.withEpochs(1), BatchHook.NONE,
                JobContext.detached());
        assertThat(b.network().params()).isEqualTo(c.network().params());
        assertThat(b.network().buffers()).isEqualTo(c.network().buffers());
        assertThat(b.network().buffers()).isNotEqualTo(ModelFactory.build(spec).buffers());
    }

    @Test
    void specsValidateAndRoundTripThroughJson() throws Exception {
        ModelSpec spec = ModelSpec.resNet(Architecture.RESNET20);
        assertThat(spec.batchNorm()).isTrue();
        assertThat(spec.hiddenWidths()).isEmpty();
        assertThat(Architecture.fromId("ResNet8")).isEqualTo(Architecture.RESNET8);
        ObjectMapper json = new ObjectMapper();
        String s = json.writeValueAsString(spec);
        assertThat(s).contains("\"architecture\":\"resnet20\"");
        assertThat(json.readValue(s, ModelSpec.class)).isEqualTo(spec);
        assertThatThrownBy(() -> spec.withHiddenWidths(List.of(100)))
                .isInstanceOf(ModelSpecException.class).hasMessageContaining("resnet20 has no hidden dense layers");
        assertThatThrownBy(() -> ModelSpec.defaults(Architecture.RESNET8, new ImageShape(3, 3, 3), 10))
                .isInstanceOf(ModelSpecException.class).hasMessageContaining("at least 4x4");
        assertThatThrownBy(() -> ModelSpec.resNet(Architecture.LENET)).isInstanceOf(ModelSpecException.class);
    }

    private static double mean(double[] v) {
        return sum(v) / v.length;
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s;
    }
}
