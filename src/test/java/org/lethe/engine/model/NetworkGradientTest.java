package org.lethe.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.lethe.engine.data.ImageShape;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Finite-difference checks of the parameter and input gradients, in double precision. */
class NetworkGradientTest {

    private static final ImageShape SHAPE = new ImageShape(1, 4, 5);

    private static INDArray features(int b, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        double[] v = new double[b * SHAPE.pixelsPerImage()];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble();
        }
        return Nd4j.create(v, new long[] {b, SHAPE.pixelsPerImage()}, 'c');
    }

    private static List<ModelSpec> specs() {
        return List.of(ModelSpec.logreg(SHAPE, 3).withPrecision(Precision.DOUBLE),
                ModelSpec.mlp(SHAPE, 3).withHiddenWidths(List.of(7, 6)).withPrecision(Precision.DOUBLE));
    }

    private static double meanCe(Network net, INDArray x, int[] y) {
        double[] l = net.perSampleLoss(x, y);
        double s = 0;
        for (double v : l) {
            s += v;
        }
        return s / l.length;
    }

    @Test
    void parameterGradientMatchesFiniteDifferences() {
        int[] y = {0, 2, 1, 2};
        INDArray x = features(4, 1);
        for (ModelSpec spec : specs()) {
            Network net = ModelFactory.build(spec);
            LossAndGradient lg = net.lossAndGradient(x, y);
            assertThat(lg.loss()).isCloseTo(meanCe(net, x, y), org.assertj.core.data.Offset.offset(1e-12));
            INDArray theta = net.params();
            double eps = 1e-6;
            for (long i = 0; i < net.numParams(); i += Math.max(1, net.numParams() / 40)) {
                INDArray p = theta.dup();
                p.putScalar(i, theta.getDouble(i) + eps);
                net.setParams(p);
                double up = meanCe(net, x, y);
                p.putScalar(i, theta.getDouble(i) - eps);
                net.setParams(p);
                double down = meanCe(net, x, y);
                double fd = (up - down) / (2 * eps);
                assertThat(lg.gradient().getDouble(i)).as(spec.architecture() + " param " + i)
                        .isCloseTo(fd, org.assertj.core.data.Offset.offset(1e-7 + 1e-5 * Math.abs(fd)));
            }
            net.setParams(theta);
            assertThat(net.params()).isEqualTo(theta);
        }
    }

    @Test
    void inputGradientIsPerSampleAndMatchesFiniteDifferences() {
        int[] y = {1, 0, 2};
        INDArray x = features(3, 2);
        for (ModelSpec spec : specs()) {
            Network net = ModelFactory.build(spec);
            INDArray before = net.params();
            INDArray g = net.inputGradient(x, y);
            assertThat(g.shape()).isEqualTo(x.shape());
            assertThat(net.params()).isEqualTo(before);
            double eps = 1e-6;
            for (int s = 0; s < 3; s++) {
                for (int j = 0; j < SHAPE.pixelsPerImage(); j += 3) {
                    INDArray xp = x.dup();
                    xp.putScalar(s, j, x.getDouble(s, j) + eps);
                    double up = sum(net.perSampleLoss(xp, y));
                    xp.putScalar(s, j, x.getDouble(s, j) - eps);
                    double down = sum(net.perSampleLoss(xp, y));
                    double fd = (up - down) / (2 * eps);
                    assertThat(g.getDouble(s, j)).isCloseTo(fd, org.assertj.core.data.Offset.offset(1e-7 + 1e-5 * Math.abs(fd)));
                }
            }
            // image-shaped input gives an image-shaped gradient with the same values
            INDArray g4 = net.inputGradient(x.reshape(3, 1, 4, 5), y);
            assertThat(g4.shape()).containsExactly(3, 1, 4, 5);
            assertThat(g4.reshape(3, 20)).isEqualTo(g);
        }
    }

    @Test
    void inputGradientWorksForConvolutionalNetworks() {
        ImageShape shape = new ImageShape(1, 16, 16);
        ModelSpec spec = ModelSpec.lenet(shape, 3).withPrecision(Precision.DOUBLE).withHiddenWidths(List.of(16));
        Network net = ModelFactory.build(spec);
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        double[] values = new double[2 * 256];
        for (int i = 0; i < values.length; i++) {
            values[i] = r.nextDouble();
        }
        INDArray x = org.nd4j.linalg.factory.Nd4j.create(values, new long[] {2, 256}, 'c');
        int[] y = {2, 0};
        INDArray g = net.inputGradient(x, y);
        assertThat(g.shape()).isEqualTo(x.shape());
        double eps = 1e-6;
        for (int s = 0; s < 2; s++) {
            for (int j = 5; j < 256; j += 37) {
                INDArray xp = x.dup();
                xp.putScalar(s, j, x.getDouble(s, j) + eps);
                double up = sum(net.perSampleLoss(xp, y));
                xp.putScalar(s, j, x.getDouble(s, j) - eps);
                double down = sum(net.perSampleLoss(xp, y));
                double fd = (up - down) / (2 * eps);
                assertThat(g.getDouble(s, j)).isCloseTo(fd, org.assertj.core.data.Offset.offset(1e-6 + 1e-4 * Math.abs(fd)));
            }
        }
    }

    @Test
    void logitGradientRouteReproducesCrossEntropyAndItsNegation() {
        int[] y = {0, 1, 2, 1, 0};
        INDArray x = features(5, 3);
        Network net = ModelFactory.build(specs().get(1));
        LossAndGradient lg = net.lossAndGradient(x, y);
        // dCE/dz for the batch mean = (softmax(z) - onehot) / b
        INDArray dz = net.probabilities(x).sub(Targets.oneHot(y, 3, DataType.DOUBLE)).div(5);
        assertThat(maxAbsDiff(net.gradientFromLogitGrad(x, dz), lg.gradient())).isLessThan(1e-12);
        assertThat(maxAbsDiff(net.gradientFromLogitGrad(x, dz.neg()), lg.gradient().neg())).isLessThan(1e-12);
        // soft targets equal to one-hot give the same loss and gradient
        LossAndGradient soft = net.lossAndGradient(x, Targets.oneHot(y, 3, DataType.DOUBLE));
        assertThat(soft.loss()).isEqualTo(lg.loss());
        // input route: per-sample-sum CE gradient = logitGrad (softmax - onehot) without the 1/b
        INDArray gi = net.inputGradientFromLogitGrad(x, dz.mul(5));
        assertThat(maxAbsDiff(gi, net.inputGradient(x, y))).isLessThan(1e-12);
    }

    @Test
    void lenetSplitFirstConvolutionGivesTheFullGraphsGradient() {
        org.lethe.engine.data.ImageSplit data = MnistTestData.train(40);
        int[] idx = data.all("a").toArray();
        int[] y = Features.labels(data, idx, 0, 40);
        for (Precision precision : Precision.values()) {
            SameDiffNetwork net = (SameDiffNetwork) ModelFactory.build(ModelSpec.lenet().withPrecision(precision));
            INDArray x = Features.of(data, idx, 0, 40, null);
            LossAndGradient split = net.lossAndGradient(x, y);
            INDArray dz = net.probabilities(x).sub(Targets.oneHot(y, 10, DataType.FLOAT).castTo(x.dataType())).div(40);
            INDArray splitFromLogits = net.gradientFromLogitGrad(x, dz);
            net.setSplitEnabled(false);
            LossAndGradient full = net.lossAndGradient(x, y);
            net.setSplitEnabled(true);
            double scale = full.gradient().amaxNumber().doubleValue();
            double tol = precision == Precision.DOUBLE ? 1e-12 : 1e-5;
            assertThat(split.loss()).isCloseTo(full.loss(), org.assertj.core.data.Offset.offset(tol));
            assertThat(maxAbsDiff(split.gradient(), full.gradient()) / scale).as(precision.name()).isLessThan(tol);
            assertThat(maxAbsDiff(splitFromLogits, full.gradient()) / scale).isLessThan(precision == Precision.DOUBLE ? 1e-9 : 1e-4);
            // the split graph follows parameter changes
            INDArray p = net.params().mul(0.5);
            net.setParams(p);
            LossAndGradient a = net.lossAndGradient(x, y);
            net.setSplitEnabled(false);
            LossAndGradient b = net.lossAndGradient(x, y);
            assertThat(maxAbsDiff(a.gradient(), b.gradient()) / b.gradient().amaxNumber().doubleValue()).isLessThan(tol);
        }
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s;
    }

    static double maxAbsDiff(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }
}
