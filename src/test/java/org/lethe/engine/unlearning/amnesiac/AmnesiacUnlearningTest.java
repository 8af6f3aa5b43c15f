package org.lethe.engine.unlearning.amnesiac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lethe.engine.unlearning.amnesiac.AmnesiacTestSupport.first;
import static org.lethe.engine.unlearning.amnesiac.AmnesiacTestSupport.maxAbsDiff;
import static org.lethe.engine.unlearning.amnesiac.AmnesiacTestSupport.meanLoss;
import static org.lethe.engine.unlearning.amnesiac.AmnesiacTestSupport.params;
import static org.lethe.engine.unlearning.amnesiac.AmnesiacTestSupport.smallMlp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.lethe.engine.data.ImageSplit;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.MnistTestData;
import org.lethe.engine.model.ModelFactory;
import org.lethe.engine.model.Network;
import org.lethe.engine.model.Precision;
import org.lethe.engine.model.Trainer;
import org.lethe.engine.model.TrainingConfig;
import org.lethe.engine.model.TrainingResult;

/** Batch amnesiac unlearning on real MNIST digits. */
class AmnesiacUnlearningTest {

    private static final ImageSplit TRAIN = MnistTestData.train(200);

    @Test
    void undoingTheOnlyBatchRestoresThePreTrainingParametersExactly() {
        Network net = ModelFactory.build(smallMlp(TRAIN, Precision.DOUBLE));
        double[] init = params(net);
        AmnesiacRecorder recorder = AmnesiacRecorder.forAllSamples();
        TrainingConfig cfg = TrainingConfig.sgd(1, 32, 0.1, 0, 0, 3);
        new Trainer().train(net, first(TRAIN, 32), null, cfg, recorder, JobContext.detached());
        double[] trained = params(net);
        assertThat(maxAbsDiff(trained, init)).isGreaterThan(1e-3);

        AmnesiacResult r = new AmnesiacUnlearning(net, recorder).unlearn(new int[] {5});

        assertThat(maxAbsDiff(params(r.network()), init)).isLessThan(1e-12);
        assertThat(r.network()).isNotSameAs(net);
        assertThat(params(net)).isEqualTo(trained);
        assertThat(r.updatesUndone()).isEqualTo(1);
        assertThat(r.repair()).isNull();
        assertThat(r.storageBytes()).isEqualTo(net.numParams() * 8L);
    }

    @Test
    void undoingSomeBatchesSubtractsExactlyTheirUpdatesAndRaisesForgetLoss() {
        Network net = ModelFactory.build(smallMlp(TRAIN, Precision.DOUBLE));
        AmnesiacRecorder recorder = AmnesiacRecorder.forAllSamples();
        TrainingConfig cfg = TrainingConfig.sgd(3, 16, 0.1, 0, 0, 5);
        TrainingResult tr = new Trainer().train(net, first(TRAIN, 96), null, cfg, recorder, JobContext.detached());
        assertThat(recorder.batches()).hasSize(18);
        assertThat(recorder.stepsSeen()).isEqualTo(18);
        int[] forget = {3, 40, 77};

        // the batches holding a forget sample, found independently from the epoch orders
        List<int[]> expectedBatches = new ArrayList<>();
        for (int[] order : tr.epochOrders()) {
            for (int from = 0; from < order.length; from += 16) {
                int[] b = Arrays.copyOfRange(order, from, from + 16);
                if (Arrays.stream(b).anyMatch(i -> i == 3 || i == 40 || i == 77)) {
                    expectedBatches.add(b);
                }
            }
        }
        double[] expected = params(net);
        for (RecordedBatch b : recorder.batches()) {
            if (expectedBatches.stream().anyMatch(e -> Arrays.equals(e, b.sampleIndices()))) {
                double[] u = b.update();
                for (int k = 0; k < expected.length; k++) {
                    expected[k] -= u[k];
                }
            }
        }
        double before = meanLoss(net, TRAIN, forget);

        AmnesiacResult r = new AmnesiacUnlearning(net, recorder).unlearn(forget);

        assertThat(r.updatesUndone()).isEqualTo(expectedBatches.size()).isBetween(3, 9);
        assertThat(r.updatesRecorded()).isEqualTo(18);
        assertThat(maxAbsDiff(params(r.network()), expected)).isLessThan(1e-12);
        assertThat(meanLoss(r.network(), TRAIN, forget)).isGreaterThan(before * 1.2);
        assertThat(r.storageBytes()).isEqualTo(18L * net.numParams() * 8);
    }

    @Test
    void sensitiveRecorderKeepsOnlyBatchesWithSensitiveSamplesAndRejectsOthers() {
        int[] sensitive = {2, 50};
        Network net = ModelFactory.build(smallMlp(TRAIN, Precision.FLOAT));
        AmnesiacRecorder recorder = AmnesiacRecorder.forSensitive(sensitive);
        TrainingConfig cfg = TrainingConfig.sgd(2, 20, 0.05, 0.9, 0, 1);
        TrainingResult tr = new Trainer().train(net, first(TRAIN, 100), null, cfg, recorder, JobContext.detached());
        long expected = 0;
        for (int[] order : tr.epochOrders()) {
            for (int from = 0; from < order.length; from += 20) {
                int[] b = Arrays.copyOfRange(order, from, from + 20);
                if (Arrays.stream(b).anyMatch(i -> i == 2 || i == 50)) {
                    expected++;
                }
            }
        }
        assertThat(recorder.stepsSeen()).isEqualTo(10);
        assertThat((long) recorder.batches().size()).isEqualTo(expected);
        assertThat(recorder.batches()).allSatisfy(b ->
                assertThat(b.sampleIndices()).containsAnyOf(2, 50));
        assertThat(recorder.storageBytes()).isEqualTo(expected * net.numParams() * 4);
        assertThat(recorder.isCandidate(2)).isTrue();
        assertThat(recorder.isCandidate(3)).isFalse();

        AmnesiacUnlearning un = new AmnesiacUnlearning(net, recorder);
        assertThat(un.unlearn(new int[] {50}).updatesUndone()).isEqualTo(2);
        assertThatThrownBy(() -> un.unlearn(new int[] {2, 3}))
                .isInstanceOf(AmnesiacException.class).hasMessageContaining("3");
        assertThatThrownBy(() -> un.unlearn(new int[0])).isInstanceOf(AmnesiacException.class);
    }

    @Test
    void repairFineTunesTheUnlearnedCopyOnTheRetainSet() {
        Network net = ModelFactory.build(smallMlp(TRAIN, Precision.FLOAT));
        AmnesiacRecorder recorder = AmnesiacRecorder.forAllSamples();
        new Trainer().train(net, first(TRAIN, 200), null, TrainingConfig.adam(2, 20, 2e-3, 2), recorder,
                JobContext.detached());
        double[] trained = params(net);
        int[] forget = IntStream.range(0, 200).filter(i -> TRAIN.label(i) == 3).toArray();
        IndexView retain = new IndexView(TRAIN,
                IntStream.range(0, 200).filter(i -> TRAIN.label(i) != 3).toArray(), "retain");
        AmnesiacUnlearning un = new AmnesiacUnlearning(net, recorder);
        AmnesiacResult plain = un.unlearn(forget);
        AmnesiacResult repaired = un.unlearn(forget, Repair.adam(2, 20, 1e-3, 9), retain, JobContext.detached());

        assertThat(repaired.repair()).isNotNull();
        assertThat(repaired.repair().iterations()).isEqualTo(2L * ((retain.size() + 19) / 20));
        assertThat(repaired.updatesUndone()).isEqualTo(plain.updatesUndone());
        int[] kept = retain.toArray();
        assertThat(meanLoss(repaired.network(), TRAIN, kept)).isLessThan(meanLoss(plain.network(), TRAIN, kept));
        assertThat(params(net)).isEqualTo(trained);
        assertThatThrownBy(() -> un.unlearn(forget, Repair.sgd(1, 20, 0.1, 1), null, JobContext.detached()))
                .isInstanceOf(AmnesiacException.class).hasMessageContaining("retain");
        assertThatThrownBy(() -> new Repair(-1, 20, 0.1, null, 1)).isInstanceOf(AmnesiacException.class);
    }
}
