/**
 * Amnesiac unlearning (Graves, Nagisetty and Ganesh, AAAI 2021) and a per-sample variant.
 *
 * <p><b>Batch amnesiac.</b> While the original model trains, {@link
 * org.lethe.engine.unlearning.amnesiac.AmnesiacRecorder} (a {@link org.lethe.engine.model.BatchHook})
 * keeps the parameter update {@code Δθ_b = θ_after − θ_before} of every batch that holds at least one
 * candidate sample. {@link org.lethe.engine.unlearning.amnesiac.AmnesiacUnlearning} then removes a
 * forget set by subtracting the updates of all recorded batches that held one of its samples,
 * {@code θ' = θ_M − Σ Δθ_b}, optionally followed by a short repair fine-tune on the retain set. This
 * is not the same as retraining, because later steps were taken from parameters that already
 * contained the undone updates; it is exact only when nothing came after them (one batch).
 *
 * <p><b>Per-sample amnesiac.</b> {@link org.lethe.engine.unlearning.amnesiac.PerSampleRecorder} keeps
 * one accumulated contribution per candidate sample instead, {@code c_i = Σ_t (η_t/|B_t|) g_i(θ_t)}
 * over the steps whose batch held sample {@code i}; {@link
 * org.lethe.engine.unlearning.amnesiac.PerSampleUnlearning} forgets by {@code θ' = θ_M + Σ_{i∈F} c_i},
 * which undoes only the forget samples' own share of each step and leaves the retained batch-mates'
 * shares in place. The contributions of one batch add up to that batch's update exactly when the
 * optimizer is plain SGD without momentum (see {@link
 * org.lethe.engine.unlearning.amnesiac.PerSampleRecorder} for why, and for weight decay).
 *
 * <p>{@link org.lethe.engine.unlearning.amnesiac.AmnesiacComparison} trains once with both recorders,
 * retrains in the same order and undoes a sensitive set both ways; the {@code lethe amnesiac} command
 * and the {@code amnesiac-memory} study both run it.
 *
 * <p>Neither recorder reverts batch-norm running statistics (the reference code does not either).
 */
package org.lethe.engine.unlearning.amnesiac;
