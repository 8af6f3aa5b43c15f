package org.lethe.engine.experiment.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.engine.LetheException;
import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.experiment.ReportFiles;
import org.lethe.engine.experiment.Scenario;
import org.lethe.engine.experiment.ScenarioFiles;
import org.lethe.engine.experiment.ScenarioRunner;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.ModelStore;
import org.lethe.engine.unlearning.MethodRegistry;

/**
 * The distributed path without Spark: every task goes through {@link SweepWorker} as JSON, two at a
 * time on a thread pool, with models in a folder; the report must equal the in-process run's.
 */
class StagedSweepRunnerTest {

    static final String TINY = """
            {"name": "tiny-sweep", "description": "logreg on 300 digits", "dataset": "mnist", "trainLimit": 300,
             "model": {"architecture": "logreg"},
             "training": {"epochs": 2, "batchSize": 32, "optimizer": "adam", "lr": 0.005, "momentum": 0.9,
                          "weightDecay": 0},
             "forget": "random:0.1", "seeds": [1, 2], "retainSample": 300,
             "methods": [{"id": "ft", "params": {"epochs": 1, "retainFraction": 0.5}},
                         {"id": "rl", "label": "RL (short)", "params": {"epochs": 1}}]}
            """;

    /** Fields that hold wall-clock times or memory readings, which no two runs share. */
    static final Set<String> MEASURED = Set.of("seconds", "trainSeconds", "retrainSeconds", "speedup",
            "peakExtraBytes");

    /** Runs each stage's requests on a pool of two threads, like Spark's local[2]. */
    static final class PoolSweepRunner extends StagedSweepRunner {

        private final ExecutorService pool = Executors.newFixedThreadPool(2);

        PoolSweepRunner(Path workspace) {
            super(workspace, 1);
        }

        @Override
        protected List<String> runStage(String stage, List<String> requests, JobContext ctx) {
            List<Future<String>> futures = requests.stream().map(r -> pool.submit(() -> SweepWorker.run(r))).toList();
            List<String> results = new ArrayList<>();
            try {
                for (Future<String> f : futures) {
                    results.add(f.get());
                }
            } catch (InterruptedException | ExecutionException e) {
                throw new IllegalStateException(e);
            }
            return results;
        }

        @Override
        public String describe() {
            return "a pool of two threads";
        }

        @Override
        public void close() {
            pool.shutdownNow();
        }
    }

    /** The report as JSON with the measured fields taken out. */
    static JsonNode comparable(String reportJson) throws Exception {
        JsonNode tree = new ObjectMapper().readTree(reportJson);
        strip(tree);
        return tree;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(MEASURED);
            object.forEach(StagedSweepRunnerTest::strip);
        } else if (node instanceof ArrayNode array) {
            array.forEach(StagedSweepRunnerTest::strip);
        }
    }

    @Test
    void aSweepThroughWorkersAndFilesGivesTheInProcessReport(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tiny.json");
        Files.writeString(file, TINY);
        Scenario scenario = ScenarioFiles.read(file);
        DatasetCatalog catalog = DatasetCatalog.fromEnvironment();
        ScenarioRunner.Result local = new ScenarioRunner(MethodRegistry.standard(), catalog)
                .run(scenario, JobContext.detached());
        Path workspace = dir.resolve("sweep");
        ScenarioRunner.Result pooled;
        try (PoolSweepRunner runner = new PoolSweepRunner(workspace)) {
            pooled = new ScenarioRunner(MethodRegistry.standard(), catalog, runner).run(scenario, JobContext.detached());
        }

        assertThat(comparable(ReportFiles.toJson(pooled.report())))
                .isEqualTo(comparable(ReportFiles.toJson(local.report())));
        assertThat(pooled.report().perSeed().get(1).runs().get(1).metrics())
                .isEqualTo(local.report().perSeed().get(1).runs().get(1).metrics());
        assertThat(pooled.lastSeedModels()).extracting(m -> m.metrics())
                .containsExactlyElementsOf(local.lastSeedModels().stream().map(m -> m.metrics()).toList());
        assertThat(pooled.lastSeedModels()).extracting(m -> m.name())
                .containsExactly("original", "retrained", "Fine-tune (FT)", "RL (short)");

        // every task left its model and its result in the folder; the models load and match their results
        for (SweepTask task : SweepPlan.of(scenario).tasks()) {
            assertThat(workspace.resolve(task.id() + ModelStore.EXTENSION)).isRegularFile();
            assertThat(workspace.resolve(task.id() + ".json")).isRegularFile();
        }
        FolderSweepStore store = new FolderSweepStore(workspace);
        TaskResult.Retrained retrained = (TaskResult.Retrained) store.result(SweepTask.retrain(2));
        assertThat(store.model(SweepTask.retrain(2)).paramsSha256()).isEqualTo(retrained.paramsSha256());
        assertThat(retrained.retrained()).isEqualTo(local.report().perSeed().get(1).retrained());
        assertThat(Files.readAllLines(workspace.resolve("tasks.csv"))).hasSize(1 + 8)
                .anyMatch(l -> l.startsWith("seed-2/method-1,UNLEARN,2,1,"));
    }

    @Test
    void aWorkerThatFindsOtherDataRefusesToRun(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tiny.json");
        Files.writeString(file, TINY);
        DatasetCatalog catalog = DatasetCatalog.fromEnvironment();
        SweepRequest request = new SweepRequest(ScenarioFiles.read(file), dir.resolve("sweep").toString(),
                catalog.sampleDataDir().toAbsolutePath().toString(), catalog.userDataDir().toAbsolutePath().toString(),
                "0000", 1, SweepTask.trainOriginal(1));
        assertThatThrownBy(() -> SweepWorker.run(request.toJson())).isInstanceOf(LetheException.class)
                .hasMessageContaining("every worker must read the same files").hasMessageContaining("0000");
        assertThatThrownBy(() -> new FolderSweepStore(dir).result(SweepTask.retrain(1)))
                .isInstanceOf(LetheException.class).hasMessageContaining("seed-1/retrained.json");
    }
}
