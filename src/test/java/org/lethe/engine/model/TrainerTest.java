package org.lethe.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lethe.engine.data.ImageSplit;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.job.CancellationToken;
import org.lethe.engine.job.JobCancelledException;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.job.ProgressListener;
import org.lethe.engine.model.optim.LrSchedule;
import org.lethe.engine.model.optim.Sgd;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Training, determinism, replay without samples, hooks and cancellation on real MNIST samples. */
class TrainerTest {

    private static final ImageSplit TRAIN = MnistTestData.train(1000);
    private static final ImageSplit TEST = MnistTestData.test(500);

    @Test
    void trainingRaisesAccuracyWellAboveChanceAndIsDeterministic() {
        ModelSpec spec = ModelSpec.mlp(TRAIN.shape(), 10).withHiddenWidths(List.of(64));
        TrainingConfig cfg = TrainingConfig.adam(3, 32, 2e-3, 11);
        List<String> series = new ArrayList<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void metric(String s, double x, double y) {
                series.add(s);
            }
        };
        TrainingResult a = new Trainer().train(spec, TRAIN.all("train"), TEST.all("test"), cfg, BatchHook.NONE,
                new JobContext(listener, new CancellationToken()));
        TrainingResult b = new Trainer().train(spec, TRAIN.all("train"), TEST.all("test"), cfg, BatchHook.NONE,
                JobContext.detached());
        assertThat(a.last().testAccuracy()).isGreaterThan(0.75);
        assertThat(a.history().get(2).meanLoss()).isLessThan(a.history().get(0).meanLoss());
        assertThat(a.iterations()).isEqualTo(3 * 32);
        assertThat(b.network().params()).isEqualTo(a.network().params());
        assertThat(series).contains("loss", "trainAccuracy", "testAccuracy");
        assertThat(a.epochOrders()).hasSize(3);
        assertThat(a.epochOrders().get(0)).isNotEqualTo(a.epochOrders().get(1));
        assertThat(Arrays.stream(a.epochOrders().get(0)).sorted().toArray()).isEqualTo(TRAIN.all("x").toArray());
        assertThat(a.samplesPerSecond()).isPositive();
    }

    @Test
    void lenetLearnsAndTrainsDeterministically() {
        IndexView sub = new IndexView(TRAIN, java.util.stream.IntStream.range(0, 600).toArray(), "train");
        TrainingConfig cfg = TrainingConfig.adam(2, 32, 1e-3, 3);
        TrainingResult a = new Trainer().train(ModelSpec.lenet(), sub, TEST.all("test"), cfg, BatchHook.NONE,
                JobContext.detached());
        TrainingResult b = new Trainer().train(ModelSpec.lenet(), sub, null, cfg, BatchHook.NONE, JobContext.detached());
        assertThat(a.last().testAccuracy()).isGreaterThan(0.6);
        assertThat(b.network().params()).isEqualTo(a.network().params());
        assertThat(b.last().testAccuracy()).isNaN();
    }

    @Test
    void replayWithExcludedSamplesEqualsTrainingOnTheReducedBatches() {
        ModelSpec spec = ModelSpec.mlp(TRAIN.shape(), 10).withHiddenWidths(List.of(32));
        IndexView train = new IndexView(TRAIN, java.util.stream.IntStream.range(0, 300).toArray(), "train");
        TrainingConfig cfg = TrainingConfig.sgd(2, 25, 0.05, 0.9, 1e-3, 4)
                .withSchedule(new LrSchedule.Step(0.05, 1, 0.5));
        TrainingResult original = new Trainer().train(spec, train, null, cfg, BatchHook.NONE, JobContext.detached());
        // replay without exclusions is the same run
        TrainingResult same = new Trainer().replay(spec, TRAIN, cfg, original.epochOrders(), new int[0], null,
                BatchHook.NONE, JobContext.detached());
        assertThat(same.network().params()).isEqualTo(original.network().params());
        // exclude a whole first batch of epoch 0 plus scattered samples
        int[] firstBatch = Arrays.copyOf(original.epochOrders().get(0), 25);
        int[] scattered = new SplittableRandom(1).ints(30, 0, 300).toArray();
        int[] excluded = java.util.stream.IntStream.concat(Arrays.stream(firstBatch), Arrays.stream(scattered)).toArray();
        TrainingResult replayed = new Trainer().replay(spec, TRAIN, cfg, original.epochOrders(), excluded, null,
                BatchHook.NONE, JobContext.detached());
        // by hand: same init, same batches minus excluded, empty batches skipped
        java.util.Set<Integer> ex = new java.util.HashSet<>();
        Arrays.stream(excluded).forEach(ex::add);
        Network net = ModelFactory.build(spec);
        Sgd sgd = new Sgd(0.9, 1e-3);
        INDArray p = net.params();
        long steps = 0;
        for (int e = 0; e < 2; e++) {
            int[] order = original.epochOrders().get(e);
            for (int from = 0; from < order.length; from += 25) {
                int[] batch = Arrays.stream(order, from, Math.min(order.length, from + 25))
                        .filter(i -> !ex.contains(i)).toArray();
                if (batch.length == 0) {
                    continue;
                }
                LossAndGradient lg = net.lossAndGradient(Features.of(TRAIN, batch, 0, batch.length, null),
                        Features.labels(TRAIN, batch, 0, batch.length));
                sgd.step(p, lg.gradient(), e == 0 ? 0.05 : 0.025);
                net.setParams(p);
                steps++;
            }
        }
        assertThat(replayed.iterations()).isEqualTo(steps).isEqualTo(2 * 12 - 1);
        assertThat(replayed.network().params()).isEqualTo(net.params());
        assertThat(replayed.network().params()).isNotEqualTo(original.network().params());
        assertThatThrownBy(() -> new Trainer().replay(spec, TRAIN, cfg.withEpochs(3), original.epochOrders(),
                new int[0], null, BatchHook.NONE, JobContext.detached())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hookSeesEveryStepAndCancellationStopsAtAStepBoundary() {
        ModelSpec spec = ModelSpec.mlp(TRAIN.shape(), 10).withHiddenWidths(List.of(32));
        TrainingConfig cfg = TrainingConfig.sgd(1, 50, 0.1, 0.5, 0, 8);
        List<BatchHook.Step> steps = new ArrayList<>();
        TrainingResult full = new Trainer().train(spec, TRAIN.all("train"), null, cfg, steps::add, JobContext.detached());
        assertThat(steps).hasSize(20);
        assertThat(steps.get(0).sampleIndices()).isEqualTo(Arrays.copyOf(full.epochOrders().get(0), 50));
        assertThat(steps.get(19).paramsAfter()).isEqualTo(full.network().params());
        assertThat(steps.get(3).paramsBefore()).isEqualTo(steps.get(2).paramsAfter());
        assertThat(steps.get(3).update().amaxNumber().doubleValue()).isPositive();

        CancellationToken token = new CancellationToken();
        int[] progressCalls = {0};
        ProgressListener cancelAfterSeven = new ProgressListener() {
            @Override
            public void progress(double fraction, String message) {
                if (++progressCalls[0] == 7) {
                    token.cancel();
                }
            }
        };
        Network net = ModelFactory.build(spec);
        assertThatThrownBy(() -> new Trainer().train(net, TRAIN.all("train"), null, cfg, BatchHook.NONE,
                new JobContext(cancelAfterSeven, token))).isInstanceOf(JobCancelledException.class);
        assertThat(net.params()).isEqualTo(steps.get(6).paramsAfter());
    }
}
