package org.lethe.engine.unlearning.deltagrad;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lethe.engine.model.Features;
import org.lethe.engine.model.ModelFactory;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.Network;
import org.nd4j.linalg.factory.Nd4j;

class DenseGradientTest {

    private static final int[] SAMPLES = {3, 17, 42, 99, 150, 201, 333};

    private static double maxAbsDiffToNetwork(ModelSpec spec) {
        Network net = ModelFactory.build(spec);
        double[] w = net.params().toDoubleVector();
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < w.length; i++) {
            w[i] += 0.05 * random.nextGaussian(); // move away from the zero biases of the initialisation
        }
        net.setParams(Nd4j.createFromArray(w));
        double[] expected = net.lossAndGradient(Features.of(DeltaGradTestData.SPLIT, SAMPLES, 0, SAMPLES.length, null),
                Features.labels(DeltaGradTestData.SPLIT, SAMPLES, 0, SAMPLES.length)).gradient().toDoubleVector();
        DenseGradient dense = DenseGradient.of(net.paramLayout(), spec.inputSize());
        assertThat(dense).isNotNull();
        double[] actual = dense.mean(w, DeltaGradTestData.SPLIT, SAMPLES);
        assertThat(actual).hasSameSizeAs(expected);
        double max = 0;
        double norm = 0;
        for (int i = 0; i < actual.length; i++) {
            max = Math.max(max, Math.abs(actual[i] - expected[i]));
            norm = Math.max(norm, Math.abs(expected[i]));
        }
        assertThat(norm).isGreaterThan(1e-3);
        return max;
    }

    @Test
    void matchesTheNetworksGradientForLogisticRegression() {
        assertThat(maxAbsDiffToNetwork(DeltaGradTestData.logreg())).isLessThan(1e-12);
    }

    @Test
    void matchesTheNetworksGradientForAnMlp() {
        assertThat(maxAbsDiffToNetwork(DeltaGradTestData.smallMlp())).isLessThan(1e-12);
    }

    @Test
    void convolutionalLayoutsAreNotDense() {
        Network lenet = ModelFactory.build(ModelSpec.lenet());
        assertThat(DenseGradient.of(lenet.paramLayout(), 784)).isNull();
    }
}
