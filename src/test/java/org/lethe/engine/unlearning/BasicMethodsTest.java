package org.lethe.engine.unlearning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.BatchHook;
import org.lethe.engine.model.TrainedModel;
import org.lethe.engine.model.Trainer;
import org.lethe.engine.model.TrainingResult;
import org.lethe.engine.unlearning.ga.GradientAscentParams;
import org.nd4j.linalg.api.ndarray.INDArray;

class BasicMethodsTest {

    private final MethodRegistry registry = MethodRegistry.standard();

    @Test
    void gradientAscentForgetsTheClassAndLeavesTheOriginalUntouched() {
        TrainedModel original = UnlearningFixture.original();
        INDArray before = original.network().params();
        DataSplits splits = UnlearningFixture.forgetClass3();
        double forgetBefore = UnlearningFixture.accuracy(original, splits.forget());
        MethodDescriptor<?> ga = registry.byId("ga");
        Record params = MethodRegistry.params(ga, Map.of("epochs", "5", "lr", "0.01"));
        UnlearningResult result = ga.run(original, splits, params, JobContext.detached());

        assertThat(original.network().params()).isEqualTo(before);
        double forgetAfter = UnlearningFixture.accuracy(result.model(), splits.forget());
        assertThat(forgetBefore).isGreaterThan(0.9);
        assertThat(forgetAfter).isLessThan(forgetBefore - 0.3);
        assertThat(result.model().provenance().method()).isEqualTo("ga");
        assertThat(result.model().provenance().parentParamsSha256()).isEqualTo(original.paramsSha256());
        assertThat(result.seconds()).isPositive();
        assertThat(result.figures()).containsKey("steps");
    }

    @Test
    void fineTuneKeepsRetainAccuracy() {
        TrainedModel original = UnlearningFixture.original();
        DataSplits splits = UnlearningFixture.forgetRandom10();
        MethodDescriptor<?> ft = registry.byId("ft");
        UnlearningResult result = ft.run(original, splits, MethodRegistry.params(ft, Map.of("retainFraction", "0.5")),
                JobContext.detached());
        assertThat(UnlearningFixture.accuracy(result.model(), splits.retain()))
                .isGreaterThan(UnlearningFixture.accuracy(original, splits.retain()) - 0.05);
        assertThat(result.model().network().params()).isNotEqualTo(original.network().params());
    }

    @Test
    void sameOrderRetrainEqualsReplayingTheOriginalRunWithoutTheForgetSet() {
        TrainedModel original = UnlearningFixture.original();
        DataSplits splits = UnlearningFixture.forgetClass3();
        MethodDescriptor<?> retrain = registry.byId("retrain");
        UnlearningResult result = retrain.run(original, splits, retrain.defaults(), JobContext.detached());
        TrainingResult replay = new Trainer().replay(original.spec(), splits.retain().split(),
                original.provenance().training(), original.epochOrders(), splits.forget().toArray(), null,
                BatchHook.NONE, JobContext.detached());
        assertThat(result.model().network().params()).isEqualTo(replay.network().params());
        assertThat(UnlearningFixture.accuracy(result.model(), splits.forget())).isLessThan(0.1);
        assertThat(result.figures()).containsEntry("sameOrder", 1.0);
    }

    @Test
    void badParametersAndMissingDataGetClearErrors() {
        MethodDescriptor<?> ga = registry.byId("ga");
        assertThatThrownBy(() -> MethodRegistry.params(ga, Map.of("lrr", "0.1")))
                .isInstanceOf(MethodParamException.class).hasMessageContaining("unknown parameter 'lrr'")
                .hasMessageContaining("lr");
        assertThatThrownBy(() -> MethodRegistry.params(ga, Map.of("lr", "7")))
                .isInstanceOf(MethodParamException.class).hasMessageContaining("lr must be in");
        assertThatThrownBy(() -> MethodRegistry.params(ga, Map.of("epochs", "many")))
                .isInstanceOf(MethodParamException.class).hasMessageContaining("epochs");
        assertThatThrownBy(() -> registry.byId("magic")).isInstanceOf(MethodParamException.class)
                .hasMessageContaining("known methods");
        MethodDescriptor<?> ft = registry.byId("ft");
        assertThatThrownBy(() -> ft.run(UnlearningFixture.original(),
                UnlearningFixture.forgetClass3().withRetainAvailable(false), ft.defaults(), JobContext.detached()))
                .isInstanceOf(MethodParamException.class).hasMessageContaining("needs the retain set");
        assertThat(ga.params()).extracting(MethodDescriptor.ParamInfo::name).contains("lr", "retainPass");
        assertThat(((GradientAscentParams) ga.defaults()).lr()).isEqualTo(2e-3);
    }
}
