package org.lethe.engine.model.bench;

import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.*;
import org.nd4j.linalg.factory.Nd4j;

/** conv1 weight gradient computed as a forward convolution (batch as channels). */
public final class WgradProbe {
    public static void main(String[] a) {
        INDArray x = Nd4j.rand(DataType.FLOAT, 64, 1, 28, 28);
        INDArray dh = Nd4j.rand(DataType.FLOAT, 64, 20, 24, 24);
        Conv2DConfig c = Conv2DConfig.builder().kH(24).kW(24).sH(1).sW(1).dH(1).dW(1).paddingMode(PaddingMode.VALID)
            .dataFormat("NCHW").weightsFormat(WeightsFormat.YXIO).build();
        INDArray ref = null;
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            INDArray out = null;
            for (int i = 0; i < 20; i++) {
                INDArray xt = x.reshape(1, 64, 28, 28);
                INDArray k = dh.permute(2, 3, 0, 1).dup('c');     // [24,24,64,20]
                out = Nd4j.cnn().conv2d(xt, k, c);                 // [1,20,5,5]
            }
            long t1 = System.nanoTime();
            // reference: direct sum for one entry
            double s = 0;
            for (int b = 0; b < 64; b++) for (int i = 0; i < 24; i++) for (int j = 0; j < 24; j++)
                s += x.getDouble(b, 0, i + 2, j + 3) * dh.getDouble(b, 7, i, j);
            System.out.printf("wgrad-as-conv %.2f ms; check %.5f vs %.5f%n", (t1 - t0) / 2e7, out.getDouble(0, 7, 2, 3), s);
            long t2 = System.nanoTime();
            for (int i = 0; i < 20; i++) dh.permute(2, 3, 0, 1).dup('c');
            System.out.printf("  permute alone %.2f ms%n", (System.nanoTime() - t2) / 2e7);
        }
    }
}
