package org.lethe.engine.unlearning.sisa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.model.MnistTestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SisaShardingAndAggregationTest {

    private static IndexView train;

    @BeforeAll
    static void load() {
        train = MnistTestData.train(600).all("train");
    }

    @Test
    void randomShardingCoversEveryIndexOnceWithBalancedSizes() {
        ShardAssignment a = ShardAssignment.compute(train, 10, ShardingMode.RANDOM, 7, 5L);
        int[] all = IntStream.range(0, a.count()).flatMap(k -> Arrays.stream(a.shard(k))).sorted().toArray();
        assertThat(all).isEqualTo(IntStream.range(0, 600).toArray());
        int[] sizes = IntStream.range(0, 7).map(a::size).toArray();
        assertThat(Arrays.stream(sizes).max().getAsInt() - Arrays.stream(sizes).min().getAsInt()).isLessThanOrEqualTo(1);
        // shuffled, and reproducible from the seed
        assertThat(a.shard(0)).isNotEqualTo(IntStream.range(0, a.size(0)).toArray());
        assertThat(ShardAssignment.compute(train, 10, ShardingMode.RANDOM, 7, 5L).shard(3)).isEqualTo(a.shard(3));
        assertThat(ShardAssignment.compute(train, 10, ShardingMode.RANDOM, 7, 6L).shard(3)).isNotEqualTo(a.shard(3));
        assertThat(a.shardOf(a.shard(4)[0])).isEqualTo(4);
    }

    @Test
    void kmeansShardsRespectCapacityAndGroupSimilarDigits() {
        ShardAssignment a = ShardAssignment.compute(train, 10, ShardingMode.KMEANS, 4, 3L);
        assertThat(a.totalSize()).isEqualTo(600);
        for (int k = 0; k < 4; k++) {
            assertThat(a.size(k)).isLessThanOrEqualTo(150);
        }
        // clusters are far from label-uniform: some shard's majority class is well above the 10% base rate
        double bestPurity = 0;
        for (int k = 0; k < 4; k++) {
            int[] counts = new int[10];
            for (int i : a.shard(k)) {
                counts[train.split().label(i)]++;
            }
            bestPurity = Math.max(bestPurity, (double) Arrays.stream(counts).max().getAsInt() / a.size(k));
        }
        assertThat(bestPurity).isGreaterThan(0.3);
    }

    @Test
    void byLabelPutsEachClassInExactlyOneShard() {
        ShardAssignment a = ShardAssignment.compute(train, 10, ShardingMode.BY_LABEL, 3, 1L);
        boolean[][] owners = a.classPresence(train.split(), 10);
        for (int c = 0; c < 10; c++) {
            int owning = 0;
            for (int k = 0; k < 3; k++) {
                owning += owners[k][c] ? 1 : 0;
            }
            assertThat(owning).as("shards owning class %d", c).isEqualTo(1);
            assertThat(owners[c % 3][c]).isTrue();
        }
        assertThat(a.totalSize()).isEqualTo(600);
        assertThatThrownBy(() -> ShardAssignment.compute(train, 10, ShardingMode.BY_LABEL, 11, 1L))
                .isInstanceOf(SisaException.class).hasMessageContaining("11 shards for 10 classes");
    }

    @Test
    void byLabelWithVoteIsRejected() {
        SisaConfig c = SisaConfig.of(3, 2, 2, 16, 0.1, 1L);
        assertThatThrownBy(() -> c.with(ShardingMode.BY_LABEL, Aggregation.VOTE))
                .isInstanceOf(SisaException.class)
                .hasMessageContaining("majority vote is invalid with by-label sharding")
                .hasMessageContaining("MEAN_PROBABILITY");
        assertThat(c.with(ShardingMode.BY_LABEL, Aggregation.MEAN_PROBABILITY).sharding()).isEqualTo(ShardingMode.BY_LABEL);
    }

    @Test
    void sliceEpochsFollowTheReferenceSchedule() {
        SisaConfig c = SisaConfig.of(1, 5, 20, 16, 0.1, 1L);
        assertThat(IntStream.range(0, 5).map(c::sliceEpochs).toArray()).containsExactly(6, 7, 7, 6, 7);
        SisaConfig low = SisaConfig.of(1, 3, 1, 16, 0.1, 1L);
        assertThat(IntStream.range(0, 3).map(low::sliceEpochs).toArray()).containsExactly(0, 1, 0);
    }

    @Test
    void voteTakesMajorityAndBreaksTiesToLowestClass() {
        // 2 samples, 3 classes; sample 0 argmaxes 0,1,1 -> 1; sample 1 argmaxes 2,1,0 -> tie -> 0
        float[] s0 = {0.6f, 0.3f, 0.1f, 0.1f, 0.2f, 0.7f};
        float[] s1 = {0.2f, 0.5f, 0.3f, 0.1f, 0.8f, 0.1f};
        float[] s2 = {0.1f, 0.8f, 0.1f, 0.5f, 0.2f, 0.3f};
        float[] scores = SisaAggregator.scores(List.of(s0, s1, s2), 3, Aggregation.VOTE, null);
        assertThat(scores[1]).isEqualTo(scores[2] + 2f / 3f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(SisaAggregator.labels(scores, 3)).containsExactly(1, 0);
    }

    @Test
    void meanProbabilityAveragesAndRespectsOwners() {
        // sample 0: means (0.3, 0.35, 0.35) -> tie between 1 and 2 -> 1
        float[] s0 = {0.5f, 0.25f, 0.25f};
        float[] s1 = {0.1f, 0.45f, 0.45f};
        float[] scores = SisaAggregator.scores(List.of(s0, s1), 3, Aggregation.MEAN_PROBABILITY, null);
        assertThat(scores).containsExactly(new float[] {0.3f, 0.35f, 0.35f}, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(SisaAggregator.labels(scores, 3)).containsExactly(1);
        // shard 0 owns class 0, shard 1 owns classes 1 and 2: each class is scored by its owner only
        boolean[][] owners = {{true, false, false}, {false, true, true}};
        float[] owned = SisaAggregator.scores(List.of(s0, s1), 3, Aggregation.MEAN_PROBABILITY, owners);
        assertThat(owned).containsExactly(new float[] {0.5f, 0.45f, 0.45f}, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(SisaAggregator.labels(owned, 3)).containsExactly(0);
    }
}
