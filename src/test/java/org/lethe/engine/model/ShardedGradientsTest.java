package org.lethe.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lethe.engine.data.ImageShape;
import org.lethe.engine.data.ImageSplit;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.job.JobContext;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Data-parallel training: sharded gradients against one network's, and training runs that repeat. */
class ShardedGradientsTest {

    private static final ImageShape SHAPE = new ImageShape(1, 16, 16);

    @AfterEach
    void restoreThreads() {
        EngineThreads.set(1, Parallelism.INTRA_OP);
    }

    @Test
    void shardsCoverTheBatchInOrderWithSizesDifferingByAtMostOne() {
        assertThat(ShardedGradients.bounds(64, 2)).containsExactly(0, 32, 64);
        int[] b = ShardedGradients.bounds(7, 3);
        assertThat(b[0]).isZero();
        assertThat(b[3]).isEqualTo(7);
        for (int s = 0; s < 3; s++) {
            assertThat(b[s + 1] - b[s]).isBetween(2, 3);
        }
    }

    @Test
    void shardedLossGradientAndLogitsEqualOneNetworksInDoublePrecision() {
        for (Architecture architecture : List.of(Architecture.LENET, Architecture.MLP)) {
            Network net = ModelFactory.build(spec(architecture));
            for (int workers : new int[] {2, 3}) {
                // 9 rows: uneven shards for 2 workers; 1 row: fewer rows than workers falls back to one network
                for (int rows : new int[] {9, 1}) {
                    INDArray x = features(rows, rows * 17L + workers);
                    int[] y = IntStream.range(0, rows).map(i -> (i * 7) % 4).toArray();
                    LossAndGradient single = net.lossAndGradient(x, y);
                    LossAndGradient sharded;
                    try (ShardedGradients g = new ShardedGradients(net, workers)) {
                        sharded = g.lossAndGradient(x, y);
                    }
                    String what = architecture + ", " + workers + " workers, " + rows + " rows";
                    assertThat(sharded.loss()).as(what).isEqualTo(single.loss(), offset(1e-12));
                    double scale = single.gradient().amaxNumber().doubleValue();
                    assertThat(NetworkGradientTest.maxAbsDiff(sharded.gradient(), single.gradient()) / scale)
                            .as(what).isLessThan(1e-12);
                    assertThat(sharded.logits().shape()).isEqualTo(single.logits().shape());
                    assertThat(NetworkGradientTest.maxAbsDiff(sharded.logits(), single.logits())).as(what)
                            .isLessThan(1e-12);
                }
            }
        }
    }

    @Test
    void copiesFollowTheParametersTheyAreGiven() {
        Network net = ModelFactory.build(spec(Architecture.MLP));
        INDArray x = features(8, 5);
        int[] y = {0, 1, 2, 3, 0, 1, 2, 3};
        try (ShardedGradients g = new ShardedGradients(net, 2)) {
            INDArray moved = net.params().addi(0.05);
            net.setParams(moved);
            g.setParams(moved);
            LossAndGradient sharded = g.lossAndGradient(x, y);
            assertThat(sharded.loss()).isEqualTo(net.lossAndGradient(x, y).loss(), offset(1e-12));
        }
    }

    @Test
    void networksWithBatchNormalisationAreNotSharded() {
        Network bn = ModelFactory.build(new ModelSpec(Architecture.CIFAR_CNN, new ImageShape(3, 10, 10), 4,
                List.of(8), true, Precision.DOUBLE, 5));
        assertThat(ShardedGradients.supports(bn)).isFalse();
        assertThatThrownBy(() -> new ShardedGradients(bn, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batch normalisation");
    }

    @Test
    void dataParallelTrainingRepeatsBitForBitLearnsAndStopsItsThreads() {
        ImageSplit train = MnistTestData.train(320);
        IndexView view = new IndexView(train, IntStream.range(0, train.count()).toArray(), "train");
        ModelSpec spec = ModelSpec.defaults(Architecture.LENET, train.shape(), 10).withSeed(11);
        TrainingConfig config = TrainingConfig.adam(2, 32, 1e-3, 11);

        EngineThreads.set(2, Parallelism.DATA_PARALLEL);
        assertThat(EngineThreads.trainingWorkers()).isEqualTo(2);
        TrainingResult first = new Trainer().train(spec, view, null, config, BatchHook.NONE, JobContext.detached());
        TrainingResult second = new Trainer().train(spec, view, null, config, BatchHook.NONE, JobContext.detached());
        assertThat(first.network().params().toFloatVector()).containsExactly(second.network().params().toFloatVector());
        assertThat(first.history().get(1).meanLoss()).isLessThan(first.history().get(0).meanLoss());
        assertThat(Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> n.startsWith("lethe-train-shard-") )).isEmpty();

        EngineThreads.set(1, Parallelism.INTRA_OP);
        TrainingResult single = new Trainer().train(spec, view, null, config, BatchHook.NONE, JobContext.detached());
        // the same training up to rounding: sharding changes the order of additions, nothing else
        assertThat(single.history().get(1).meanLoss()).isCloseTo(first.history().get(1).meanLoss(), offset(1e-3));
    }

    private static ModelSpec spec(Architecture architecture) {
        ModelSpec base = architecture == Architecture.LENET ? ModelSpec.lenet(SHAPE, 4) : ModelSpec.defaults(architecture, SHAPE, 4);
        return base.withHiddenWidths(List.of(12)).withPrecision(Precision.DOUBLE).withSeed(3);
    }

    private static INDArray features(int b, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[b * SHAPE.pixelsPerImage()];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble();
        }
        return Nd4j.create(v, new long[] {b, SHAPE.pixelsPerImage()}, 'c');
    }
}
