package org.lethe.engine.unlearning.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.TrainedModel;
import org.lethe.engine.unlearning.DataSplits;
import org.lethe.engine.unlearning.MethodDescriptor;
import org.lethe.engine.unlearning.MethodParamException;
import org.lethe.engine.unlearning.MethodRegistry;
import org.lethe.engine.unlearning.UnlearningFixture;
import org.lethe.engine.unlearning.UnlearningResult;
import org.nd4j.linalg.api.ndarray.INDArray;

class RandomLabelTest {

    private final MethodDescriptor<?> rl = MethodRegistry.standard().byId("rl");

    @Test
    void wrongLabelsAreNeverTheTrueOneAndCoverTheOtherClasses() {
        IndexView forget = UnlearningFixture.forgetRandom10().forget();
        SplittableRandom random = new SplittableRandom(7);
        int[][] counts = new int[10][10];
        for (int round = 0; round < 50; round++) {
            int[] labels = RandomRelabelling.wrongLabels(forget, 10, random);
            for (int i = 0; i < labels.length; i++) {
                assertThat(labels[i]).isNotEqualTo(forget.label(i)).isBetween(0, 9);
                counts[forget.label(i)][labels[i]]++;
            }
        }
        for (int truth = 0; truth < 10; truth++) {
            int total = 0;
            for (int k = 0; k < 10; k++) {
                total += counts[truth][k];
            }
            for (int k = 0; k < 10; k++) {
                if (k != truth && total > 200) {
                    // uniform over the 9 other classes: each near total/9
                    assertThat(counts[truth][k]).isBetween(total / 18, total / 9 * 2);
                }
            }
        }
        assertThat(RandomRelabelling.wrongLabels(forget, 10, new SplittableRandom(3)))
                .isEqualTo(RandomRelabelling.wrongLabels(forget, 10, new SplittableRandom(3)));
        assertThatThrownBy(() -> RandomRelabelling.wrongLabels(forget, 1, random))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void forgetsTheClassKeepsTheRestAndLeavesTheOriginalUntouched() {
        TrainedModel original = UnlearningFixture.original();
        INDArray before = original.network().params();
        DataSplits splits = UnlearningFixture.forgetClass3();
        UnlearningResult result = rl.run(original, splits, rl.defaults(), JobContext.detached());

        assertThat(original.network().params()).isEqualTo(before);
        assertThat(UnlearningFixture.accuracy(original, splits.forget())).isGreaterThan(0.9);
        // at the default budget (8% of the fixture's 8-epoch retrain) the class drops from >90% to <10%
        assertThat(result.figures().get("budgetScale")).isLessThan(1);
        assertThat(UnlearningFixture.accuracy(result.model(), splits.forget())).isLessThan(0.1);
        assertThat(UnlearningFixture.accuracy(result.model(), splits.retain()))
                .isGreaterThan(UnlearningFixture.accuracy(original, splits.retain()) - 0.05);
        assertThat(result.model().provenance().method()).isEqualTo("rl");
    }

    @Test
    void sameSeedGivesIdenticalWeightsAndAnotherSeedDoesNot() {
        TrainedModel original = UnlearningFixture.original();
        DataSplits splits = UnlearningFixture.forgetRandom10();
        INDArray a = rl.run(original, splits, rl.defaults(), JobContext.detached()).model().network().params();
        INDArray b = rl.run(original, splits, rl.defaults(), JobContext.detached()).model().network().params();
        INDArray c = rl.run(original, splits, MethodRegistry.params(rl, Map.of("seed", "1")), JobContext.detached())
                .model().network().params();
        assertThat(a).isEqualTo(b);
        assertThat(c).isNotEqualTo(a);
    }

    @Test
    void runsOnTheForgetSetAloneWhenTheRetainSetIsWithheld() {
        TrainedModel original = UnlearningFixture.original();
        DataSplits splits = UnlearningFixture.forgetClass3().withRetainAvailable(false);
        UnlearningResult result = rl.run(original, splits, rl.defaults(), JobContext.detached());
        RandomLabelParams p = (RandomLabelParams) rl.defaults();
        int batchesPerEpoch = (splits.forget().size() + p.batchSize() - 1) / p.batchSize();
        assertThat(result.figures()).containsEntry("steps", (double) batchesPerEpoch * p.epochs());
        assertThat(UnlearningFixture.accuracy(result.model(), splits.forget())).isLessThan(0.05);
    }

    @Test
    void rejectsOutOfRangeParameters() {
        assertThatThrownBy(() -> MethodRegistry.params(rl, Map.of("retainPerForget", "-1")))
                .isInstanceOf(MethodParamException.class).hasMessageContaining("rl: retainPerForget must be in");
        assertThatThrownBy(() -> MethodRegistry.params(rl, Map.of("budget", "-0.1")))
                .isInstanceOf(MethodParamException.class).hasMessageContaining("rl: budget must be in");
        assertThatThrownBy(() -> new RandomLabelParams(0, 0.01, 0.9, 0, 64, 1, 0.08, 0))
                .isInstanceOf(MethodParamException.class).hasMessageContaining("epochs");
        assertThatThrownBy(() -> MethodRegistry.params(rl, Map.of("momentum", "1")))
                .isInstanceOf(MethodParamException.class).hasMessageContaining("momentum");
    }
}
