package org.lethe.engine.unlearning.l1sparse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

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
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

class L1SparseTest {

    private final MethodDescriptor<?> l1 = MethodRegistry.standard().byId("l1-sparse");

    @Test
    void thePenaltyShrinksTheWeightsComparedWithPlainFineTuning() {
        TrainedModel original = UnlearningFixture.original();
        INDArray before = original.network().params();
        DataSplits splits = UnlearningFixture.forgetRandom10();
        L1SparseParams p = (L1SparseParams) MethodRegistry.params(l1, Map.of("alpha", "0.005"));
        INDArray penalised = l1.run(original, splits, p, JobContext.detached()).model().network().params();
        INDArray plain = l1.run(original, splits, p.withAlpha(0), JobContext.detached()).model().network().params();

        assertThat(original.network().params()).isEqualTo(before);
        double meanPenalised = Transforms.abs(penalised, true).meanNumber().doubleValue();
        double meanPlain = Transforms.abs(plain, true).meanNumber().doubleValue();
        assertThat(meanPenalised).isLessThan(meanPlain * 0.99);
        // the only difference is the penalty: per weight, |θ| shrank (or stayed) almost everywhere
        double[] a = Transforms.abs(penalised, true).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleVector();
        double[] b = Transforms.abs(plain, true).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleVector();
        int smaller = 0;
        for (int i = 0; i < a.length; i++) {
            smaller += a[i] <= b[i] ? 1 : 0;
        }
        assertThat(smaller).isGreaterThan((int) (0.9 * a.length));
    }

    @Test
    void keepsAccuracyAtTheDefaults() {
        TrainedModel original = UnlearningFixture.original();
        DataSplits splits = UnlearningFixture.forgetRandom10();
        UnlearningResult result = l1.run(original, splits, l1.defaults(), JobContext.detached());
        assertThat(UnlearningFixture.accuracy(result.model(), splits.retain())).isGreaterThan(0.95);
        assertThat(UnlearningFixture.accuracy(result.model(), splits.test()))
                .isGreaterThan(UnlearningFixture.accuracy(original, splits.test()) - 0.03);
        assertThat(result.figures()).containsKey("lastEpochAlpha");
    }

    @Test
    void decaySchedules() {
        assertThat(L1Decay.LINEAR.coefficient(1e-3, 0, 10)).isEqualTo(1e-3);
        assertThat(L1Decay.LINEAR.coefficient(1e-3, 5, 10)).isCloseTo(5e-4, within(1e-15));
        assertThat(L1Decay.LINEAR.coefficient(1e-3, 9, 10)).isCloseTo(1e-4, within(1e-15));
        // compounding: α, 2α, 2·1.8α, 2·1.8·1.6α ...
        assertThat(L1Decay.AMUN_COMPOUNDING.coefficient(1e-3, 0, 10)).isEqualTo(1e-3);
        assertThat(L1Decay.AMUN_COMPOUNDING.coefficient(1e-3, 1, 10)).isCloseTo(2e-3, within(1e-15));
        assertThat(L1Decay.AMUN_COMPOUNDING.coefficient(1e-3, 3, 10)).isCloseTo(5.76e-3, within(1e-12));
    }

    @Test
    void parameterErrorsAndRetainRequirement() {
        assertThatThrownBy(() -> MethodRegistry.params(l1, Map.of("alpha", "1")))
                .isInstanceOf(MethodParamException.class).hasMessageContaining("l1-sparse: alpha must be in");
        assertThatThrownBy(() -> MethodRegistry.params(l1, Map.of("decay", "CUBIC")))
                .isInstanceOf(MethodParamException.class).hasMessageContaining("decay");
        assertThat(((L1SparseParams) MethodRegistry.params(l1, Map.of("decay", "AMUN_COMPOUNDING"))).decay())
                .isEqualTo(L1Decay.AMUN_COMPOUNDING);
        assertThatThrownBy(() -> new L1SparseParams(5, 0.01, 0.9, 0, 64, 0.1, 5e-4, null, 0.08, 0))
                .isInstanceOf(MethodParamException.class).hasMessageContaining("decay");
        assertThatThrownBy(() -> l1.run(UnlearningFixture.original(),
                UnlearningFixture.forgetClass3().withRetainAvailable(false), l1.defaults(), JobContext.detached()))
                .isInstanceOf(MethodParamException.class).hasMessageContaining("needs the retain set");
    }
}
