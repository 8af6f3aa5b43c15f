package org.lethe.engine.session;

import java.time.Instant;
import java.util.Objects;
import org.lethe.engine.evaluation.ModelMetrics;

/**
 * One entry of the experiments history as a session stores it: a training of the original or an
 * unlearning run, with its parameters, seed, time and metrics.
 *
 * @param finished when the run ended
 * @param kind what ran
 * @param label the name shown in charts and tables
 * @param methodId registry id, or the architecture id for training runs
 * @param paramsJson the parameters as a JSON object
 * @param seed the run's seed
 * @param seconds wall time
 * @param dataset the dataset's display name
 * @param forgetCount size of the forget set (0 for training runs)
 * @param metrics the model's numbers on the comparison splits (null for training runs)
 */
public record SessionRun(Instant finished, Kind kind, String label, String methodId, String paramsJson, long seed,
        double seconds, String dataset, int forgetCount, ModelMetrics metrics) {

    /** What a run did. */
    public enum Kind { TRAIN, UNLEARN }

    public SessionRun {
        Objects.requireNonNull(finished, "finished");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(methodId, "methodId");
        Objects.requireNonNull(paramsJson, "paramsJson");
        Objects.requireNonNull(dataset, "dataset");
        if (forgetCount < 0) {
            throw new IllegalArgumentException("forgetCount must not be negative, was " + forgetCount);
        }
    }
}
