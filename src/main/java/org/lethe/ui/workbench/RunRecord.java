package org.lethe.ui.workbench;

import java.time.Instant;
import java.util.Objects;
import org.lethe.engine.evaluation.ModelMetrics;

/**
 * One finished run in the experiments history: a training of the original model or an unlearning
 * run, with what it was given and what it measured.
 *
 * @param finished when the run ended
 * @param kind what ran
 * @param label the name shown in charts and tables
 * @param methodId registry id, or the architecture id for training runs
 * @param paramsJson the parameters as JSON (method parameters, or model spec and training config)
 * @param seed the run's seed
 * @param seconds wall time
 * @param dataset the dataset's name
 * @param forgetCount size of the forget set (0 for training runs)
 * @param metrics the model's numbers on the comparison splits (null for training runs)
 */
public record RunRecord(Instant finished, Kind kind, String label, String methodId, String paramsJson, long seed,
        double seconds, String dataset, int forgetCount, ModelMetrics metrics) {

    /** What a run did. */
    public enum Kind { TRAIN, UNLEARN }

    public RunRecord {
        Objects.requireNonNull(finished, "finished");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(methodId, "methodId");
        Objects.requireNonNull(paramsJson, "paramsJson");
        Objects.requireNonNull(dataset, "dataset");
    }
}
