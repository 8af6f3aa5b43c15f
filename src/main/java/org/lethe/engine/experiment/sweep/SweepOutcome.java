package org.lethe.engine.experiment.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.lethe.engine.LetheException;
import org.lethe.engine.evaluation.EvaluatedModel;

/**
 * What a backend hands the scenario runner after a sweep.
 *
 * @param datasetName the dataset's display name
 * @param classNames the dataset's class names
 * @param results every task's result, in plan order
 * @param chartModels the chart seed's evaluated models: original, retrained, then each method
 */
public record SweepOutcome(String datasetName, List<String> classNames, Map<SweepTask, TaskResult> results,
        List<EvaluatedModel> chartModels) {

    public SweepOutcome {
        Objects.requireNonNull(datasetName, "datasetName");
        classNames = List.copyOf(classNames);
        results = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(results));
        chartModels = List.copyOf(chartModels);
    }

    /** The result of the original's training for {@code seed}. */
    public TaskResult.OriginalTrained original(long seed) {
        return get(SweepTask.trainOriginal(seed), TaskResult.OriginalTrained.class);
    }

    /** The result of the retrain for {@code seed}. */
    public TaskResult.Retrained retrained(long seed) {
        return get(SweepTask.retrain(seed), TaskResult.Retrained.class);
    }

    /** The result of method {@code method} for {@code seed}. */
    public TaskResult.MethodRun run(long seed, int method) {
        return get(SweepTask.unlearn(seed, method), TaskResult.MethodRun.class);
    }

    private <T extends TaskResult> T get(SweepTask task, Class<T> type) {
        TaskResult result = results.get(task);
        if (!type.isInstance(result)) {
            throw new LetheException("sweep: " + (result == null ? "no result" : "a result of the wrong kind")
                    + " for task " + task.id());
        }
        return type.cast(result);
    }
}
