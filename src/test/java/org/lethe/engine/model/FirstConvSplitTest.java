package org.lethe.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lethe.engine.data.ImageShape;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The first-layer gradient of the split route against the full graph, for colour images and changing batch sizes. */
class FirstConvSplitTest {

    @Test
    void splitGradientMatchesTheFullGraphForSeveralChannelsAndBatchSizes() {
        ImageShape shape = new ImageShape(3, 18, 17);
        for (Precision precision : Precision.values()) {
            SameDiffNetwork net = (SameDiffNetwork) ModelFactory.build(ModelSpec.lenet(shape, 4)
                    .withHiddenWidths(List.of(12)).withPrecision(precision).withSeed(3));
            double tol = precision == Precision.DOUBLE ? 1e-12 : 1e-5;
            // a batch, a smaller one (the cached patch matrix is rebuilt), then the first size again
            for (int b : new int[] {6, 3, 6}) {
                INDArray x = features(b, shape, b * 31L);
                int[] y = new int[b];
                for (int i = 0; i < b; i++) {
                    y[i] = i % 4;
                }
                LossAndGradient split = net.lossAndGradient(x, y);
                net.setSplitEnabled(false);
                LossAndGradient full = net.lossAndGradient(x, y);
                net.setSplitEnabled(true);
                double scale = full.gradient().amaxNumber().doubleValue();
                assertThat(split.loss()).isEqualTo(full.loss(), org.assertj.core.data.Offset.offset(tol));
                assertThat(NetworkGradientTest.maxAbsDiff(split.gradient(), full.gradient()) / scale)
                        .as(precision + " batch " + b).isLessThan(tol);
                // the first layer's weights and bias get non-zero gradients
                ParamBlock w = net.paramLayout().get(0);
                ParamBlock bias = net.paramLayout().get(1);
                assertThat(split.gradient().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(w.offset(), bias.end()))
                        .amaxNumber().doubleValue()).isGreaterThan(0);
            }
        }
    }

    private static INDArray features(int b, ImageShape shape, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[b * shape.pixelsPerImage()];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble();
        }
        return Nd4j.create(v, new long[] {b, shape.pixelsPerImage()}, 'c');
    }
}
