package org.lethe.engine.unlearning.unlearnable;

import java.util.List;
import org.lethe.engine.data.DatasetFormat;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.model.MnistTestData;
import org.lethe.engine.model.ModelSpec;

/** 300 real MNIST training digits, 300 test digits and a small MLP for the noise tests. */
final class UnlearnableTestData {

    static final ImageDataset DATA = new ImageDataset("MNIST-300", DatasetFormat.IDX,
            List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), MnistTestData.train(300),
            MnistTestData.test(300));

    private UnlearnableTestData() {
    }

    /** A 784-64-10 MLP. */
    static ModelSpec mlp() {
        return ModelSpec.mlp(DATA.shape(), 10).withHiddenWidths(List.of(64)).withSeed(3);
    }

    /** Few, small steps: batches of 100, 5 training steps and (sample-wise) 5 descent steps per round. */
    static UnlearnableParams quick(NoiseMode mode, int rounds) {
        UnlearnableParams p = UnlearnableParams.defaults(mode).withBatches(100, 5).withStop(1.0, rounds).withSeed(7);
        return mode == NoiseMode.SAMPLE_WISE ? p.withPgdSteps(5).withStepSize(2.0 / 255) : p.withClassSubset(1.0);
    }
}
