package org.lethe.engine.unlearning.salun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.TrainedModel;
import org.lethe.engine.unlearning.DataSplits;
import org.lethe.engine.unlearning.MethodDescriptor;
import org.lethe.engine.unlearning.MethodParamException;
import org.lethe.engine.unlearning.MethodRegistry;
import org.lethe.engine.unlearning.UnlearningFixture;
import org.lethe.engine.unlearning.UnlearningResult;
import org.lethe.engine.unlearning.loop.SaliencyMask;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class SalUnTest {

    private final MethodDescriptor<?> salun = MethodRegistry.standard().byId("salun");

    @Test
    void frozenWeightsStayBitIdenticalAndTheClassIsForgotten() {
        TrainedModel original = UnlearningFixture.original();
        DataSplits splits = UnlearningFixture.forgetClass3();
        // uncapped, so that the saliency pass sees the whole forget set, as the mask computed here does
        SalUnParams p = (SalUnParams) MethodRegistry.params(salun, Map.of("budget", "0"));
        float[] before = original.network().params().toFloatVector();
        UnlearningResult result = salun.run(original, splits, p, JobContext.detached());

        assertThat(original.network().params().toFloatVector()).isEqualTo(before);
        double[] mask = mask(original, splits, p.maskRatio(), p.batchSize());
        float[] after = result.model().network().params().toFloatVector();
        int frozenMoved = 0;
        int trainableMoved = 0;
        int kept = 0;
        for (int i = 0; i < mask.length; i++) {
            boolean moved = Float.floatToRawIntBits(after[i]) != Float.floatToRawIntBits(before[i]);
            if (mask[i] == 0) {
                frozenMoved += moved ? 1 : 0;
            } else {
                kept++;
                trainableMoved += moved ? 1 : 0;
            }
        }
        assertThat(frozenMoved).isZero();
        assertThat(trainableMoved).isGreaterThan(kept / 2);
        assertThat(kept).isEqualTo((int) Math.round(p.maskRatio() * mask.length));
        assertThat(result.figures().get("maskedFraction")).isEqualTo(1 - (double) kept / mask.length);
        assertThat(result.figures()).containsEntry("trainableParams", (double) kept);
        assertThat(UnlearningFixture.accuracy(result.model(), splits.forget())).isLessThan(0.05);
        assertThat(UnlearningFixture.accuracy(result.model(), splits.retain()))
                .isGreaterThan(UnlearningFixture.accuracy(original, splits.retain()) - 0.05);
    }

    @Test
    void underABindingBudgetTheMaskIsTakenFromPartOfTheForgetSetAndStillFreezesItsShare() {
        TrainedModel original = UnlearningFixture.original();
        DataSplits splits = UnlearningFixture.forgetClass3();
        SalUnParams p = (SalUnParams) MethodRegistry.params(salun, Map.of("budget", "0.03"));
        float[] before = original.network().params().toFloatVector();
        UnlearningResult result = salun.run(original, splits, p, JobContext.detached());
        float[] after = result.model().network().params().toFloatVector();
        int moved = 0;
        for (int i = 0; i < before.length; i++) {
            moved += Float.floatToRawIntBits(after[i]) != Float.floatToRawIntBits(before[i]) ? 1 : 0;
        }
        double scale = result.figures().get("budgetScale");
        assertThat(scale).isLessThan(1);
        // nominal cost: the saliency pass plus, per epoch, the forget set and its retain samples
        assertThat(result.figures().get("nominalSamples"))
                .isEqualTo((1.0 + p.epochs() * (1 + p.retainPerForget())) * splits.forget().size());
        assertThat(moved).isPositive().isLessThanOrEqualTo((int) Math.round(p.maskRatio() * before.length));
    }

    @Test
    void legacyGradientMaskLetsWeightDecayMoveFrozenWeights() {
        TrainedModel original = UnlearningFixture.original();
        DataSplits splits = UnlearningFixture.forgetClass3();
        SalUnParams p = (SalUnParams) MethodRegistry.params(salun,
                Map.of("legacyGradientMask", "true", "weightDecay", "0.01", "maskRatio", "0.3", "budget", "0"));
        float[] before = original.network().params().toFloatVector();
        float[] after = salun.run(original, splits, p, JobContext.detached()).model().network().params()
                .toFloatVector();
        double[] mask = mask(original, splits, p.maskRatio(), p.batchSize());
        int frozen = 0;
        int frozenMoved = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] == 0) {
                frozen++;
                if (before[i] != 0 && after[i] != before[i]) {
                    frozenMoved++;
                    // weight decay alone pulls towards zero
                    assertThat(Math.abs(after[i])).isLessThan(Math.abs(before[i]));
                }
            }
        }
        assertThat(frozenMoved).isGreaterThan(frozen / 2);
    }

    @Test
    void maskKeepsExactlyTheRequestedShare() {
        TrainedModel original = UnlearningFixture.original();
        DataSplits splits = UnlearningFixture.forgetClass3();
        for (double ratio : new double[] {0.1, 0.37, 1.0}) {
            double[] mask = mask(original, splits, ratio, 64);
            double kept = 0;
            for (double m : mask) {
                assertThat(m).isIn(0.0, 1.0);
                kept += m;
            }
            assertThat(kept).isEqualTo(Math.round(ratio * mask.length));
        }
    }

    @Test
    void sameSeedGivesIdenticalWeights() {
        TrainedModel original = UnlearningFixture.original();
        DataSplits splits = UnlearningFixture.forgetRandom10();
        INDArray a = salun.run(original, splits, salun.defaults(), JobContext.detached()).model().network().params();
        INDArray b = salun.run(original, splits, salun.defaults(), JobContext.detached()).model().network().params();
        assertThat(a).isEqualTo(b);
    }

    @Test
    void rejectsOutOfRangeParameters() {
        assertThatThrownBy(() -> MethodRegistry.params(salun, Map.of("maskRatio", "0")))
                .isInstanceOf(MethodParamException.class).hasMessageContaining("salun: maskRatio must be in");
        assertThatThrownBy(() -> MethodRegistry.params(salun, Map.of("legacyGradientMask", "maybe")))
                .isInstanceOf(MethodParamException.class).hasMessageContaining("legacyGradientMask");
        assertThat(((SalUnParams) salun.defaults()).maskRatio()).isEqualTo(0.5);
        assertThat(((SalUnParams) salun.defaults()).legacyGradientMask()).isFalse();
    }

    private static double[] mask(TrainedModel original, DataSplits splits, double ratio, int batchSize) {
        return SaliencyMask.compute(original.network(), splits.forget(), ratio, batchSize, JobContext.detached())
                .castTo(DataType.DOUBLE).toDoubleVector();
    }
}
