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
 * @param baseline the same training on D_c alone (D_u never seen), or null when not requested
 */
public record ShareResult(double share, int unlearnableCount, int cleanCount, double testAccuracy,
                          double cleanAccuracy, double unlearnableAccuracy, double perturbedAccuracy,
                          double trainSeconds, Baseline baseline) {

    /**
     * A model trained like the others but on D_c only: what "D_u contributed nothing" looks like. At
     * share 0 it is the model of the row itself; at share 1 there is nothing to train on (all NaN).
     *
     * @param testAccuracy its accuracy on the clean test split
     * @param unlearnableAccuracy its accuracy on the clean originals of D_u, images it never saw
     * @param trainSeconds wall time of its training run (0 when reused or skipped)
     */
    public record Baseline(double testAccuracy, double unlearnableAccuracy, double trainSeconds) {
    }
}
