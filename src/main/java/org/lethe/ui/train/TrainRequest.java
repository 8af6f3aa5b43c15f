package org.lethe.ui.train;

import java.util.Objects;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.TrainingConfig;

/**
 * What the form describes: a network and how to train it.
 *
 * @param spec the network
 * @param config the recipe
 */
public record TrainRequest(ModelSpec spec, TrainingConfig config) {

    public TrainRequest {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(config, "config");
    }
}
