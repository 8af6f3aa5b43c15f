package org.lethe.engine.model.bench;

import java.util.*;
import org.nd4j.autodiff.samediff.*;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.*;
import org.nd4j.linalg.factory.Nd4j;

/** One conv layer fwd+bwd through SameDiff: standard conv2d vs im2col+matmul with stopped input gradient. */
public final class ConvProbe {
    public static void main(String[] a) {
        int[][] layers = {{1, 20, 28}, {20, 50, 12}};
        if (a.length > 0) Nd4j.getEnvironment().allowHelpers(Boolean.parseBoolean(a[0]));
        System.out.println("helpers " + Nd4j.getEnvironment().helpersAllowed());
        for (int[] L : layers) {
            int ic = L[0], oc = L[1], hw = L[2], o = hw - 4;
            for (String mode : new String[]{"conv2d-nchw", "im2col-bmm", "im2col-only"}) {
                SameDiff sd = SameDiff.create();
                boolean nhwc = mode.equals("conv2d-nhwc");
                SDVariable x = sd.placeHolder("x", DataType.FLOAT, nhwc ? new long[]{-1, hw, hw, ic} : new long[]{-1, ic, hw, hw});
                SDVariable out;
                if (mode.startsWith("conv2d")) {
                    SDVariable w = sd.var("w", Nd4j.rand(DataType.FLOAT, 5, 5, ic, oc));
                    SDVariable b = sd.var("b", Nd4j.zeros(DataType.FLOAT, oc));
                    out = sd.cnn().conv2d(x, w, b, Conv2DConfig.builder().kH(5).kW(5).sH(1).sW(1).dH(1).dW(1)
                        .paddingMode(PaddingMode.VALID).dataFormat(nhwc ? "NHWC" : "NCHW").weightsFormat(WeightsFormat.YXIO).build());
                } else if (mode.equals("im2col-bmm") || mode.equals("im2col-only")) {
                    SDVariable w = sd.var("w", Nd4j.rand(DataType.FLOAT, 1, oc, ic * 25));
                    SDVariable b = sd.var("b", Nd4j.zeros(DataType.FLOAT, 1, oc, 1));
                    SDVariable cols = sd.cnn().im2Col(x, Conv2DConfig.builder().kH(5).kW(5).sH(1).sW(1).dH(1).dW(1)
                        .paddingMode(PaddingMode.VALID).build());
                    cols = new org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient(sd, sd.reshape(cols, -1, ic * 25, o * o)).outputVariable();
                    if (mode.equals("im2col-only")) {
                        out = cols.mul(w.get(org.nd4j.autodiff.samediff.SDIndex.point(0)).sum().add(b.sum()));
                    } else {
                    SDVariable n = sd.sizeAt(x, 0);
                    SDVariable wb = sd.tile(w, sd.concat(0, sd.expandDims(sd.castTo(n, DataType.LONG), 0), sd.constant(Nd4j.createFromArray(1L, 1L))));
                    out = sd.mmul(wb, cols).add(b);
                    }
                } else {
                    SDVariable w = sd.var("w", Nd4j.rand(DataType.FLOAT, oc, ic * 25));
                    SDVariable b = sd.var("b", Nd4j.zeros(DataType.FLOAT, 1, oc, 1));
                    SDVariable cols = sd.cnn().im2Col(x, Conv2DConfig.builder().kH(5).kW(5).sH(1).sW(1).dH(1).dW(1)
                        .paddingMode(PaddingMode.VALID).build()); // [b, ic, 5, 5, o, o]
                    cols = sd.reshape(cols, -1, ic * 25, o * o);
                    if (mode.equals("im2col-stop")) cols = new org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient(sd, cols).outputVariable();
                    out = sd.mmul(w, cols.permute(1, 0, 2).reshape(ic * 25, -1));  // [oc, b*o*o]
                    out = out.reshape(oc, -1, o * o).permute(1, 0, 2).add(b);
                }
                SDVariable loss = sd.sum(out.mul(out));
                sd.setLossVariables(loss);
                INDArray xin = Nd4j.rand(DataType.FLOAT, nhwc ? new long[]{64, hw, hw, ic} : new long[]{64, ic, hw, hw});
                for (int rep = 0; rep < 3; rep++) {
                    long t0 = System.nanoTime();
                    for (int i = 0; i < 20; i++) sd.output(Map.of("x", xin), out.name());
                    long t1 = System.nanoTime();
                    for (int i = 0; i < 20; i++) sd.calculateGradients(Map.of("x", xin), "w", "b");
                    long t2 = System.nanoTime();
                    if (rep == 2) System.out.printf("layer %d->%d %s: fwd %.2f ms, fwd+bwd %.2f ms%n", ic, oc, mode, (t1 - t0) / 2e7, (t2 - t1) / 2e7);
                }
            }
        }
    }
}
