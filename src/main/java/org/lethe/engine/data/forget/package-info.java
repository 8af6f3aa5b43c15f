/**
 * Forget sets: which training samples a user wants the model to forget.
 *
 * <p>A {@link org.lethe.engine.data.forget.ForgetSetSpec} describes the set (whole classes, listed
 * samples, an index file, a seeded random draw, or a union of these) and has one text form, parsed
 * by {@link org.lethe.engine.data.forget.ForgetSetParser}, that the CLI and scenario files share
 * ({@code class:3+samples:12,45}). {@link org.lethe.engine.data.forget.ForgetSetResolver} turns a
 * spec, a dataset and a seed into a {@link org.lethe.engine.data.forget.ForgetSplit}: the forget
 * and retain {@link org.lethe.engine.data.IndexView}s over the training split.
 * {@link org.lethe.engine.data.forget.IndexListFile} imports and exports index lists. Mistakes in
 * a spec or a file raise {@link org.lethe.engine.data.forget.ForgetSetException}.
 */
package org.lethe.engine.data.forget;
