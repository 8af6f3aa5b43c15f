package org.lethe.engine.experiment.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.lethe.engine.LetheException;

/**
 * {@link TaskResult}s as JSON text. Doubles are written in their shortest exact form, so a result
 * read back holds the very same numbers.
 */
public final class TaskResults {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TaskResults() {
    }

    /** The result as one line of JSON. */
    public static String toJson(TaskResult result) {
        try {
            return JSON.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the result of " + result.task().id() + " as JSON", e);
        }
    }

    /**
     * Reads a result.
     *
     * @param where names the source in the error message (a file, a task)
     */
    public static TaskResult fromJson(String json, String where) {
        try {
            return JSON.readValue(json, TaskResult.class);
        } catch (JsonProcessingException e) {
            throw new LetheException(where + ": not a sweep task result: " + e.getOriginalMessage(), e);
        }
    }
}
