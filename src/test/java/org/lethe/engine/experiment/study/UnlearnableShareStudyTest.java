package org.lethe.engine.experiment.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lethe.engine.experiment.study.DeltaGradDeletionStudyTest.number;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lethe.engine.LetheException;
import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.Architecture;
import org.lethe.engine.model.BatchHook;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.Trainer;
import org.lethe.engine.model.TrainingConfig;
import org.lethe.engine.unlearning.unlearnable.NoiseMode;

class UnlearnableShareStudyTest {

    private static final StudySpec SPEC = new StudySpec(UnlearnableShareStudy.KIND, "ue", "", "mnist", 300,
            List.of(1L), null);

    @Test
    void bothModesWithTheCleanOnlyBaselineAndShareZeroIsCleanTraining() {
        UnlearnableShareStudy.Settings settings = new UnlearnableShareStudy.Settings(
                List.of(NoiseMode.SAMPLE_WISE, NoiseMode.CLASS_WISE), List.of(0.0, 0.5, 1.0), Architecture.MLP,
                List.of(64), 1, 32, 2e-3, 16.0 / 255, null, 3, 3, null, 2, 100, 0.05, 0.5, null, null, null);
        StudyReport report = new UnlearnableShareStudy().run(SPEC, settings, DatasetCatalog.fromEnvironment(),
                JobContext.detached());

        assertThat(report.columns()).extracting(StudyReport.Column::id).containsExactly("share", "unlearnableCount",
                "testSample", "testClass", "baselineTest", "unlearnableSample", "unlearnableClass",
                "baselineUnlearnable", "cleanSample", "perturbedSample", "cleanClass", "perturbedClass");
        List<Map<String, Object>> rows = report.rows();
        assertThat(rows).extracting(r -> r.get("share")).containsExactly(0.0, 50.0, 100.0);
        assertThat(rows).extracting(r -> r.get("unlearnableCount")).containsExactly(0, 150, 300);

        // share 0: nothing is perturbed, so both modes and the D_c-only column are plain clean training
        Map<String, Object> clean = rows.get(0);
        ImageDataset data = DatasetCatalog.fromEnvironment().load("mnist", JobContext.detached()).limitTrain(300);
        double expected = 100 * new Trainer().train(ModelSpec.mlp(data.shape(), 10).withHiddenWidths(List.of(64))
                        .withSeed(1), data.train().all("train"), data.test().all("test"),
                TrainingConfig.adam(1, 32, 2e-3, 1), BatchHook.NONE, JobContext.detached()).last().testAccuracy();
        assertThat(number(clean, "testSample")).isEqualTo(expected);
        assertThat(number(clean, "testClass")).isEqualTo(expected);
        assertThat(number(clean, "baselineTest")).isEqualTo(expected);
        assertThat(number(clean, "unlearnableSample")).isNaN();

        Map<String, Object> half = rows.get(1);
        assertThat(number(half, "baselineTest")).isBetween(20.0, 100.0);
        assertThat(number(half, "perturbedSample")).isBetween(0.0, 100.0);
        // at share 1 there is no clean part to train the baseline on
        assertThat(number(rows.get(2), "baselineTest")).isNaN();
        assertThat(number(rows.get(2), "cleanSample")).isNaN();
        assertThat(report.charts()).hasSize(2);
        assertThat(report.charts().get(0).yColumns()).containsExactly("testSample", "testClass", "baselineTest");
        assertThat(report.notes()).anyMatch(n -> n.contains("seed 1, class-wise"));
    }

    @Test
    void badSettingsNameTheField() {
        assertThatThrownBy(() -> new UnlearnableShareStudy.Settings(null, List.of(0.5, 1.2), null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null))
                .isInstanceOf(LetheException.class).hasMessageContaining("shares").hasMessageContaining("1.2");
        assertThatThrownBy(() -> new UnlearnableShareStudy.Settings(null, null, null, null, null, null, null, 2.0,
                null, null, null, null, null, null, null, null, null, null, null))
                .isInstanceOf(LetheException.class).hasMessageContaining("eps");
        UnlearnableShareStudy.Settings defaults = new UnlearnableShareStudy.Settings(null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null);
        assertThat(defaults.modes()).containsExactly(NoiseMode.SAMPLE_WISE);
        assertThat(defaults.shares()).containsExactly(0.0, 0.2, 0.4, 0.6, 0.8, 1.0);
        assertThat(defaults.baseline()).isTrue();
    }
}
