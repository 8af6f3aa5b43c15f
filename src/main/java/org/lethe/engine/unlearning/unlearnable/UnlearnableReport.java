package org.lethe.engine.unlearning.unlearnable;

import java.util.List;
import java.util.Objects;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.TrainingConfig;

/**
 * The result of an {@link UnlearnableExperiment}: how the noise was made and, per share of
 * unlearnable data, what the trained model learnt.
 *
 * @param datasetName the dataset's display name
 * @param datasetSha256 the dataset's content hash
 * @param model the architecture of the noise-generation model and of every trained model
 * @param params the noise settings
 * @param training how each model was trained
 * @param randomNoise whether uniform random noise of the same radius replaced the min-min noise
 *                    (the paper's control)
 * @param noise summary of the noise search
 * @param shares one result per requested share, in the order requested
 */
public record UnlearnableReport(String datasetName, String datasetSha256, ModelSpec model, UnlearnableParams params,
                                TrainingConfig training, boolean randomNoise, NoiseSummary noise,
                                List<ShareResult> shares) {

    public UnlearnableReport {
        Objects.requireNonNull(noise, "noise");
        shares = List.copyOf(shares);
    }

    /**
     * How the noise search went (all zeros and NaN for random noise, which needs no search).
     *
     * @param samples images the noise was made for (the whole training split)
     * @param iterations rounds of (model training steps, noise pass)
     * @param modelSteps training steps of the noise-generation model
     * @param reachedStop whether the stop accuracy was reached before the iteration cap
     * @param accuracy accuracy of the noise-generation model on the perturbed samples at the end
     * @param loss its mean loss there
     * @param maxAbs largest absolute noise value
     * @param meanAbs mean absolute noise value
     * @param seconds wall time of the search
     */
    public record NoiseSummary(int samples, int iterations, long modelSteps, boolean reachedStop, double accuracy,
                               double loss, double maxAbs, double meanAbs, double seconds) {
    }
}
