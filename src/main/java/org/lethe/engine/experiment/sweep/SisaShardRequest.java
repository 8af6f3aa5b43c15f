package org.lethe.engine.experiment.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;
import org.lethe.engine.LetheException;

/**
 * One "train SISA shard k" task as JSON, for {@link SweepWorker#run}: where the data is (paths every
 * worker sees, the dataset's name and train limit, and its hash to check the worker found the same
 * data), where the sweep store is (it holds the ensemble's plan, {@link SisaShardSweep#PLAN_FILE},
 * and receives the shard's file), the shard, and the engine threads the task may use.
 *
 * @param type always {@link #TYPE}: tells {@link SweepWorker} this is not a scenario task
 * @param store the folder store's path
 * @param sampleDataDir the driver's sample-data folder
 * @param userDataDir the driver's user-data folder
 * @param dataset the dataset name or path
 * @param trainLimit the training images used (null: all)
 * @param datasetSha256 the hash of the dataset as the driver loaded it (after the train limit)
 * @param threads engine threads per task
 * @param shard the shard to train
 */
public record SisaShardRequest(String type, String store, String sampleDataDir, String userDataDir, String dataset,
        Integer trainLimit, String datasetSha256, int threads, int shard) {

    /** The {@code type} of these requests. */
    public static final String TYPE = "sisa-shard";

    private static final ObjectMapper JSON = new ObjectMapper();

    public SisaShardRequest {
        if (!TYPE.equals(type)) {
            throw new LetheException("not a SISA shard request: type is '" + type + "', expected '" + TYPE + "'");
        }
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(sampleDataDir, "sampleDataDir");
        Objects.requireNonNull(userDataDir, "userDataDir");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(datasetSha256, "datasetSha256");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        if (shard < 0) {
            throw new IllegalArgumentException("shard must be >= 0, was " + shard);
        }
    }

    /** The request as JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the request for SISA shard " + shard, e);
        }
    }

    /** Reads a request. */
    public static SisaShardRequest fromJson(String json) {
        try {
            return JSON.readValue(json, SisaShardRequest.class);
        } catch (JsonProcessingException e) {
            throw new LetheException("not a SISA shard request: " + e.getOriginalMessage(), e);
        }
    }

    /** Whether {@code json} is a request of this type (and not a scenario task's). */
    static boolean isOne(String json) {
        try {
            JsonNode tree = JSON.readTree(json);
            return tree != null && TYPE.equals(tree.path("type").asText());
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** What two requests must share to be served by the same worker state (everything but the shard). */
    String sessionKey() {
        return String.join("\n", store, sampleDataDir, userDataDir, dataset, String.valueOf(trainLimit), datasetSha256,
                String.valueOf(threads));
    }
}
