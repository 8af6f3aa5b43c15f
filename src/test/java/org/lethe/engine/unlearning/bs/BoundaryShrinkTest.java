package org.lethe.engine.unlearning.bs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lethe.engine.attack.Fgsm;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.Features;
import org.lethe.engine.model.Network;
import org.lethe.engine.model.TrainedModel;
import org.lethe.engine.unlearning.DataSplits;
import org.lethe.engine.unlearning.MethodDescriptor;
import org.lethe.engine.unlearning.MethodParamException;
import org.lethe.engine.unlearning.MethodRegistry;
import org.lethe.engine.unlearning.UnlearningFixture;
import org.lethe.engine.unlearning.UnlearningResult;
import org.nd4j.linalg.api.ndarray.INDArray;

class BoundaryShrinkTest {

    private final MethodDescriptor<?> bs = MethodRegistry.standard().byId("bs");

    @Test
    void eachNewLabelIsTheOriginalsPredictionAtTheAdversarialPoint() {
        Network original = UnlearningFixture.original().network();
        IndexView forget = UnlearningFixture.forgetClass3().forget();
        int[] labels = BoundaryShrink.neighbourLabels(original, forget, 0.1, 50, JobContext.detached());
        int[] indices = forget.toArray();
        INDArray x = Features.of(forget.split(), indices, 0, indices.length, null);
        int[] y = Features.labels(forget.split(), indices, 0, indices.length);
        INDArray adversarial = Fgsm.perturb(original, x, y, 0.1);
        long[] predicted = original.logits(adversarial).argMax(1).toLongVector();
        long[] clean = original.logits(x).argMax(1).toLongVector();
        int flipped = 0;
        for (int i = 0; i < labels.length; i++) {
            assertThat(labels[i]).as("sample %d", i).isEqualTo((int) predicted[i]);
            if (clean[i] == y[i] && predicted[i] != y[i]) {
                flipped++;
                assertThat(labels[i]).isNotEqualTo(y[i]);
            }
        }
        assertThat(flipped).isGreaterThan(labels.length / 2);
        // a bound of one grey level flips far fewer samples
        int[] weak = BoundaryShrink.neighbourLabels(original, forget, 1.0 / 255, 50, JobContext.detached());
        int weakFlipped = 0;
        for (int i = 0; i < weak.length; i++) {
            weakFlipped += weak[i] != y[i] ? 1 : 0;
        }
        assertThat(weakFlipped).isLessThan(flipped);
    }

    @Test
    void forgetsTheClassKeepsTheRestAndRecordsTheFlips() {
        TrainedModel original = UnlearningFixture.original();
        INDArray before = original.network().params();
        DataSplits splits = UnlearningFixture.forgetClass3();
        // the tiny test MLP is tuned at lr 0.01 (see BoundaryShrinkParams)
        UnlearningResult result = bs.run(original, splits, MethodRegistry.params(bs, Map.of("lr", "0.01")),
                JobContext.detached());

        assertThat(original.network().params()).isEqualTo(before);
        assertThat(UnlearningFixture.accuracy(result.model(), splits.forget())).isLessThan(0.1);
        assertThat(UnlearningFixture.accuracy(result.model(), splits.retain()))
                .isGreaterThan(UnlearningFixture.accuracy(original, splits.retain()) - 0.05);
        assertThat(result.figures().get("flippedSamples")).isPositive();
        assertThat(result.figures().get("flippedFraction")).isBetween(0.5, 1.0);
    }

    @Test
    void sameSeedGivesIdenticalWeights() {
        TrainedModel original = UnlearningFixture.original();
        DataSplits splits = UnlearningFixture.forgetClass3();
        INDArray a = bs.run(original, splits, bs.defaults(), JobContext.detached()).model().network().params();
        INDArray b = bs.run(original, splits, bs.defaults(), JobContext.detached()).model().network().params();
        assertThat(a).isEqualTo(b);
    }

    @Test
    void withoutTheRetainSetOnlyTheForgetSetIsVisited() {
        DataSplits splits = UnlearningFixture.forgetClass3().withRetainAvailable(false);
        BoundaryShrinkParams p = (BoundaryShrinkParams) bs.defaults();
        UnlearningResult result = bs.run(UnlearningFixture.original(), splits, p, JobContext.detached());
        // under the budget the attack and every forget pass use the same share of the forget set
        double attacked = result.figures().get("attackedSamples");
        assertThat(attacked).isPositive().isLessThanOrEqualTo(splits.forget().size());
        assertThat(attacked).isEqualTo((double) org.lethe.engine.unlearning.loop.SampleBudget.scaled(
                splits.forget().size(), result.figures().get("budgetScale")));
        int batches = ((int) attacked + p.batchSize() - 1) / p.batchSize();
        assertThat(result.figures()).containsEntry("steps", (double) batches * p.epochs());
    }

    @Test
    void rejectsOutOfRangeParameters() {
        assertThatThrownBy(() -> MethodRegistry.params(bs, Map.of("bound", "0.001")))
                .isInstanceOf(MethodParamException.class).hasMessageContaining("bs: bound must be in");
        assertThatThrownBy(() -> MethodRegistry.params(bs, Map.of("lr", "-1")))
                .isInstanceOf(MethodParamException.class).hasMessageContaining("lr");
        // twice the BS code's 0.1: on the MNIST LeNet an FGSM step of 0.1 flips too few digits of a class
        assertThat(((BoundaryShrinkParams) bs.defaults()).bound()).isEqualTo(0.2);
    }
}
