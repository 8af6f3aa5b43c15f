package org.lethe.engine.model;

import java.util.List;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A speed-up for training networks whose first layer is a valid convolution (LeNet).
 *
 * <p>SameDiff's convolution backward op always computes the gradient with respect to its input as
 * well; for the first layer that gradient is never needed by training, and with oneDNN it is the
 * single most expensive op of a LeNet step (about half of the backward pass). The split runs the
 * first convolution as a plain op, feeds its output to a second graph (the "tail", identical to the
 * full graph after that convolution) and computes the first layer's weight gradient itself: it is a
 * correlation of the input with the output gradient, which is again a valid convolution, with the
 * batch playing the role of the channels:
 * {@code dW[kh,kw,i,o] = sum_{b,y,x} in[b,i,y+kh,x+kw] · dOut[b,o,y,x]}.
 *
 * <p>The full graph stays in use for inference and input gradients; both graphs hold the same
 * parameter values.
 */
final class FirstConvSplit {

    /** Geometry of the first convolution (stride 1, no padding, YXIO weights). */
    record Conv(long in, long out, int k, long outH, long outW) {
    }

    private final SameDiff tail;
    private final Conv conv;
    private final List<String> tailParamNames;
    private final Conv2DConfig forward;
    private final Conv2DConfig weightGradient;

    FirstConvSplit(SameDiff tail, Conv conv, List<String> tailParamNames) {
        this.tail = tail;
        this.conv = conv;
        this.tailParamNames = List.copyOf(tailParamNames);
        this.forward = Conv2DConfig.builder().kH(conv.k()).kW(conv.k()).sH(1).sW(1).dH(1).dW(1)
                .paddingMode(PaddingMode.VALID).dataFormat("NCHW").weightsFormat(WeightsFormat.YXIO).build();
        this.weightGradient = Conv2DConfig.builder().kH(conv.outH()).kW(conv.outW()).sH(1).sW(1).dH(1).dW(1)
                .paddingMode(PaddingMode.VALID).dataFormat("NCHW").weightsFormat(WeightsFormat.YXIO).build();
    }

    SameDiff tail() {
        return tail;
    }

    /** Names of the tail graph's parameters (all but the first layer's), in flat order. */
    List<String> tailParamNames() {
        return tailParamNames;
    }

    /** The first convolution's pre-activation output {@code [b, out, outH, outW]}. */
    INDArray firstOutput(INDArray images, INDArray weight, INDArray bias) {
        return Nd4j.cnn().conv2d(images, weight, bias, forward);
    }

    /** dLoss/dW {@code [k, k, in, out]} from the input images and dLoss/dOut. */
    INDArray weightGradient(INDArray images, INDArray outGrad) {
        INDArray channelsFirst = images.permute(1, 0, 2, 3).dup('c');      // [in, b, H, W]
        INDArray kernel = outGrad.permute(2, 3, 0, 1).dup('c');            // [outH, outW, b, out]
        INDArray corr = Nd4j.cnn().conv2d(channelsFirst, kernel, weightGradient); // [in, out, k, k]
        INDArray result = corr.permute(2, 3, 0, 1).dup('c');               // [k, k, in, out]
        // free the large temporaries now instead of waiting for the garbage collector
        Release.all(channelsFirst, kernel, corr);
        return result;
    }

    /** dLoss/db {@code [out]}. */
    INDArray biasGradient(INDArray outGrad) {
        return outGrad.sum(0, 2, 3);
    }

    Conv conv() {
        return conv;
    }
}
