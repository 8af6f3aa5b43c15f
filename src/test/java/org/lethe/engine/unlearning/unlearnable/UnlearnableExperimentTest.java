package org.lethe.engine.unlearning.unlearnable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lethe.engine.job.CancellationToken;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.job.ProgressListener;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.TrainingConfig;
import org.lethe.engine.unlearning.MethodParamException;

class UnlearnableExperimentTest {

    @Test
    void classWiseNoiseMakesTheDataUnlearnableAndReportsEveryShare() {
        // 0.25 is far above the paper's 8/255: an exploration radius that makes the effect large on 300 digits
        UnlearnableParams p = UnlearnableTestData.quick(NoiseMode.CLASS_WISE, 10).withEps(0.25).withStepSize(0.05)
                .withStop(0.99, 10);
        TrainingConfig training = TrainingConfig.adam(4, 32, 2e-3, 1);
        List<Double> progress = new java.util.ArrayList<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void progress(double fraction, String message) {
                progress.add(fraction);
            }
        };
        UnlearnableReport r = UnlearnableExperiment.run(UnlearnableTestData.DATA, new UnlearnableExperiment.Settings(
                UnlearnableTestData.mlp(), p, training, List.of(0.0, 0.5, 1.0), false, true),
                new JobContext(listener, new CancellationToken()));

        assertThat(r.shares()).extracting(ShareResult::unlearnableCount).containsExactly(0, 150, 300);
        assertThat(r.shares()).extracting(ShareResult::cleanCount).containsExactly(300, 150, 0);
        ShareResult none = r.shares().get(0);
        ShareResult all = r.shares().get(2);
        assertThat(none.unlearnableAccuracy()).isNaN();
        assertThat(all.cleanAccuracy()).isNaN();
        assertThat(none.testAccuracy()).isGreaterThan(0.7);
        // trained on nothing but perturbed digits, the model fits the noise and not the digits
        assertThat(all.perturbedAccuracy()).isGreaterThan(0.95);
        assertThat(all.testAccuracy()).isLessThan(none.testAccuracy() - 0.1);
        assertThat(all.unlearnableAccuracy()).isLessThan(none.cleanAccuracy() - 0.1);
        // half unlearnable: the model learns the clean half, the protected half much less
        ShareResult half = r.shares().get(1);
        assertThat(half.unlearnableAccuracy()).isLessThan(half.cleanAccuracy() - 0.05);
        // the D_c-only comparison: reused at share 0, trained on the 150 clean digits at 0.5, impossible at 1
        assertThat(none.baseline().testAccuracy()).isEqualTo(none.testAccuracy());
        assertThat(none.baseline().trainSeconds()).isZero();
        assertThat(half.baseline().trainSeconds()).isPositive();
        assertThat(half.baseline().testAccuracy()).isBetween(0.5, 1.0);
        assertThat(half.baseline().unlearnableAccuracy()).isBetween(0.5, 1.0);
        assertThat(all.baseline().testAccuracy()).isNaN();
        assertThat(r.noise().samples()).isEqualTo(300);
        assertThat(r.noise().iterations()).isBetween(1, 10);
        assertThat(r.noise().maxAbs()).isLessThanOrEqualTo(0.25 + 1e-7);
        assertThat(progress).isNotEmpty();
        assertThat(progress.get(progress.size() - 1)).isEqualTo(1.0);
    }

    @Test
    void randomNoiseControlNeedsNoSearchAndSameSettingsRepeatExactly() {
        UnlearnableParams p = UnlearnableTestData.quick(NoiseMode.SAMPLE_WISE, 2);
        UnlearnableExperiment.Settings s = new UnlearnableExperiment.Settings(UnlearnableTestData.mlp(), p,
                TrainingConfig.adam(1, 32, 1e-3, 1), List.of(0.3), true, false);
        UnlearnableReport a = UnlearnableExperiment.run(UnlearnableTestData.DATA, s, JobContext.detached());
        UnlearnableReport b = UnlearnableExperiment.run(UnlearnableTestData.DATA, s, JobContext.detached());
        assertThat(a.randomNoise()).isTrue();
        assertThat(a.noise().iterations()).isZero();
        assertThat(a.shares().get(0).unlearnableCount()).isEqualTo(90);
        assertThat(a.shares().get(0).baseline()).isNull();
        assertThat(a.shares().get(0).testAccuracy()).isEqualTo(b.shares().get(0).testAccuracy());
        assertThat(a.shares().get(0).unlearnableAccuracy()).isEqualTo(b.shares().get(0).unlearnableAccuracy());
    }

    @Test
    void unlearnableSetsAreNestedAcrossShares() {
        int[] perm = UnlearnableExperiment.permutation(50, 9);
        assertThat(perm).hasSize(50).doesNotHaveDuplicates();
        assertThat(UnlearnableExperiment.permutation(50, 9)).containsExactly(perm);
    }

    @Test
    void badSettingsGiveDomainErrors() {
        UnlearnableParams p = UnlearnableParams.defaults();
        TrainingConfig t = TrainingConfig.adam(1, 32, 1e-3, 1);
        assertThatThrownBy(() -> new UnlearnableExperiment.Settings(UnlearnableTestData.mlp(), p, t, List.of(1.5),
                false, false)).isInstanceOf(MethodParamException.class).hasMessageContaining("1.5");
        assertThatThrownBy(() -> new UnlearnableExperiment.Settings(UnlearnableTestData.mlp(), p, t, List.of(),
                false, false)).isInstanceOf(MethodParamException.class).hasMessageContaining("shares");
        ModelSpec cifar = ModelSpec.cifarCnn();
        assertThatThrownBy(() -> UnlearnableExperiment.run(UnlearnableTestData.DATA,
                new UnlearnableExperiment.Settings(cifar, p, t, List.of(0.5), false, false), JobContext.detached()))
                .isInstanceOf(MethodParamException.class).hasMessageContaining("cannot train on");
    }
}
