package org.lethe.engine.model.bench;

import java.util.*;
import org.lethe.engine.data.ImageSplit;
import org.lethe.engine.model.*;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.api.buffer.DataType;

public final class SdProbe {
    public static void main(String[] a) throws Exception {
        ImageSplit train = MnistTestData.train(2000);
        Network net = ModelFactory.build(ModelSpec.lenet());
        java.lang.reflect.Field f = net.getClass().getDeclaredField("sd");
        f.setAccessible(true);
        SameDiff sd = (SameDiff) f.get(net);
        int[] idx = train.all("t").toArray();
        INDArray x = Features.of(train, idx, 0, 64, null);
        int[] y = Features.labels(train, idx, 0, 64);
        INDArray t = Targets.oneHot(y, 10, DataType.FLOAT);
        Map<String, INDArray> ph = new HashMap<>();
        ph.put("input", x); ph.put("target", t); ph.put("logitGrad", Nd4j.zeros(DataType.FLOAT, 64, 10));
        List<String> names = new ArrayList<>();
        for (ParamBlock b : net.paramLayout()) names.add(b.name());
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 50; i++) sd.output(Map.of("input", x), "logits");
            long t1 = System.nanoTime();
            for (int i = 0; i < 50; i++) sd.calculateGradients(ph, names);
            long t2 = System.nanoTime();
            for (int i = 0; i < 50; i++) sd.calculateGradientsAndOutputs(ph, List.of("ce", "logits"), names);
            long t3 = System.nanoTime();
            for (int i = 0; i < 50; i++) net.lossAndGradient(x, y);
            long t4 = System.nanoTime();
            System.out.printf("fwd %.2f ms, grads %.2f ms, grads+out %.2f ms, lossAndGradient %.2f ms%n",
                (t1 - t0) / 5e7, (t2 - t1) / 5e7, (t3 - t2) / 5e7, (t4 - t3) / 5e7);
        }
    }
}
