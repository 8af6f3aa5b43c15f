/**
 * The one loop that iterative unlearning methods share (fine-tune, gradient ascent, random labels,
 * boundary shrink, l1-sparse, SalUn, AMUN ...): a method supplies its batches per epoch and its
 * per-step gradient; the loop owns copying the original, the optimizer, masks, progress,
 * cancellation, timing and memory accounting.
 */
package org.lethe.engine.unlearning.loop;
