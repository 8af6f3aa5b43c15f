package org.lethe.engine.unlearning.distill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
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

class InfluenceDistillationTest {

    private final MethodDescriptor<?> method = MethodRegistry.standard().byId("influence-distillation");

    private UnlearningResult run(DataSplits splits, Map<String, String> params) {
        return method.run(UnlearningFixture.original(), splits, MethodRegistry.params(method, params),
                JobContext.detached());
    }

    @Test
    void bothReadingsForgetTheClassAndKeepTheRetainSet() {
        TrainedModel original = UnlearningFixture.original();
        INDArray before = original.network().params();
        DataSplits splits = UnlearningFixture.forgetClass3();
        assertThat(UnlearningFixture.accuracy(original, splits.forget())).isGreaterThan(0.95);
        for (ForgetTerm term : ForgetTerm.values()) {
            UnlearningResult r = run(splits, Map.of("forgetTerm", term.name()));
            assertThat(UnlearningFixture.accuracy(r.model(), splits.forget())).as(term.name()).isLessThan(0.2);
            assertThat(UnlearningFixture.accuracy(r.model(), splits.retain())).as(term.name()).isGreaterThan(0.95);
            assertThat(r.figures()).containsEntry("forgetTermEpochs", 10.0);
            assertThat(r.figures().get("ceiling")).isCloseTo(Math.log(10) + 1, org.assertj.core.data.Offset.offset(1e-12));
        }
        assertThat(original.network().params()).isEqualTo(before);
    }

    @Test
    void theCeilingBoundsTheAscent() {
        DataSplits splits = UnlearningFixture.forgetClass3();
        double ceiling = Math.log(10) + 1;
        UnlearningResult bounded = run(splits, Map.of("forgetWeight", "10"));
        UnlearningResult unbounded = run(splits, Map.of("forgetWeight", "10", "ceilingMargin", "1000"));
        double boundedCe = meanLoss(bounded.model().network(), splits.forget());
        double unboundedCe = meanLoss(unbounded.model().network(), splits.forget());
        // once past the ceiling a sample stops being pushed; momentum and shared weights overshoot a little
        assertThat(boundedCe).isBetween(ceiling - 1.5, ceiling + 3);
        assertThat(unboundedCe).isGreaterThan(5 * ceiling);
        assertThat(UnlearningFixture.accuracy(bounded.model(), splits.retain())).isGreaterThan(0.95);
        assertThat(UnlearningFixture.accuracy(unbounded.model(), splits.retain())).isLessThan(0.9);
    }

    @Test
    void aNarrowerStudentFromScratchLearnsTheRetainSetButNotTheForgetSet() {
        DataSplits splits = UnlearningFixture.forgetClass3();
        UnlearningResult r = run(splits, Map.of("studentInit", "SCRATCH", "studentWidthFactor", "0.5",
                "retainFraction", "1", "lr", "0.002"));
        assertThat(r.model().spec().hiddenWidths()).isEqualTo(List.of(64));
        assertThat(r.model().network().numParams()).isEqualTo(784 * 64 + 64 + 64 * 10 + 10);
        assertThat(UnlearningFixture.accuracy(r.model(), splits.retain())).isGreaterThan(0.9);
        assertThat(UnlearningFixture.accuracy(r.model(), splits.forget())).isLessThan(0.2);
    }

    @Test
    void stoppingAtTestAccuracyDropsTheForgetTermOnRandomForgetting() {
        DataSplits splits = UnlearningFixture.forgetRandom10();
        UnlearningResult r = run(splits, Map.of("forgetTerm", "STUDENT_ASCENT", "forgetWeight", "5",
                "stopAtTestAccuracy", "true"));
        assertThat(r.figures().get("forgetTermEpochs")).isBetween(1.0, 9.0);
        double forget = UnlearningFixture.accuracy(r.model(), splits.forget());
        double test = UnlearningFixture.accuracy(r.model(), splits.test());
        assertThat(forget).isLessThan(0.99).isGreaterThan(test - 0.3);
    }

    @Test
    void parametersAreValidated() {
        assertThatThrownBy(() -> MethodRegistry.params(method, Map.of("studentWidthFactor", "0.5")))
                .isInstanceOf(MethodParamException.class).hasMessageContaining("studentInit=SCRATCH");
        assertThatThrownBy(() -> MethodRegistry.params(method, Map.of("forgetTerm", "BOTH")))
                .isInstanceOf(MethodParamException.class).hasMessageContaining("forgetTerm");
        assertThat(((InfluenceDistillationParams) MethodRegistry.params(method, Map.of("forgetTerm", "STUDENT_ASCENT")))
                .forgetTerm()).isEqualTo(ForgetTerm.STUDENT_ASCENT);
        assertThatThrownBy(() -> method.run(UnlearningFixture.original(),
                UnlearningFixture.forgetClass3().withRetainAvailable(false), method.defaults(), JobContext.detached()))
                .isInstanceOf(MethodParamException.class).hasMessageContaining("needs the retain set");
    }

    private static double meanLoss(Network network, IndexView view) {
        int[] idx = view.toArray();
        double[] loss = network.perSampleLoss(Features.of(view.split(), idx, 0, idx.length, null),
                Features.labels(view.split(), idx, 0, idx.length));
        return Arrays.stream(loss).average().orElseThrow();
    }
}
