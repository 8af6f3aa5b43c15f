/**
 * Unlearning methods: each implements {@link org.lethe.engine.unlearning.UnlearningMethod} with a
 * validated parameter record, lives in its own sub-package, and is listed once in the
 * {@link org.lethe.engine.unlearning.MethodRegistry} that the GUI, the CLI and scenario files share.
 * Iterative methods share one loop ({@code loop} package) and supply only their batches and their
 * per-step gradient.
 */
package org.lethe.engine.unlearning;
