package org.lethe.engine.experiment.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lethe.engine.evaluation.ModelMetrics;
import org.lethe.engine.experiment.Scenario;
import org.lethe.engine.experiment.ScenarioReport;

class SweepPlanTest {

    private static Scenario scenario(List<Long> seeds, int methods) {
        List<Scenario.MethodEntry> entries = new java.util.ArrayList<>();
        for (int i = 0; i < methods; i++) {
            entries.add(new Scenario.MethodEntry(i % 2 == 0 ? "ft" : "ga", null, null));
        }
        return new Scenario("plan", null, "mnist", 300, new Scenario.ModelEntry("logreg", null), null, "random:0.1",
                true, seeds, 300, entries);
    }

    @Test
    void everySeedGetsAnOriginalARetrainAndOneTaskPerMethodInThreeStages() {
        SweepPlan plan = SweepPlan.of(scenario(List.of(7L, 8L, 9L), 4));
        assertThat(plan.tasks()).hasSize(3 * (2 + 4));
        assertThat(plan.stages()).extracting(List::size).containsExactly(3, 3, 12);
        assertThat(plan.stages().get(2)).allMatch(t -> t.kind() == SweepTask.Kind.UNLEARN);
        // in-process order: seed by seed, original first
        assertThat(plan.tasks().subList(0, 6)).extracting(SweepTask::id).containsExactly("seed-7/original",
                "seed-7/retrained", "seed-7/method-0", "seed-7/method-1", "seed-7/method-2", "seed-7/method-3");
        assertThat(plan.dependencies(SweepTask.unlearn(8, 1)))
                .containsExactly(SweepTask.trainOriginal(8), SweepTask.retrain(8));
        assertThat(plan.dependencies(SweepTask.retrain(9))).containsExactly(SweepTask.trainOriginal(9));
        assertThat(plan.dependencies(SweepTask.trainOriginal(9))).isEmpty();
        assertThat(plan.chartSeed()).isEqualTo(9);
        // every dependency sits in an earlier stage
        for (SweepTask task : plan.tasks()) {
            assertThat(plan.dependencies(task)).allMatch(d -> d.stage() < task.stage());
        }
    }

    @Test
    void referenceModelsAreTasksOfTheFirstStageThatRetrainAndUnlearnWaitFor() {
        Scenario scenario = scenario(List.of(7L, 8L), 1).withReferenceModels(3);
        SweepPlan plan = SweepPlan.of(scenario);
        assertThat(plan.tasks()).hasSize(2 * (2 + 3 + 1));
        assertThat(plan.stages()).extracting(List::size).containsExactly(2 * 4, 2, 2);
        assertThat(plan.tasks().subList(0, 6)).extracting(SweepTask::id).containsExactly("seed-7/original",
                "seed-7/reference-0", "seed-7/reference-1", "seed-7/reference-2", "seed-7/retrained",
                "seed-7/method-0");
        assertThat(plan.dependencies(SweepTask.retrain(8))).containsExactly(SweepTask.trainOriginal(8),
                SweepTask.trainReference(8, 0), SweepTask.trainReference(8, 1), SweepTask.trainReference(8, 2));
        assertThat(plan.dependencies(SweepTask.unlearn(8, 0))).contains(SweepTask.trainReference(8, 2),
                SweepTask.retrain(8));
        assertThat(plan.dependencies(SweepTask.trainReference(7, 1))).isEmpty();
        for (SweepTask task : plan.tasks()) {
            assertThat(plan.dependencies(task)).allMatch(d -> d.stage() < task.stage());
        }
        assertThat(scenario.withReferenceModels(0).referenceModels()).isNull();
        assertThatThrownBy(() -> new SweepTask(SweepTask.Kind.TRAIN_REFERENCE, 1, -1, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reference index");
        assertThatThrownBy(() -> new SweepTask(SweepTask.Kind.RETRAIN, 1, -1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no reference index");

        TaskResult reference = new TaskResult.ReferenceTrained(SweepTask.trainReference(7, 2),
                new TaskResult.TaskInfo("h", 1), 0.5, "abc");
        assertThat(TaskResults.fromJson(TaskResults.toJson(reference), "test")).isEqualTo(reference);
        SweepRequest request = new SweepRequest(scenario, "/o", "/s", "/u", "f00", 1, SweepTask.trainReference(7, 2));
        assertThat(SweepRequest.fromJson(request.toJson())).isEqualTo(request);
    }

    @Test
    void tasksRejectMethodIndicesThatDoNotFitTheirKind() {
        assertThatThrownBy(() -> new SweepTask(SweepTask.Kind.UNLEARN, 1, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("method index");
        assertThatThrownBy(() -> new SweepTask(SweepTask.Kind.RETRAIN, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RETRAIN");
    }

    @Test
    void resultsAndRequestsSurviveTheirJsonRoundTripExactly() {
        ModelMetrics metrics = new ModelMetrics(91.33333333333333, 0.1 + 0.2, 88.5, 51.234567890123456, null,
                1e-17, 0.0, 61.25, 55.5, 3.0 / 7, null);
        ScenarioReport.RunRecord run = new ScenarioReport.RunRecord("ft", "Fine-tune", 1.25, Double.NaN, metrics,
                List.of("a warning"), java.util.Map.of("sameOrder", 1.0));
        TaskResult result = new TaskResult.MethodRun(SweepTask.unlearn(3, 1),
                new TaskResult.TaskInfo("host/thread", 2.5), run, "abc");
        TaskResult back = TaskResults.fromJson(TaskResults.toJson(result), "test");
        assertThat(back).isInstanceOf(TaskResult.MethodRun.class);
        TaskResult.MethodRun m = (TaskResult.MethodRun) back;
        assertThat(m.run().metrics()).isEqualTo(metrics);
        assertThat(m.run().avgGap()).isNaN();
        assertThat(m.task()).isEqualTo(SweepTask.unlearn(3, 1));

        Scenario scenario = scenario(List.of(1L, 2L), 2);
        SweepRequest request = new SweepRequest(scenario, "/shared/out", "/data/sample", "/data/user", "f00", 2,
                SweepTask.retrain(2));
        SweepRequest read = SweepRequest.fromJson(request.toJson());
        assertThat(read.scenario()).isEqualTo(scenario);
        assertThat(read).isEqualTo(request);
        assertThat(read.sessionKey()).isEqualTo(new SweepRequest(scenario, "/shared/out", "/data/sample",
                "/data/user", "f00", 2, SweepTask.unlearn(1, 0)).sessionKey());
        assertThat(new ObjectMapper().valueToTree(read).has("task")).isTrue();
    }
}
