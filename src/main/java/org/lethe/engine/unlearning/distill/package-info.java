/**
 * "Influence distillation": a student learns the original model (the teacher) on the retain set by
 * matching its logits, while a bounded forget-set term pushes it away from the forget samples. The
 * forget term has two readings (weighted by the teacher's loss, or plain student ascent); see
 * docs/adr/0004-influence-distillation.md.
 */
package org.lethe.engine.unlearning.distill;
