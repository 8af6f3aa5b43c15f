package org.lethe.engine.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lethe.engine.data.ImageSplit;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.BatchHook;
import org.lethe.engine.model.Features;
import org.lethe.engine.model.MnistTestData;
import org.lethe.engine.model.ModelFactory;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.Network;
import org.lethe.engine.model.Trainer;
import org.lethe.engine.model.TrainingConfig;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Consistency of the per-sample fields and the aggregate metrics. */
class PredictionsTest {

    private static final ImageSplit TRAIN = MnistTestData.train(600);
    private static final ImageSplit TEST = MnistTestData.test(700);

    @Test
    void fieldsAreConsistentWithEachOtherAndWithTheNetwork() {
        Network net = new Trainer().train(ModelSpec.mlp(TRAIN.shape(), 10).withHiddenWidths(List.of(48)),
                TRAIN.all("train"), null, TrainingConfig.adam(2, 32, 2e-3, 1), BatchHook.NONE,
                JobContext.detached()).network();
        IndexView view = TEST.all("test");
        Predictions p = Predictions.compute(net, view, 128, JobContext.detached());
        assertThat(p.size()).isEqualTo(700);
        int[] y = p.labels();
        int[] pred = p.predicted();
        double[] loss = p.loss();
        double[] py = p.trueClassProbability();
        double[] conf = p.logitConfidence();
        double[] ent = p.entropy();
        int correct = 0;
        for (int i = 0; i < p.size(); i++) {
            assertThat(py[i]).isBetween(0.0, 1.0);
            assertThat(loss[i]).isCloseTo(-Math.log(p.probability(i, y[i])), offset(1e-4 + 1e-4 * loss[i]));
            assertThat(py[i]).isCloseTo(Math.exp(-loss[i]), offset(1e-12));
            if (py[i] > 1e-6 && py[i] < 1 - 1e-6) {
                assertThat(conf[i]).isCloseTo(Math.log(py[i]) - Math.log1p(-py[i]), offset(1e-6));
            }
            assertThat(ent[i]).isBetween(0.0, Math.log(10) + 1e-9);
            float sum = 0;
            int arg = 0;
            for (int k = 0; k < 10; k++) {
                sum += p.probability(i, k);
                arg = p.probability(i, k) > p.probability(i, arg) ? k : arg;
            }
            assertThat(sum).isCloseTo(1f, offset(1e-5f));
            assertThat(pred[i]).isEqualTo(arg);
            correct += pred[i] == y[i] ? 1 : 0;
        }
        assertThat(p.accuracy()).isEqualTo(correct / 700.0).isGreaterThan(0.7);
        // the same numbers as the network's own per-sample losses
        int[] idx = view.toArray();
        INDArray x = Features.of(TEST, idx, 0, 50, null);
        double[] direct = net.perSampleLoss(x, Features.labels(TEST, idx, 0, 50));
        for (int i = 0; i < 50; i++) {
            assertThat(loss[i]).isCloseTo(direct[i], offset(1e-9));
        }
        // chunking does not change anything
        assertThat(Predictions.compute(net, view).loss()).isEqualTo(loss);
        int[][] cm = p.confusionMatrix();
        int diagonal = 0;
        int total = 0;
        for (int t = 0; t < 10; t++) {
            for (int q = 0; q < 10; q++) {
                total += cm[t][q];
                diagonal += t == q ? cm[t][q] : 0;
            }
            int[] counts = view.countsPerClass(10);
            assertThat(java.util.Arrays.stream(cm[t]).sum()).isEqualTo(counts[t]);
            assertThat(p.perClassAccuracy()[t]).isCloseTo((double) cm[t][t] / counts[t], offset(1e-12));
        }
        assertThat(total).isEqualTo(700);
        assertThat(diagonal).isEqualTo(correct);
    }

    @Test
    void saturatedLogitsStayFinite() {
        Network net = ModelFactory.build(ModelSpec.logreg(TRAIN.shape(), 10));
        INDArray params = net.params().mul(2000);
        net.setParams(params);
        Predictions p = Predictions.compute(net, new IndexView(TEST, new int[] {0, 1, 2, 3, 4, 5, 6, 7}, "few"));
        for (int i = 0; i < p.size(); i++) {
            assertThat(p.loss()[i]).isFinite().isGreaterThanOrEqualTo(0);
            assertThat(p.logitConfidence()[i]).isFinite();
            assertThat(p.entropy()[i]).isFinite();
        }
        assertThat(p.perClassAccuracy()).hasSize(10);
    }
}
