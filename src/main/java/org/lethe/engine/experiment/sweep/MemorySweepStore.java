package org.lethe.engine.experiment.sweep;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.lethe.engine.LetheException;
import org.lethe.engine.model.TrainedModel;

/**
 * A store in this process's memory: models are handed on as they are, without a copy or a round
 * trip through a file (the in-process backend).
 */
public final class MemorySweepStore implements SweepStore {

    private final Map<SweepTask, TrainedModel> models = new ConcurrentHashMap<>();
    private final Map<SweepTask, TaskResult> results = new ConcurrentHashMap<>();

    @Override
    public void putModel(SweepTask task, TrainedModel model) {
        models.put(task, model);
    }

    @Override
    public TrainedModel model(SweepTask task) {
        TrainedModel model = models.get(task);
        if (model == null) {
            throw new LetheException("sweep: no model of task " + task.id() + " (has it run?)");
        }
        return model;
    }

    @Override
    public void putResult(TaskResult result) {
        results.put(result.task(), result);
    }

    @Override
    public TaskResult result(SweepTask task) {
        TaskResult result = results.get(task);
        if (result == null) {
            throw new LetheException("sweep: no result of task " + task.id() + " (has it run?)");
        }
        return result;
    }

    /** Lets go of the model of {@code task} (its result stays). */
    public void dropModel(SweepTask task) {
        models.remove(task);
    }

    /** Lets go of the models of {@code seed} (its results stay). */
    public void dropModels(long seed) {
        models.keySet().removeIf(t -> t.seed() == seed);
    }
}
