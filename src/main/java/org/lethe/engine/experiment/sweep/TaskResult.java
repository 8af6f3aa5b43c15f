package org.lethe.engine.experiment.sweep;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Objects;
import org.lethe.engine.evaluation.ModelMetrics;
import org.lethe.engine.experiment.ScenarioReport;

/**
 * What one task hands back to the driver: small numbers only, never a model (models stay in the
 * {@link SweepStore}). Results travel as JSON ({@link TaskResults}), so no engine type needs Java
 * serialisation to cross a process boundary.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = TaskResult.OriginalTrained.class, name = "original"),
        @JsonSubTypes.Type(value = TaskResult.ReferenceTrained.class, name = "reference"),
        @JsonSubTypes.Type(value = TaskResult.Retrained.class, name = "retrained"),
        @JsonSubTypes.Type(value = TaskResult.MethodRun.class, name = "method")})
public sealed interface TaskResult {

    /** The task this is the result of. */
    SweepTask task();

    /** Where and how long the task ran. */
    TaskInfo info();

    /**
     * Where a task ran and how long it took from start to end, loading included.
     *
     * @param worker the worker's name (host and thread)
     * @param wallSeconds wall time of the whole task
     */
    record TaskInfo(String worker, double wallSeconds) {

        public TaskInfo {
            Objects.requireNonNull(worker, "worker");
        }
    }

    /**
     * A trained original.
     *
     * @param task the task
     * @param info where and how long
     * @param seconds training time, as the report shows it
     * @param paramsSha256 the stored model's parameter hash
     */
    record OriginalTrained(SweepTask task, TaskInfo info, double seconds, String paramsSha256) implements TaskResult {

        public OriginalTrained {
            Objects.requireNonNull(task, "task");
            Objects.requireNonNull(info, "info");
        }
    }

    /**
     * A trained RMIA reference model.
     *
     * @param task the task
     * @param info where and how long
     * @param seconds training time
     * @param paramsSha256 the stored model's parameter hash
     */
    record ReferenceTrained(SweepTask task, TaskInfo info, double seconds, String paramsSha256)
            implements TaskResult {

        public ReferenceTrained {
            Objects.requireNonNull(task, "task");
            Objects.requireNonNull(info, "info");
        }
    }

    /**
     * A retrained model with the metrics of it and of its original on the seed's splits.
     *
     * @param task the task
     * @param info where and how long
     * @param forgetCount samples in the forget set
     * @param seconds retrain time
     * @param original the original's metrics (distances to the retrained model)
     * @param retrained the retrained model's metrics (distances zero)
     * @param paramsSha256 the stored retrained model's parameter hash
     */
    record Retrained(SweepTask task, TaskInfo info, int forgetCount, double seconds, ModelMetrics original,
            ModelMetrics retrained, String paramsSha256) implements TaskResult {

        public Retrained {
            Objects.requireNonNull(task, "task");
            Objects.requireNonNull(info, "info");
            Objects.requireNonNull(original, "original");
            Objects.requireNonNull(retrained, "retrained");
        }
    }

    /**
     * One method's run on one seed.
     *
     * @param task the task
     * @param info where and how long
     * @param run the run as the report lists it
     * @param paramsSha256 the stored unlearned model's parameter hash
     */
    record MethodRun(SweepTask task, TaskInfo info, ScenarioReport.RunRecord run, String paramsSha256)
            implements TaskResult {

        public MethodRun {
            Objects.requireNonNull(task, "task");
            Objects.requireNonNull(info, "info");
            Objects.requireNonNull(run, "run");
        }
    }
}
