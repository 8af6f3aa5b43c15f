package org.lethe.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lethe.engine.data.ImageShape;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The fused {@link Network#inputGradientWithLogits} against the two separate calls. */
class InputGradientTest {

    private static INDArray features(ImageShape shape, int b, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[b * shape.pixelsPerImage()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextDouble();
        }
        return Nd4j.create(v, new long[] {b, shape.pixelsPerImage()}, 'c');
    }

    @Test
    void logitsAndGradientEqualTheSeparateCallsBitForBit() {
        ImageShape mnist = new ImageShape(1, 28, 28);
        for (ModelSpec spec : List.of(ModelSpec.logreg(mnist, 10), ModelSpec.mlp(mnist, 10), ModelSpec.lenet())) {
            Network net = ModelFactory.build(spec.withSeed(3));
            INDArray x = features(mnist, 5, 11);
            int[] y = {0, 3, 9, 3, 1};
            InputGradient fused = net.inputGradientWithLogits(x, y);
            assertThat(fused.logits()).as(spec.architecture().id()).isEqualTo(net.logits(x));
            assertThat(fused.gradient()).as(spec.architecture().id()).isEqualTo(net.inputGradient(x, y));
            assertThat(fused.gradient().shape()).isEqualTo(x.shape());
            // images given as [b, c, h, w] come back in that shape
            INDArray x4 = x.reshape(5, 1, 28, 28);
            assertThat(net.inputGradientWithLogits(x4, y).gradient().shape()).isEqualTo(x4.shape());
        }
    }

    @Test
    void eachRowDependsOnlyOnItsOwnSample() {
        Network net = ModelFactory.build(ModelSpec.lenet().withSeed(5));
        ImageShape mnist = new ImageShape(1, 28, 28);
        INDArray x = features(mnist, 6, 2);
        int[] y = {1, 2, 3, 4, 5, 6};
        InputGradient all = net.inputGradientWithLogits(x, y);
        InputGradient one = net.inputGradientWithLogits(x.getRow(4, true).dup(), new int[] {5});
        assertThat(maxAbsDiff(all.gradient().getRow(4, true), one.gradient())).isLessThan(1e-6);
        assertThat(maxAbsDiff(all.logits().getRow(4, true), one.logits())).isLessThan(1e-5);
    }

    private static double maxAbsDiff(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
    }
}
