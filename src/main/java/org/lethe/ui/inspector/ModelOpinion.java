package org.lethe.ui.inspector;

import java.util.Objects;

/**
 * What one model says about the inspected image.
 *
 * @param model the model's label
 * @param probabilities softmax probability of each class (copied)
 * @param predicted the most probable class
 * @param loss cross-entropy of the true label (nats)
 * @param trueClassConfidence probability of the true label: the score membership attacks use
 * @param member the membership attack's call (true: "was trained on"), null while it is being
 *     fitted or when there is no comparison to fit it on
 * @param computed true when this model's output was computed for the inspector (the sample is not
 *     among the comparison's evaluated samples), false when it comes from the comparison
 */
public record ModelOpinion(String model, float[] probabilities, int predicted, double loss,
        double trueClassConfidence, Boolean member, boolean computed) {

    public ModelOpinion {
        Objects.requireNonNull(model, "model");
        probabilities = Objects.requireNonNull(probabilities, "probabilities").clone();
    }

    @Override
    public float[] probabilities() {
        return probabilities.clone();
    }

    /** Probability of class {@code k}. */
    public float probability(int k) {
        return probabilities[k];
    }

    /** The same opinion with the attack's call. */
    public ModelOpinion withMember(Boolean call) {
        return new ModelOpinion(model, probabilities, predicted, loss, trueClassConfidence, call, computed);
    }
}
