package org.lethe.bench;

import java.io.File;
import java.util.*;
import org.lethe.engine.data.ImageSplit;
import org.lethe.engine.model.*;
import org.nd4j.autodiff.listeners.profiler.ProfilingListener;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Manual tool: op-level profile (Chrome trace JSON) of 30 LeNet training steps through the tail graph. */
public final class OpProfile {
    public static void main(String[] a) throws Exception {
        ImageSplit train = MnistTestData.train(2000);
        Network net = ModelFactory.build(ModelSpec.lenet());
        java.lang.reflect.Field f = net.getClass().getDeclaredField("split");
        f.setAccessible(true);
        Object split = f.get(net);
        java.lang.reflect.Method m = split.getClass().getDeclaredMethod("tail");
        m.setAccessible(true);
        SameDiff sd = (SameDiff) m.invoke(split);
        int[] idx = train.all("t").toArray();
        INDArray x = Features.of(train, idx, 0, 64, null);
        int[] y = Features.labels(train, idx, 0, 64);
        for (int i = 0; i < 10; i++) net.lossAndGradient(x, y);
        File out = new File(a.length > 0 ? a[0] : "target/lenet-trace.json");
        out.delete();
        ProfilingListener pl = ProfilingListener.builder(out).recordAll().warmup(0).build(); sd.addListeners(pl);
        long t0 = System.nanoTime();
        for (int i = 0; i < 30; i++) net.lossAndGradient(x, y);
        System.out.printf("profiled lossAndGradient %.2f ms%n", (System.nanoTime() - t0) / 3e7);
        sd.getListeners().remove(pl);
        Thread.sleep(500);
    }
}
