package org.lethe.engine.experiment.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.lethe.engine.experiment.Scenario;

/**
 * A scenario cut into tasks. Per seed: one {@link SweepTask.Kind#TRAIN_ORIGINAL}, one
 * {@link SweepTask.Kind#RETRAIN} that needs it, and one {@link SweepTask.Kind#UNLEARN} per method
 * that needs both. Seeds are independent of each other, so a scenario with {@code s} seeds and
 * {@code m} methods has {@code s * (2 + m)} tasks in three stages of width {@code s}, {@code s} and
 * {@code s * m}.
 *
 * @param scenario the scenario
 * @param tasks every task, seed by seed in the order an in-process run executes them
 */
public record SweepPlan(Scenario scenario, List<SweepTask> tasks) {

    public SweepPlan {
        Objects.requireNonNull(scenario, "scenario");
        tasks = List.copyOf(tasks);
    }

    /** The plan of {@code scenario}. */
    public static SweepPlan of(Scenario scenario) {
        List<SweepTask> tasks = new ArrayList<>();
        for (long seed : scenario.seeds()) {
            tasks.add(SweepTask.trainOriginal(seed));
            tasks.add(SweepTask.retrain(seed));
            for (int m = 0; m < scenario.methods().size(); m++) {
                tasks.add(SweepTask.unlearn(seed, m));
            }
        }
        return new SweepPlan(scenario, tasks);
    }

    /**
     * The tasks grouped into stages: all tasks of a stage can run at once once the stages before it
     * are done. A distributed backend runs one stage after the other.
     */
    public List<List<SweepTask>> stages() {
        List<List<SweepTask>> stages = new ArrayList<>();
        for (SweepTask.Kind kind : SweepTask.Kind.values()) {
            List<SweepTask> stage = tasks.stream().filter(t -> t.kind() == kind).toList();
            if (!stage.isEmpty()) {
                stages.add(stage);
            }
        }
        return stages;
    }

    /** The tasks {@code task} needs the results of. */
    public List<SweepTask> dependencies(SweepTask task) {
        return switch (task.kind()) {
            case TRAIN_ORIGINAL -> List.of();
            case RETRAIN -> List.of(SweepTask.trainOriginal(task.seed()));
            case UNLEARN -> List.of(SweepTask.trainOriginal(task.seed()), SweepTask.retrain(task.seed()));
        };
    }

    /** The seed whose models reports chart (the last one). */
    public long chartSeed() {
        return scenario.seeds().get(scenario.seeds().size() - 1);
    }
}
