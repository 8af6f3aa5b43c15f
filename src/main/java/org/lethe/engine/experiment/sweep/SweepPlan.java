package org.lethe.engine.experiment.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.lethe.engine.experiment.Scenario;

/**
 * A scenario cut into tasks. Per seed: one {@link SweepTask.Kind#TRAIN_ORIGINAL}, k
 * {@link SweepTask.Kind#TRAIN_REFERENCE} (the scenario's {@code referenceModels}, usually 0), one
 * {@link SweepTask.Kind#RETRAIN} that needs the original and the references, and one
 * {@link SweepTask.Kind#UNLEARN} per method that needs all of them. Seeds are independent of each
 * other, so a scenario with {@code s} seeds, {@code k} references and {@code m} methods has
 * {@code s * (2 + k + m)} tasks in three stages of width {@code s * (1 + k)}, {@code s} and
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
            for (int r = 0; r < scenario.referenceModelCount(); r++) {
                tasks.add(SweepTask.trainReference(seed, r));
            }
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
        int last = tasks.stream().mapToInt(SweepTask::stage).max().orElse(-1);
        for (int s = 0; s <= last; s++) {
            int index = s;
            List<SweepTask> stage = tasks.stream().filter(t -> t.stage() == index).toList();
            if (!stage.isEmpty()) {
                stages.add(stage);
            }
        }
        return stages;
    }

    /** The tasks {@code task} needs the results of. */
    public List<SweepTask> dependencies(SweepTask task) {
        List<SweepTask> needs = new ArrayList<>();
        if (task.kind() == SweepTask.Kind.RETRAIN || task.kind() == SweepTask.Kind.UNLEARN) {
            needs.add(SweepTask.trainOriginal(task.seed()));
            needs.addAll(references(task.seed()));
        }
        if (task.kind() == SweepTask.Kind.UNLEARN) {
            needs.add(SweepTask.retrain(task.seed()));
        }
        return needs;
    }

    /** The reference-model tasks of {@code seed} (none unless the scenario asks for reference models). */
    public List<SweepTask> references(long seed) {
        List<SweepTask> refs = new ArrayList<>();
        for (int r = 0; r < scenario.referenceModelCount(); r++) {
            refs.add(SweepTask.trainReference(seed, r));
        }
        return refs;
    }

    /** The seed whose models reports chart (the last one). */
    public long chartSeed() {
        return scenario.seeds().get(scenario.seeds().size() - 1);
    }
}
