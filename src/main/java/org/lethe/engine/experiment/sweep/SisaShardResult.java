package org.lethe.engine.experiment.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;
import org.lethe.engine.LetheException;

/**
 * What a SISA shard task hands back to the driver (the shard itself stays in the store).
 *
 * @param shard the shard trained
 * @param file the shard file it wrote
 * @param paramsSha256 SHA-256 of the shard's final parameters
 * @param seconds training time of the shard
 * @param info where and how long the whole task ran
 */
public record SisaShardResult(int shard, String file, String paramsSha256, double seconds, TaskResult.TaskInfo info) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public SisaShardResult {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(paramsSha256, "paramsSha256");
        Objects.requireNonNull(info, "info");
    }

    /** The result as JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the result of SISA shard " + shard, e);
        }
    }

    /** Reads a result. */
    public static SisaShardResult fromJson(String json) {
        try {
            return JSON.readValue(json, SisaShardResult.class);
        } catch (JsonProcessingException e) {
            throw new LetheException("not a SISA shard result: " + e.getOriginalMessage(), e);
        }
    }
}
