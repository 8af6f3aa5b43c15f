package org.lethe.engine.experiment.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;
import org.lethe.engine.LetheException;
import org.lethe.engine.experiment.Scenario;

/**
 * Everything a remote worker needs to run one task, as JSON text: the scenario itself, where the
 * data and the store are (paths every worker sees), the dataset's hash to check it found the same
 * data, and how many engine threads one task may use.
 *
 * @param scenario the scenario
 * @param store the folder store's path
 * @param sampleDataDir the driver's sample-data folder
 * @param userDataDir the driver's user-data folder
 * @param datasetSha256 the hash of the dataset as the driver loaded it (after {@code trainLimit})
 * @param threads engine threads per task
 * @param task the task
 */
public record SweepRequest(Scenario scenario, String store, String sampleDataDir, String userDataDir,
        String datasetSha256, int threads, SweepTask task) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public SweepRequest {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(sampleDataDir, "sampleDataDir");
        Objects.requireNonNull(userDataDir, "userDataDir");
        Objects.requireNonNull(datasetSha256, "datasetSha256");
        Objects.requireNonNull(task, "task");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
    }

    /** The request as JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the request for " + task.id(), e);
        }
    }

    /** Reads a request. */
    public static SweepRequest fromJson(String json) {
        try {
            return JSON.readValue(json, SweepRequest.class);
        } catch (JsonProcessingException e) {
            throw new LetheException("not a sweep task request: " + e.getOriginalMessage(), e);
        }
    }

    /** What two requests must share to be served by the same worker state (everything but the task). */
    String sessionKey() {
        return JSON.valueToTree(new SweepRequest(scenario, store, sampleDataDir, userDataDir, datasetSha256, threads,
                SweepTask.trainOriginal(0))).toString();
    }
}
