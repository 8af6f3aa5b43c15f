package org.lethe.engine.unlearning.sisa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.lethe.engine.data.ImageSplit;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.MnistTestData;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.optim.OptimizerConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SisaEnsembleTest {

    private static final JobContext CTX = JobContext.detached();
    private static ImageSplit split;
    private static IndexView train;
    private static IndexView test;
    private static ModelSpec spec;
    /** S=3 shards of 200, R=3 slices of 66 (the last slice holds 68: a tail of 200 mod 3 = 2 points). */
    private static SisaConfig config;

    @BeforeAll
    static void setUp() {
        split = MnistTestData.train(600);
        train = split.all("train");
        test = MnistTestData.test(500).all("test");
        spec = ModelSpec.mlp(split.shape(), 10).withHiddenWidths(List.of(16));
        config = SisaConfig.of(3, 3, 2, 16, 0.01, 11L).withOptimizer(OptimizerConfig.adam(0));
    }

    private static float[] params(SisaEnsemble e, int k) {
        return e.shardParams(k).toFloatVector();
    }

    @Test
    void unlearningIsBitIdenticalToTrainingWithoutThePoints() {
        SisaEnsemble ensemble = SisaEnsemble.train(train, spec, config, CTX);
        assertThat(ensemble.checkpointCount()).isEqualTo(9);
        long numParams = ensemble.shardModel(0).numParams();
        assertThat(ensemble.storageBytes()).isEqualTo(9 * numParams * 4);
        float[][] before = {params(ensemble, 0), params(ensemble, 1), params(ensemble, 2)};
        String slice0Key = ensemble.checkpointKey(0, 0);
        int[] shard0 = ensemble.assignment().shard(0);
        int[] forget = {shard0[70], shard0[150]}; // slices 1 and 2

        SisaUnlearnResult result = ensemble.unlearn(forget, CTX);

        assertThat(result.retrainedShards()).containsExactly(0);
        assertThat(result.firstRetrainedSlice()).containsExactly(1);
        assertThat(result.slicesRetrained()).isEqualTo(2);
        assertThat(result.deletedPoints()).isEqualTo(2);
        assertThat(result.storageBytes()).isEqualTo(9 * numParams * 4);
        assertThat(ensemble.checkpointKey(0, 0)).isEqualTo(slice0Key);
        assertThat(params(ensemble, 0)).isNotEqualTo(before[0]);
        assertThat(params(ensemble, 1)).isEqualTo(before[1]);
        assertThat(params(ensemble, 2)).isEqualTo(before[2]);

        SisaEnsemble scratch = SisaEnsemble.train(split, ensemble.assignment(), forget, spec, config, CTX);
        for (int k = 0; k < 3; k++) {
            assertThat(params(ensemble, k)).as("shard %d", k).isEqualTo(params(scratch, k));
            for (int sl = 0; sl < 3; sl++) {
                assertThat(ensemble.checkpointKey(k, sl)).isEqualTo(scratch.checkpointKey(k, sl));
            }
        }
        // deleting the same points again is a no-op
        SisaUnlearnResult again = ensemble.unlearn(forget, CTX);
        assertThat(again.retrainedShards()).isEmpty();
        assertThat(again.slicesRetrained()).isZero();
    }

    @Test
    void deletingATailPointRetrainsTheLastSlice() {
        SisaEnsemble ensemble = SisaEnsemble.train(train, spec, config, CTX);
        int[] shard1 = ensemble.assignment().shard(1);
        int tailPoint = shard1[199]; // beyond R * floor(200 / R) = 198: the reference code never unlearned it
        String[] keysBefore = {ensemble.checkpointKey(1, 0), ensemble.checkpointKey(1, 1), ensemble.checkpointKey(1, 2)};
        float[] before = params(ensemble, 1);

        SisaUnlearnResult result = ensemble.unlearn(new int[] {tailPoint}, CTX);

        assertThat(result.retrainedShards()).containsExactly(1);
        assertThat(result.firstRetrainedSlice()).containsExactly(2);
        assertThat(result.slicesRetrained()).isEqualTo(1);
        assertThat(ensemble.checkpointKey(1, 0)).isEqualTo(keysBefore[0]);
        assertThat(ensemble.checkpointKey(1, 1)).isEqualTo(keysBefore[1]);
        assertThat(ensemble.checkpointKey(1, 2)).isNotEqualTo(keysBefore[2]);
        assertThat(ensemble.checkpointCount()).isEqualTo(9);
        assertThat(params(ensemble, 1)).isNotEqualTo(before);
        SisaEnsemble scratch = SisaEnsemble.train(split, ensemble.assignment(), new int[] {tailPoint}, spec, config, CTX);
        assertThat(params(ensemble, 1)).isEqualTo(params(scratch, 1));
    }

    @Test
    void parallelTrainingMatchesSequentialAndBeatsChance() {
        SisaEnsemble sequential = SisaEnsemble.train(train, spec, config, CTX);
        SisaEnsemble parallel = SisaEnsemble.train(train, spec, config.withParallelism(3), CTX);
        for (int k = 0; k < 3; k++) {
            assertThat(params(parallel, k)).isEqualTo(params(sequential, k));
        }
        double vote = sequential.accuracy(test);
        assertThat(vote).isGreaterThan(0.5);
        SisaEnsemble mean = SisaEnsemble.train(train, spec, config.with(ShardingMode.RANDOM, Aggregation.MEAN_PROBABILITY), CTX);
        assertThat(mean.accuracy(test)).isGreaterThan(0.5);
    }

    @Test
    void byLabelEnsembleWithMeanProbabilityPredictsAllClasses() {
        SisaConfig byLabel = SisaConfig.of(2, 1, 2, 16, 0.01, 3L).withOptimizer(OptimizerConfig.adam(0))
                .with(ShardingMode.BY_LABEL, Aggregation.MEAN_PROBABILITY);
        SisaEnsemble ensemble = SisaEnsemble.train(train, spec, byLabel, CTX);
        assertThat(ensemble.accuracy(test)).isGreaterThan(0.3);
        // forgetting a whole class touches one shard only
        int[] classThree = train.stream().filter(i -> split.label(i) == 3).toArray();
        SisaUnlearnResult result = ensemble.unlearn(classThree, CTX);
        assertThat(result.retrainedShards()).containsExactly(1);
    }

    @Test
    void rejectsUnknownIndicesAndTooSmallShards() {
        SisaEnsemble ensemble = SisaEnsemble.train(MnistTestData.train(30).all("train"), spec,
                SisaConfig.of(2, 2, 1, 8, 0.01, 1L), CTX);
        assertThatThrownBy(() -> ensemble.unlearn(new int[] {40}, CTX))
                .isInstanceOf(SisaException.class).hasMessageContaining("index 40");
        assertThatThrownBy(() -> SisaEnsemble.train(MnistTestData.train(30).all("train"), spec,
                SisaConfig.of(3, 20, 1, 8, 0.01, 1L), CTX))
                .isInstanceOf(SisaException.class).hasMessageContaining("fewer than 20 slices");
    }
}
