package org.lethe.bench;

import java.util.Arrays;
import org.lethe.engine.data.ImageSplit;
import org.lethe.engine.model.*;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Manual tool: LeNet batch time at 1 and 2 ND4J threads, switched at runtime with {@link EngineThreads}. */
public final class ThreadProbe {
    public static void main(String[] a) {
        ImageSplit train = MnistTestData.train(512);
        int[] idx = train.all("t").toArray();
        Network net = ModelFactory.build(ModelSpec.lenet());
        INDArray x = Features.of(train, idx, 0, 256, null);
        int[] y = Features.labels(train, idx, 0, 256);
        System.out.println("start " + Arrays.toString(EngineThreads.current()));
        for (int rep = 0; rep < 3; rep++) {
            for (int t : new int[] {1, 2}) {
                EngineThreads.set(t);
                net.lossAndGradient(x, y);
                long t0 = System.nanoTime();
                for (int i = 0; i < 5; i++) net.lossAndGradient(x, y);
                long t1 = System.nanoTime();
                for (int i = 0; i < 5; i++) net.logits(x);
                long t2 = System.nanoTime();
                System.out.printf("threads %d %s: fwd+bwd(256) %.1f ms, fwd(256) %.1f ms%n", t, Arrays.toString(EngineThreads.current()), (t1 - t0) / 5e6, (t2 - t1) / 5e6);
            }
        }
    }
}
