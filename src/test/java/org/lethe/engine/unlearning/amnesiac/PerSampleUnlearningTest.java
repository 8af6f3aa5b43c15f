package org.lethe.engine.unlearning.amnesiac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lethe.engine.unlearning.amnesiac.AmnesiacTestSupport.first;
import static org.lethe.engine.unlearning.amnesiac.AmnesiacTestSupport.maxAbsDiff;
import static org.lethe.engine.unlearning.amnesiac.AmnesiacTestSupport.meanLoss;
import static org.lethe.engine.unlearning.amnesiac.AmnesiacTestSupport.params;
import static org.lethe.engine.unlearning.amnesiac.AmnesiacTestSupport.smallMlp;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.lethe.engine.data.ImageSplit;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.BatchHook;
import org.lethe.engine.model.MnistTestData;
import org.lethe.engine.model.ModelFactory;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.Network;
import org.lethe.engine.model.Precision;
import org.lethe.engine.model.Trainer;
import org.lethe.engine.model.TrainingConfig;

/** Per-sample amnesiac unlearning on real MNIST digits, float64 plain SGD for the exact checks. */
class PerSampleUnlearningTest {

    private static final ImageSplit TRAIN = MnistTestData.train(200);

    private static BatchHook both(BatchHook a, BatchHook b) {
        return step -> {
            a.afterStep(step);
            b.afterStep(step);
        };
    }

    @Test
    void withBatchSizeOneEachContributionIsMinusItsStepsUpdate() {
        Network net = ModelFactory.build(smallMlp(TRAIN, Precision.DOUBLE));
        TrainingConfig cfg = TrainingConfig.sgd(1, 1, 0.05, 0, 0, 4);
        PerSampleRecorder perSample = PerSampleRecorder.forAllSamples(net, TRAIN, cfg);
        AmnesiacRecorder batches = AmnesiacRecorder.forAllSamples();
        new Trainer().train(net, first(TRAIN, 20), null, cfg, both(perSample, batches), JobContext.detached());

        assertThat(batches.batches()).hasSize(20);
        for (RecordedBatch b : batches.batches()) {
            double[] c = perSample.contribution(b.sampleIndices()[0]);
            double[] u = b.update();
            for (int k = 0; k < u.length; k++) {
                u[k] = -u[k];
            }
            assertThat(maxAbsDiff(c, u)).isLessThan(1e-12);
        }
        assertThat(perSample.exactForOptimizer()).isTrue();
    }

    @Test
    void contributionsOfOneBatchSumToItsUpdateAndTheRecorderLeavesTrainingAlone() {
        ModelSpec spec = smallMlp(TRAIN, Precision.DOUBLE);
        Network net = ModelFactory.build(spec);
        double[] init = params(net);
        TrainingConfig cfg = TrainingConfig.sgd(1, 32, 0.1, 0, 0, 3);
        PerSampleRecorder recorder = PerSampleRecorder.forAllSamples(net, TRAIN, cfg);
        new Trainer().train(net, first(TRAIN, 32), null, cfg, recorder, JobContext.detached());
        Network plain = ModelFactory.build(spec);
        new Trainer().train(plain, first(TRAIN, 32), null, cfg, BatchHook.NONE, JobContext.detached());
        assertThat(params(net)).isEqualTo(params(plain));

        AmnesiacResult all = new PerSampleUnlearning(net, recorder).unlearn(IntStream.range(0, 32).toArray());

        assertThat(maxAbsDiff(params(all.network()), init)).isLessThan(1e-10);
        assertThat(all.updatesUndone()).isEqualTo(32);
        assertThat(recorder.stepsSeen()).isEqualTo(1);
    }

    @Test
    void overManyStepsAllContributionsSumToTheWholeTrajectory() {
        Network net = ModelFactory.build(smallMlp(TRAIN, Precision.DOUBLE));
        double[] init = params(net);
        TrainingConfig cfg = TrainingConfig.sgd(2, 8, 0.1, 0, 0, 8)
                .withSchedule(new org.lethe.engine.model.optim.LrSchedule.Step(0.1, 1, 0.5));
        PerSampleRecorder recorder = PerSampleRecorder.forAllSamples(net, TRAIN, cfg);
        new Trainer().train(net, first(TRAIN, 64), null, cfg, recorder, JobContext.detached());
        AmnesiacResult all = new PerSampleUnlearning(net, recorder).unlearn(IntStream.range(0, 64).toArray());
        assertThat(maxAbsDiff(params(all.network()), init)).isLessThan(1e-10);
    }

    @Test
    void forgettingAClassRaisesItsLossAndStorageIsPerSample() {
        Network net = ModelFactory.build(smallMlp(TRAIN, Precision.DOUBLE));
        TrainingConfig cfg = TrainingConfig.sgd(3, 20, 0.1, 0, 0, 2);
        PerSampleRecorder perSample = PerSampleRecorder.forAllSamples(net, TRAIN, cfg);
        AmnesiacRecorder batches = AmnesiacRecorder.forAllSamples();
        new Trainer().train(net, first(TRAIN, 200), null, cfg, both(perSample, batches), JobContext.detached());
        double[] trained = params(net);
        int[] forget = IntStream.range(0, 200).filter(i -> TRAIN.label(i) == 7).toArray();
        int[] retain = IntStream.range(0, 200).filter(i -> TRAIN.label(i) != 7).toArray();
        double forgetBefore = meanLoss(net, TRAIN, forget);
        double retainBefore = meanLoss(net, TRAIN, retain);

        AmnesiacResult r = new PerSampleUnlearning(net, perSample).unlearn(forget);

        double forgetAfter = meanLoss(r.network(), TRAIN, forget);
        double retainAfter = meanLoss(r.network(), TRAIN, retain);
        assertThat(forgetAfter).isGreaterThan(forgetBefore * 1.5);
        assertThat(forgetAfter - forgetBefore).isGreaterThan(retainAfter - retainBefore);
        assertThat(params(net)).isEqualTo(trained);
        assertThat(r.updatesUndone()).isEqualTo(forget.length);
        long p = net.numParams();
        assertThat(perSample.storageBytes()).isEqualTo(200L * p * 8);
        assertThat(batches.storageBytes()).isEqualTo(30L * p * 8);
        assertThat(r.storageBytes()).isEqualTo(perSample.storageBytes());
    }

    @Test
    void sensitiveFloatRecorderStoresFourBytesPerValueAndRejectsOtherSamples() {
        Network net = ModelFactory.build(smallMlp(TRAIN, Precision.FLOAT));
        TrainingConfig cfg = TrainingConfig.sgd(2, 10, 0.05, 0.9, 1e-4, 1);
        int[] sensitive = {1, 4, 9, 30};
        PerSampleRecorder recorder = PerSampleRecorder.forSensitive(net, TRAIN, cfg, sensitive);
        new Trainer().train(net, first(TRAIN, 40), null, cfg, recorder, JobContext.detached());
        assertThat(recorder.exactForOptimizer()).isFalse();
        assertThat(recorder.recordedSamples()).isEqualTo(4);
        assertThat(recorder.storageBytes()).isEqualTo(4L * net.numParams() * 4);
        assertThat(recorder.contribution(2)).isNull();
        PerSampleUnlearning un = new PerSampleUnlearning(net, recorder);
        AmnesiacResult r = un.unlearn(new int[] {4, 9});
        assertThat(r.updatesUndone()).isEqualTo(2);
        assertThat(maxAbsDiff(params(r.network()), params(net))).isGreaterThan(0);
        assertThatThrownBy(() -> un.unlearn(new int[] {4, 5}))
                .isInstanceOf(AmnesiacException.class).hasMessageContaining("5");
        assertThat(PerSampleRecorder.forAllSamples(net, TRAIN, TrainingConfig.adam(1, 8, 1e-3, 1))
                .exactForOptimizer()).isFalse();
    }
}
