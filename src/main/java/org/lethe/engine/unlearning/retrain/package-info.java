/** Retraining from scratch without the forget set: the gold standard every method is judged against. */
package org.lethe.engine.unlearning.retrain;
