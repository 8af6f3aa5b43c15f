package org.lethe.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * Where a model came from: what was built, on which data, how, and how long it took. Stored as JSON
 * next to the weights, so a model file explains itself.
 *
 * @param spec the architecture
 * @param method how the model was made: {@code train}, {@code retrain}, or an unlearning method id
 * @param methodParams the method's parameters as JSON (an empty object for plain training)
 * @param datasetName e.g. "MNIST"
 * @param datasetSha256 the dataset's content hash
 * @param trainSubsetSha256 hash of the training indices the model saw (the retain set for a retrain)
 * @param trainSubsetSize number of those indices
 * @param forgetSpec the forget-set spec text, or null when nothing was forgotten
 * @param forgetSha256 hash of the forget indices, or null
 * @param training the training configuration, or null for models made by an unlearning method
 * @param history per-epoch statistics (empty when not trained epoch-wise)
 * @param seconds wall time of making this model
 * @param parentParamsSha256 hash of the parameters of the model this one was derived from, or null
 * @param createdAt ISO-8601 instant
 */
public record ModelProvenance(ModelSpec spec, String method, JsonNode methodParams, String datasetName,
        String datasetSha256, String trainSubsetSha256, int trainSubsetSize, String forgetSpec,
        String forgetSha256, TrainingConfig training, List<EpochStats> history, double seconds,
        String parentParamsSha256, String createdAt) {

    public ModelProvenance {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(datasetName, "datasetName");
        Objects.requireNonNull(datasetSha256, "datasetSha256");
        history = history == null ? List.of() : List.copyOf(history);
    }
}
