package org.lethe.engine.unlearning.deltagrad;

import java.util.List;
import java.util.stream.IntStream;
import org.lethe.engine.data.ImageSplit;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.model.MnistTestData;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.Precision;
import org.lethe.engine.model.TrainingConfig;
import org.lethe.engine.model.optim.LrSchedule;
import org.lethe.engine.model.optim.OptimizerConfig;

/** Small real-MNIST settings shared by the DeltaGrad tests. */
final class DeltaGradTestData {

    /** 400 real digits; the tests train on the first 300 and add from the rest. */
    static final ImageSplit SPLIT = MnistTestData.train(400);

    private DeltaGradTestData() {
    }

    static ModelSpec logreg() {
        return ModelSpec.logreg(SPLIT.shape(), 10).withPrecision(Precision.DOUBLE).withSeed(3);
    }

    static ModelSpec smallMlp() {
        return ModelSpec.mlp(SPLIT.shape(), 10).withHiddenWidths(List.of(32)).withPrecision(Precision.DOUBLE)
                .withSeed(3);
    }

    /** Plain SGD, λ = 1e-3, learning rate 0.1, the given batch size. */
    static TrainingConfig config(int epochs, int batchSize) {
        return new TrainingConfig(epochs, batchSize, OptimizerConfig.sgd(0, 1e-3), LrSchedule.constant(0.1), 11L);
    }

    static IndexView first(int n) {
        return new IndexView(SPLIT, IntStream.range(0, n).toArray(), "train");
    }

    static double l2(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }
}
