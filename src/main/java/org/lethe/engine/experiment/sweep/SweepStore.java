package org.lethe.engine.experiment.sweep;

import org.lethe.engine.model.TrainedModel;

/**
 * Where tasks leave their models and results for the tasks after them and for the driver. Safe to
 * use from several threads; a task writes only its own entries, so concurrent tasks never touch the
 * same entry.
 */
public interface SweepStore {

    /** Keeps the model {@code task} made. */
    void putModel(SweepTask task, TrainedModel model);

    /**
     * The model {@code task} made.
     *
     * @throws org.lethe.engine.LetheException if the task has not stored one
     */
    TrainedModel model(SweepTask task);

    /** Keeps a task's result. */
    void putResult(TaskResult result);

    /**
     * The result of {@code task}.
     *
     * @throws org.lethe.engine.LetheException if the task has not stored one
     */
    TaskResult result(SweepTask task);
}
