/**
 * DeltaGrad (Wu, Dobriban and Davidson, ICML 2020): fast, approximately exact retraining of a model
 * trained with plain mini-batch SGD, after samples are deleted from or added to its training set.
 *
 * <p><b>Training with a cache.</b> {@link org.lethe.engine.unlearning.deltagrad.CachedTraining} runs
 * plain SGD with coupled L2 ({@code w ← w − η(g + λw)}) in float64 over the same per-epoch
 * permutations {@link org.lethe.engine.model.Trainer} would draw, and keeps, for every iteration
 * {@code t}, the parameters {@code w_t} before the step and the batch's mean-loss gradient
 * {@code g_t} (without the {@code λw} term): a {@link org.lethe.engine.unlearning.deltagrad.TrainingCache}.
 *
 * <p><b>Updating.</b> A request ({@link org.lethe.engine.unlearning.deltagrad.UpdatePlan}: samples to
 * delete, samples to add, each added sample placed in one random batch per epoch) is served by
 * {@link org.lethe.engine.unlearning.deltagrad.DeltaGrad}, which re-walks the cached trajectory.
 * Every {@code T0}-th iteration (and the first {@code j0} after the trajectory starts to differ) is
 * exact: the new batch's gradient is computed at the new parameters, and the pair
 * {@code s = w^I_t − w_t}, {@code y = ∇F_{B_t}(w^I_t) − g_t + λs} is kept (the last {@code m}).
 * In between, the full batch's gradient is estimated from the cache with the L-BFGS compact
 * (Byrd–Nocedal–Schnabel) approximation of the Hessian, {@code ∇F_B(w^I_t) ≈ g_t + B_t(w^I_t − w_t)},
 * and only the few deleted or added samples of the batch get an exact gradient. Afterwards the cache
 * holds the new trajectory, so requests can follow one another.
 *
 * <p><b>Reference.</b> {@link org.lethe.engine.unlearning.deltagrad.SameOrderRetrain} is the exact
 * baseline DeltaGrad approximates and is judged against: the same initial parameters and the same
 * batches, minus the deleted and plus the added samples, emptied batches skipped.
 *
 * <p><b>Experiment.</b> {@link org.lethe.engine.unlearning.deltagrad.DeltaGradComparison} chooses a
 * request's samples, trains the cache and compares DeltaGrad with the retrain for one request; the
 * {@code lethe deltagrad} command and the {@code deltagrad-deletion} study both run it.
 *
 * <p>Only float64 logistic regression and MLP networks (no batch norm, no dropout) qualify: the
 * gradient must be a deterministic function of the parameters and the batch.
 */
package org.lethe.engine.unlearning.deltagrad;
