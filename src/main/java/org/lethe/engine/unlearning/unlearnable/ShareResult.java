package org.lethe.engine.unlearning.unlearnable;

/**
 * What a model trained on D_u (perturbed) ∪ D_c (clean) learnt, for one share of unlearnable data.
 * Accuracies are in [0, 1]; an accuracy over an empty set is NaN.
 *
 * @param share requested share of the training split made unlearnable
 * @param unlearnableCount |D_u|
 * @param cleanCount |D_c|
 * @param testAccuracy accuracy on the clean test split
 * @param cleanAccuracy accuracy on D_c (clean training images)
 * @param unlearnableAccuracy accuracy on the clean originals of D_u: what the model learnt about the
 *                            protected images themselves
 * @param perturbedAccuracy accuracy on D_u as trained on (with noise)
 * @param trainSeconds wall time of the training run
 */
public record ShareResult(double share, int unlearnableCount, int cleanCount, double testAccuracy,
                          double cleanAccuracy, double unlearnableAccuracy, double perturbedAccuracy,
                          double trainSeconds) {
}
