package org.lethe.engine.model;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A classifier network as every training and unlearning method sees it. Implementations are built
 * only by {@link ModelFactory}; which DL4J API computes the numbers is hidden behind this interface.
 *
 * <h2>Inputs</h2>
 * Features are a batch of images in the network's {@link ModelSpec#precision() precision} or any
 * other floating type (converted), shaped either {@code [b, c*h*w]} (each row one image in
 * channel-major order, exactly what {@link org.lethe.engine.data.ImageSplit#copyImageScaled} writes)
 * or {@code [b, c, h, w]}. Methods returning something shaped like the input (input gradients) use
 * the caller's shape. Labels are class indices in {@code [0, numClasses)}; targets are
 * {@code [b, numClasses]} rows of (soft) class probabilities.
 *
 * <h2>Parameters</h2>
 * All trainable parameters form one flat vector of {@link #numParams()} entries in the fixed order of
 * {@link #paramLayout()}: layers from input to output, for each layer its weight then its bias, each
 * array flattened in row-major (C) order (dense weights {@code [in, out]}, convolution weights
 * {@code [kH, kW, in, out]}). {@link #params()}, {@link #setParams}, every gradient and every mask or
 * delta a method builds use this order.
 *
 * <h2>Losses</h2>
 * The built-in loss is softmax cross-entropy averaged over the batch. Any other loss that is a
 * function of the logits (distillation, KL to a teacher, a negated loss, label smoothing) goes through
 * {@link #gradientFromLogitGrad}: the caller computes dLoss/dlogits and the network back-propagates it.
 *
 * <h2>Training and evaluation mode</h2>
 * Networks start in evaluation mode. Only networks with batch normalisation behave differently in
 * training mode ({@link #setTraining}): every forward computation then normalises with the batch's
 * own statistics, and the two gradient calls that correspond to an optimisation step,
 * {@link #lossAndGradient} and {@link #gradientFromLogitGrad}, also update the running statistics
 * (momentum 0.1, unbiased variance, as PyTorch). The running statistics are buffers, not parameters:
 * see {@link #buffers()}. Other networks ignore the mode and have no buffers.
 *
 * <h2>Threads</h2>
 * Implementations are safe to call from several threads (calls are serialised), but a
 * {@link #copy()} per thread is faster.
 *
 * <p>No method changes the parameters except {@link #setParams}; no method changes the buffers
 * except {@link #setBuffers} and, in training mode, the two gradient calls named above.
 */
public interface Network {

    /** The spec the network was built from. */
    ModelSpec spec();

    /** Number of trainable parameters (length of the flat vector). */
    long numParams();

    /** Where each parameter array lies in the flat vector, in flat order. */
    List<ParamBlock> paramLayout();

    /** A copy of all parameters as a flat vector {@code [numParams]} in the network's precision. */
    INDArray params();

    /**
     * Replaces all parameters (copied from {@code flat}).
     *
     * @param flat a vector of {@link #numParams()} values in flat order, any floating type
     * @throws IllegalArgumentException if the length does not match
     */
    void setParams(INDArray flat);

    /** Whether the network is in training mode (see the class comment). */
    boolean isTraining();

    /** Switches between training and evaluation mode. */
    void setTraining(boolean training);

    /**
     * A copy of the non-trainable state (batch-norm running means and variances, per layer mean
     * then variance) as a flat vector; empty for networks without such state.
     */
    INDArray buffers();

    /** Replaces the non-trainable state (copied), laid out as {@link #buffers()}. */
    void setBuffers(INDArray flat);

    /** The logits {@code [b, numClasses]} for a batch of features. */
    INDArray logits(INDArray features);

    /** The softmax probabilities {@code [b, numClasses]} for a batch of features. */
    INDArray probabilities(INDArray features);

    /**
     * The mean cross-entropy of a batch with hard labels and the flat gradient of that mean with
     * respect to the parameters.
     */
    LossAndGradient lossAndGradient(INDArray features, int[] labels);

    /**
     * The mean cross-entropy {@code -1/b sum_i sum_k t_ik log softmax(z_i)_k} of a batch with target
     * distributions (one-hot or soft) and its flat parameter gradient.
     *
     * @param targets {@code [b, numClasses]}
     */
    LossAndGradient lossAndGradient(INDArray features, INDArray targets);

    /**
     * The flat parameter gradient of a loss that the caller defined on the logits: given
     * {@code logitGrad = dL/dz} ({@code [b, numClasses]}), returns {@code dL/dθ = sum_ik
     * logitGrad_ik dz_ik/dθ}. Scaling (e.g. 1/b for a mean) is the caller's: it is in
     * {@code logitGrad}.
     */
    INDArray gradientFromLogitGrad(INDArray features, INDArray logitGrad);

    /**
     * The gradient of the summed (not averaged) per-sample cross-entropy with respect to the input,
     * shaped like {@code features}; row i is the gradient of sample i's own loss. Parameters are not
     * touched.
     */
    INDArray inputGradient(INDArray features, int[] labels);

    /**
     * {@link #inputGradient} and the {@link #logits} at the same features, from one forward pass
     * where the implementation can (the default makes the two calls).
     */
    default InputGradient inputGradientWithLogits(INDArray features, int[] labels) {
        return new InputGradient(logits(features), inputGradient(features, labels));
    }

    /**
     * The input gradient of a loss the caller defined on the logits: {@code sum_ik logitGrad_ik
     * dz_ik/dx}, shaped like {@code features}.
     */
    INDArray inputGradientFromLogitGrad(INDArray features, INDArray logitGrad);

    /** The cross-entropy of each sample, {@code -log softmax(z_i)_{y_i}}, computed stably from the logits. */
    double[] perSampleLoss(INDArray features, int[] labels);

    /** A deep, independent copy (same spec, parameters, buffers and mode; no shared arrays). */
    Network copy();
}
