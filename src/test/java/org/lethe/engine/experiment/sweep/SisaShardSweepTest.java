package org.lethe.engine.experiment.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.engine.LetheException;
import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.optim.OptimizerConfig;
import org.lethe.engine.unlearning.sisa.SisaConfig;
import org.lethe.engine.unlearning.sisa.SisaEnsemble;
import org.lethe.engine.unlearning.sisa.SisaStore;

/**
 * SISA shards trained as sweep tasks, in this thread and through the JSON worker entry point that
 * remote backends call, put together into the ensemble {@link SisaEnsemble#train} builds.
 */
class SisaShardSweepTest {

    private static final JobContext CTX = JobContext.detached();
    private static final DatasetCatalog CATALOG = DatasetCatalog.fromEnvironment();
    private static ImageDataset data;
    private static ModelSpec spec;
    private static SisaConfig config;
    private static SisaEnsemble reference;

    /** A backend whose "workers" are two threads calling {@link SweepWorker#run} with JSON, like Spark's executors. */
    static final class ThreadWorkers extends StagedSweepRunner {
        private final ExecutorService pool = Executors.newFixedThreadPool(2);

        ThreadWorkers(Path workspace) {
            super(workspace, 1);
        }

        @Override
        protected List<String> runStage(String stage, List<String> requests, JobContext ctx) {
            try {
                List<Future<String>> answers = pool.invokeAll(requests.stream()
                        .map(r -> (java.util.concurrent.Callable<String>) () -> SweepWorker.run(r)).toList());
                List<String> out = new java.util.ArrayList<>();
                for (Future<String> f : answers) {
                    out.add(f.get());
                }
                return out;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String describe() {
            return "two threads";
        }

        @Override
        public void close() {
            pool.shutdownNow();
        }
    }

    @BeforeAll
    static void setUp() {
        data = CATALOG.load("mnist", CTX).limitTrain(300);
        spec = ModelSpec.mlp(data.shape(), 10).withHiddenWidths(List.of(8)).withSeed(3);
        config = SisaConfig.of(3, 2, 2, 16, 0.01, 5L).withOptimizer(OptimizerConfig.adam(0));
        reference = SisaEnsemble.train(data, spec, config, CTX);
    }

    @AfterAll
    static void release() {
        reference = null;
    }

    private static void assertBitIdentical(SisaEnsemble assembled) {
        for (int k = 0; k < config.shards(); k++) {
            assertThat(assembled.assignment().shard(k)).isEqualTo(reference.assignment().shard(k));
            assertThat(assembled.shardParams(k).toFloatVector()).as("shard %d", k)
                    .isEqualTo(reference.shardParams(k).toFloatVector());
            for (int sl = 0; sl < config.slices(); sl++) {
                assertThat(assembled.checkpointKey(k, sl)).isEqualTo(reference.checkpointKey(k, sl));
                assertThat(assembled.shardState(k).slices().get(sl).params().toFloatVector())
                        .isEqualTo(reference.shardState(k).slices().get(sl).params().toFloatVector());
            }
        }
        var test = data.test().all("test");
        assertThat(assembled.predictProbabilities(test)).isEqualTo(reference.predictProbabilities(test));
    }

    @Test
    void shardTasksInThisThreadAssembleTheEnsembleTrainBuilds(@TempDir Path dir) {
        SisaEnsemble assembled = SisaShardSweep.train(data, "mnist", 300, CATALOG, spec, config,
                new InProcessSweepRunner(), dir, CTX);
        assertBitIdentical(assembled);
        FolderSweepStore store = new FolderSweepStore(dir);
        for (int k = 0; k < 3; k++) {
            assertThat(store.sisaShardFile(k)).isRegularFile().hasFileName("shard-" + k + SisaStore.EXTENSION);
        }
        // the assembled ensemble unlearns like the one trained in one piece
        int[] forget = {reference.assignment().shard(2)[70]};
        SisaEnsemble copy = SisaShardSweep.train(data, "mnist", 300, CATALOG, spec, config,
                new InProcessSweepRunner(), dir.resolve("again"), CTX);
        copy.unlearn(forget, CTX);
        SisaEnsemble scratch = SisaEnsemble.train(data.train(), reference.assignment(), forget, spec, config, CTX);
        for (int k = 0; k < 3; k++) {
            assertThat(copy.shardParams(k).toFloatVector()).isEqualTo(scratch.shardParams(k).toFloatVector());
        }
    }

    @Test
    void shardTasksThroughTheWorkerEntryPointAssembleTheSameEnsemble(@TempDir Path dir) {
        try (ThreadWorkers workers = new ThreadWorkers(dir)) {
            SisaEnsemble assembled = SisaShardSweep.train(data, "mnist", 300, CATALOG, spec, config, workers, dir, CTX);
            assertBitIdentical(assembled);
        }
    }

    @Test
    void aWorkerWithOtherDataRefusesTheTask(@TempDir Path dir) {
        SisaShardRequest request = new SisaShardRequest(SisaShardRequest.TYPE, dir.toString(),
                CATALOG.sampleDataDir().toString(), CATALOG.userDataDir().toString(), "mnist", 299, data.sha256(), 1, 0);
        assertThatThrownBy(() -> SweepWorker.run(request.toJson())).isInstanceOf(LetheException.class)
                .hasMessageContaining("every worker must read the same files");
    }
}
