package org.lethe.engine.unlearning.unlearnable;

import java.util.List;
import java.util.Objects;
import org.lethe.engine.model.Network;

/**
 * The outcome of {@link MinMinNoise#generate}: the noise, the noise-generation model it was fitted
 * against, and how the search went.
 *
 * @param noise the error-minimising noise
 * @param network the noise-generation model after its last training step
 * @param params the settings used
 * @param iterations rounds of (training steps, noise pass) run
 * @param modelSteps training steps of the noise-generation model in total
 * @param reachedStop whether the model's accuracy on the perturbed samples reached
 *                    {@link UnlearnableParams#stopAccuracy()} (false: stopped at maxIterations)
 * @param rounds accuracy and loss on the perturbed samples after each round
 * @param seconds wall time
 */
public record NoiseGeneration(UnlearnableNoise noise, Network network, UnlearnableParams params, int iterations,
                              long modelSteps, boolean reachedStop, List<Round> rounds, double seconds) {

    public NoiseGeneration {
        Objects.requireNonNull(noise, "noise");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(params, "params");
        rounds = List.copyOf(rounds);
    }

    /** The score on the perturbed samples after the last round. */
    public PerturbedScore finalScore() {
        return rounds.isEmpty() ? new PerturbedScore(Double.NaN, Double.NaN, 0) : rounds.get(rounds.size() - 1).score();
    }

    /**
     * One round of the search.
     *
     * @param iteration 1-based round number
     * @param score accuracy and mean loss of the noise-generation model on the perturbed samples
     *              (the class-wise subset for class-wise noise) after the round's noise pass
     */
    public record Round(int iteration, PerturbedScore score) {
    }
}
