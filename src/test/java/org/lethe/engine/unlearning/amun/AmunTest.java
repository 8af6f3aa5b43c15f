package org.lethe.engine.unlearning.amun;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.nd4j.linalg.api.ndarray.INDArray;

class AmunTest {

    private final MethodRegistry registry = MethodRegistry.standard();

    @Test
    void lowersForgetAccuracyOnRandomForgettingAndKeepsTheRest() {
        TrainedModel original = UnlearningFixture.original();
        INDArray before = original.network().params();
        DataSplits splits = UnlearningFixture.forgetRandom10();
        double forget0 = UnlearningFixture.accuracy(original, splits.forget());
        double retain0 = UnlearningFixture.accuracy(original, splits.retain());
        double test0 = UnlearningFixture.accuracy(original, splits.test());
        MethodDescriptor<?> amun = registry.byId("amun");
        // the tiny test MLP needs a larger step than the default, the attack's points closer than one step
        // per radius finds them, and more retain samples than the cost cap leaves (see AmunParams)
        UnlearningResult r = amun.run(original, splits, MethodRegistry.params(amun, Map.of("lr", "0.1",
                "pgdSteps", "10", "budget", "0", "attack", "PGD", "forgetLabels", "AUTO", "retainFraction", "0.1",
                "radiusQuantile", "1")), JobContext.detached());

        assertThat(forget0).isGreaterThan(0.99);
        assertThat(UnlearningFixture.accuracy(r.model(), splits.forget())).isLessThanOrEqualTo(0.975);
        assertThat(UnlearningFixture.accuracy(r.model(), splits.retain())).isGreaterThan(retain0 - 0.03);
        assertThat(UnlearningFixture.accuracy(r.model(), splits.test())).isGreaterThan(test0 - 0.04);
        assertThat(original.network().params()).isEqualTo(before);
        assertThat(r.figures()).containsEntry("adversarialSamples", 120.0).containsEntry("neverFlipped", 0.0);
        assertThat(r.figures().get("meanEps")).isGreaterThan(0.04);
        assertThat(r.figures().get("meanL2")).isBetween(0.0, r.figures().get("meanEps"));
        // 2 epochs over 108 retain + 120 forget + 120 adversarial samples in batches of 32
        assertThat(r.figures()).containsEntry("forgetSetKept", 1.0).containsEntry("retainPerEpoch", 108.0)
                .containsEntry("steps", 2.0 * 11);
        assertThat(r.model().provenance().method()).isEqualTo("amun");
    }

    @Test
    void withoutTheRetainSetTrainsOnForgetAndAdversarialSamplesOnly() {
        TrainedModel original = UnlearningFixture.original();
        DataSplits splits = UnlearningFixture.forgetRandom10().withRetainAvailable(false);
        MethodDescriptor<?> amun = registry.byId("amun");
        UnlearningResult r = amun.run(original, splits, MethodRegistry.params(amun, Map.of("pgdSteps", "10", "lr", "0.1",
                "attack", "PGD", "forgetLabels", "KEEP", "budget", "0", "radiusQuantile", "1")),
                JobContext.detached());
        // 240 samples = D_F ∪ D_A, 8 batches of 32 per epoch
        assertThat(r.figures()).containsEntry("steps", 2.0 * 8).containsEntry("adversarialSamples", 120.0)
                .containsEntry("retainPerEpoch", 0.0);
        assertThat(UnlearningFixture.accuracy(r.model(), splits.forget())).isLessThan(0.99);
        assertThat(r.model().provenance().trainSubsetSize()).isZero();
    }

    @Test
    void forWholeClassesAutoLeavesTheForgetSetOutAndForgetsTheClass() {
        TrainedModel original = UnlearningFixture.original();
        DataSplits splits = UnlearningFixture.forgetClass3();
        MethodDescriptor<?> amun = registry.byId("amun");
        UnlearningResult auto = amun.run(original, splits, MethodRegistry.params(amun, Map.of("lr", "0.1",
                "forgetLabels", "AUTO")), JobContext.detached());
        UnlearningResult keep = amun.run(original, splits, MethodRegistry.params(amun, Map.of("lr", "0.1",
                "forgetLabels", "KEEP")), JobContext.detached());
        assertThat(auto.figures()).containsEntry("forgetSetKept", 0.0);
        assertThat(keep.figures()).containsEntry("forgetSetKept", 1.0);
        double forgetAuto = UnlearningFixture.accuracy(auto.model(), splits.forget());
        double forgetKeep = UnlearningFixture.accuracy(keep.model(), splits.forget());
        assertThat(forgetAuto).isLessThan(forgetKeep - 0.2);
        assertThat(UnlearningFixture.accuracy(auto.model(), splits.retain()))
                .isGreaterThan(UnlearningFixture.accuracy(original, splits.retain()) - 0.05);
    }

    @Test
    void onARandomForgetSetOnlyThePointsOfSamplesFlippingAtSmallRadiiAreFineTunedOn() {
        TrainedModel original = UnlearningFixture.original();
        DataSplits splits = UnlearningFixture.forgetRandom10();
        MethodDescriptor<?> amun = registry.byId("amun");
        UnlearningResult half = amun.run(original, splits, MethodRegistry.params(amun, Map.of("lr", "0.1",
                "budget", "0")), JobContext.detached());
        UnlearningResult all = amun.run(original, splits, MethodRegistry.params(amun, Map.of("lr", "0.1",
                "budget", "0", "radiusQuantile", "1")), JobContext.detached());
        double attacked = half.figures().get("adversarialSamples");
        assertThat(all.figures().get("fineTunedAdversarial")).isEqualTo(attacked);
        // the median level and every level below it: at least half of the points, not all of them
        assertThat(half.figures().get("fineTunedAdversarial")).isBetween(attacked / 2, attacked - 1);
        // a whole class keeps every point whatever the quantile
        UnlearningResult cls = amun.run(original, UnlearningFixture.forgetClass3(), MethodRegistry.params(amun,
                Map.of("lr", "0.1", "budget", "0", "radiusQuantile", "0.2")), JobContext.detached());
        assertThat(cls.figures().get("fineTunedAdversarial")).isEqualTo(cls.figures().get("adversarialSamples"));
    }

    @Test
    void nearPointsKeepTheLevelsUpToTheQuantileWithTies() {
        AdversarialSetStub stub = new AdversarialSetStub(new int[] {6, 4, 7, 5, 6, 9, 6});
        // sorted 4 5 6 6 6 7 9: the median level is 6, so the 7 and the 9 leave
        assertThat(AdversarialUnlearning.nearPoints(stub.set(), 0.5)).containsExactly(0, 1, 3, 4, 6);
        assertThat(AdversarialUnlearning.nearPoints(stub.set(), 0)).containsExactly(1);
        assertThat(AdversarialUnlearning.nearPoints(stub.set(), 1)).containsExactly(0, 1, 2, 3, 4, 5, 6);
    }

    /** A set of one-pixel points with the given levels. */
    private record AdversarialSetStub(int[] levels) {
        org.lethe.engine.attack.AdversarialSet set() {
            int n = levels.length;
            double[] eps = new double[n];
            for (int i = 0; i < n; i++) {
                eps[i] = 0.04 * Math.pow(2, levels[i]);
            }
            return new org.lethe.engine.attack.AdversarialSet(1, new float[n], new int[n], new int[n], new int[n], eps,
                    new double[n], levels, new int[n], new int[0], 0.04, 1, 10);
        }
    }

    @Test
    void amunSalunLeavesMaskedWeightsBitIdentical() {
        TrainedModel original = UnlearningFixture.original();
        DataSplits splits = UnlearningFixture.forgetRandom10();
        MethodDescriptor<?> method = registry.byId("amun-salun");
        AmunSalunParams params = (AmunSalunParams) MethodRegistry.params(method, Map.of("pgdSteps", "10"));
        UnlearningResult r = method.run(original, splits, params, JobContext.detached());
        INDArray mask = SaliencyMask.compute(original.network(), splits.forget(), 0.5, params.batchSize(),
                JobContext.detached());
        float[] m = mask.toFloatVector();
        float[] before = original.network().params().toFloatVector();
        float[] after = r.model().network().params().toFloatVector();
        int changed = 0;
        for (int i = 0; i < m.length; i++) {
            if (m[i] == 0) {
                assertThat(Float.floatToRawIntBits(after[i])).isEqualTo(Float.floatToRawIntBits(before[i]));
            } else if (after[i] != before[i]) {
                changed++;
            }
        }
        assertThat(changed).isGreaterThan(m.length / 4);
        assertThat(r.figures().get("maskedFraction")).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(r.model().provenance().method()).isEqualTo("amun-salun");
    }

    @Test
    void parametersAreValidatedAndShared() {
        assertThat(AmunSalunParams.defaults().amun()).isEqualTo(AmunParams.defaults());
        assertThat(AmunParams.defaults().eps0()).isEqualTo(0.04);
        assertThat(AmunParams.defaults().pgdSteps()).isEqualTo(1);
        assertThat(AmunParams.defaults().attack()).isEqualTo(AttackKind.FGM);
        assertThat(AmunParams.defaults().budget()).isEqualTo(0.08);
        assertThat(AmunParams.defaults().forgetLabels()).isEqualTo(ForgetLabels.DROP);
        assertThat(AmunParams.defaults().radiusQuantile()).isEqualTo(0.5);
        assertThat(AmunParams.defaults().lr()).isEqualTo(0.015);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MethodRegistry.params(registry.byId("amun"),
                Map.of("radiusQuantile", "1.5"))).isInstanceOf(MethodParamException.class)
                .hasMessageContaining("radiusQuantile");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MethodRegistry.params(registry.byId("amun"),
                Map.of("forgetLabels", "SOMETIMES"))).isInstanceOf(MethodParamException.class)
                .hasMessageContaining("forgetLabels");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MethodRegistry.params(registry.byId("amun-salun"),
                Map.of("maskRatio", "0"))).isInstanceOf(MethodParamException.class).hasMessageContaining("maskRatio");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MethodRegistry.params(registry.byId("amun"),
                Map.of("lrGamma", "2"))).isInstanceOf(MethodParamException.class).hasMessageContaining("lrGamma");
    }
}
