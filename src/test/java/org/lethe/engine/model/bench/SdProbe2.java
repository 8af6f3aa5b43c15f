package org.lethe.engine.model.bench;

import java.util.*;
import org.nd4j.autodiff.samediff.*;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.*;
import org.nd4j.linalg.factory.Nd4j;

public final class SdProbe2 {
    static SDVariable conv(SameDiff sd, SDVariable x, int in, int out, WeightsFormat wf, String n) {
        long[] shape = wf == WeightsFormat.YXIO ? new long[]{5,5,in,out} : new long[]{out,in,5,5};
        SDVariable w = sd.var(n + "W", Nd4j.rand(DataType.FLOAT, shape).subi(0.5).muli(0.1));
        SDVariable b = sd.var(n + "b", Nd4j.zeros(DataType.FLOAT, out));
        Conv2DConfig c = Conv2DConfig.builder().kH(5).kW(5).sH(1).sW(1).dH(1).dW(1).paddingMode(PaddingMode.VALID)
            .dataFormat("NCHW").weightsFormat(wf).build();
        return sd.nn().relu(sd.cnn().conv2d(x, w, b, c), 0);
    }
    static SDVariable pool(SameDiff sd, SDVariable x) {
        return sd.cnn().maxPooling2d(x, Pooling2DConfig.builder().kH(2).kW(2).sH(2).sW(2).dH(1).dW(1)
            .type(Pooling2D.Pooling2DType.MAX).paddingMode(PaddingMode.VALID).isNHWC(false).build());
    }
    public static void main(String[] a) {
        for (WeightsFormat wf : new WeightsFormat[]{WeightsFormat.YXIO, WeightsFormat.OIYX}) {
            for (boolean flatIn : new boolean[]{true, false}) {
                SameDiff sd = SameDiff.create();
                SDVariable in = flatIn ? sd.placeHolder("input", DataType.FLOAT, -1, 784) : sd.placeHolder("input", DataType.FLOAT, -1, 1, 28, 28);
                SDVariable x = flatIn ? sd.reshape(in, -1, 1, 28, 28) : in;
                x = pool(sd, conv(sd, x, 1, 20, wf, "c1"));
                x = pool(sd, conv(sd, x, 20, 50, wf, "c2"));
                x = sd.reshape(x, -1, 800);
                SDVariable w3 = sd.var("w3", Nd4j.rand(DataType.FLOAT, 800, 500).subi(0.5).muli(0.05));
                SDVariable b3 = sd.var("b3", Nd4j.zeros(DataType.FLOAT, 500));
                x = sd.nn().relu(x.mmul(w3).add(b3), 0);
                SDVariable w4 = sd.var("w4", Nd4j.rand(DataType.FLOAT, 500, 10).subi(0.5).muli(0.05));
                SDVariable lg = sd.identity("logits", x.mmul(w4));
                SDVariable loss = sd.sum(lg.mul(lg));
                sd.setLossVariables(loss);
                List<String> names = List.of("c1W","c1b","c2W","c2b","w3","b3","w4");
                INDArray xin = Nd4j.rand(DataType.FLOAT, flatIn ? new long[]{64, 784} : new long[]{64, 1, 28, 28});
                for (int rep = 0; rep < 3; rep++) {
                    long t0 = System.nanoTime();
                    for (int i = 0; i < 50; i++) sd.output(Map.of("input", xin), "logits");
                    long t1 = System.nanoTime();
                    for (int i = 0; i < 20; i++) sd.calculateGradients(Map.of("input", xin), names);
                    System.out.printf("%s flatIn=%s fwd %.2f ms grad %.2f ms%n", wf, flatIn, (t1 - t0) / 5e7, (System.nanoTime() - t1) / 2e7);
                }
            }
        }
        // raw op: conv2d via Nd4j exec
        INDArray xin = Nd4j.rand(DataType.FLOAT, 64, 20, 12, 12);
        INDArray w = Nd4j.rand(DataType.FLOAT, 5, 5, 20, 50);
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 50; i++) Nd4j.cnn().conv2d(xin, w, Conv2DConfig.builder().kH(5).kW(5).sH(1).sW(1).dH(1).dW(1).paddingMode(PaddingMode.VALID).dataFormat("NCHW").weightsFormat(WeightsFormat.YXIO).build());
            System.out.printf("raw conv2 %.2f ms%n", (System.nanoTime() - t0) / 5e7);
        }
    }
}
