package org.lethe.engine.model.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Updates a flat parameter vector in place from a flat gradient, with PyTorch's semantics. State
 * (momentum, moment estimates, step count) lives in the optimizer and is tied to one parameter
 * vector length.
 */
public interface Optimizer {

    /**
     * One update of every parameter: {@code params} is changed in place.
     *
     * @param params flat parameter vector (rank 1 or {@code [1, n]}), any floating type
     * @param grad flat gradient of the same length
     * @param lr learning rate of this step
     */
    default void step(INDArray params, INDArray grad, double lr) {
        step(params, grad, lr, null);
    }

    /**
     * One update restricted to a mask: entries where {@code mask} is 0 get no update, no weight decay
     * and no change of their optimizer state, so they stay bit-identical; a {@code null} mask means all
     * entries.
     */
    void step(INDArray params, INDArray grad, double lr, INDArray mask);

    /** Number of steps taken since creation or the last {@link #reset()}. */
    long steps();

    /** Forgets all state, as if newly created. */
    void reset();

    /** An independent copy with the same settings and state. */
    Optimizer copy();

    /** A copy of the optimizer's state (step count and buffers). */
    OptimizerState state();

    /**
     * Replaces the optimizer's state with {@code state} (as taken by {@link #state()} from an
     * optimizer of the same kind); takes effect at the next step.
     */
    void restore(OptimizerState state);
}
