package org.lethe.engine.experiment.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lethe.engine.LetheException;
import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.Architecture;

class DeltaGradDeletionStudyTest {

    private static final StudySpec SPEC = new StudySpec(DeltaGradDeletionStudy.KIND, "dg", "", "mnist", 400,
            List.of(1L), null);

    @Test
    void deletionsAndAnAdditionLandCloserToTheRetrainThanTheOriginal() {
        DeltaGradDeletionStudy.Settings settings = new DeltaGradDeletionStudy.Settings(Architecture.LOGREG, null, 30,
                200, 0.1, null, null, 1e-3, null, 5, 6, List.of(2, 8), List.of(0.01), List.of(4));
        StudyReport report = new DeltaGradDeletionStudy().run(SPEC, settings, DatasetCatalog.fromEnvironment(),
                JobContext.detached());

        assertThat(report.kind()).isEqualTo("deltagrad-deletion");
        assertThat(report.columns()).extracting(StudyReport.Column::id).containsExactly("request", "deleted", "added",
                "exactSteps", "approximateSteps", "l2OriginalToRetrained", "l2ToRetrained", "distanceRatio",
                "retrainSeconds", "seconds", "speedup", "cpuSpeedup", "testOriginal", "testRetrained",
                "testDeltaGrad");
        List<Map<String, Object>> rows = report.rows();
        assertThat(rows).extracting(r -> r.get("request")).containsExactly("delete 2", "delete 8", "delete 1% (4)",
                "add 4");
        assertThat(rows).extracting(r -> r.get("deleted")).containsExactly(2, 8, 4, 0);
        assertThat(rows).extracting(r -> r.get("added")).containsExactly(0, 0, 0, 4);
        for (Map<String, Object> row : rows) {
            assertThat(number(row, "distanceRatio")).as("%s", row).isGreaterThan(0).isLessThan(0.5);
            assertThat(number(row, "l2OriginalToRetrained")).isGreaterThan(number(row, "l2ToRetrained"));
            assertThat(number(row, "approximateSteps")).isPositive();
            assertThat(number(row, "exactSteps")).isPositive();
            assertThat(number(row, "speedup")).isPositive();
            assertThat(number(row, "testDeltaGrad")).isGreaterThan(60).isCloseTo(number(row, "testRetrained"),
                    org.assertj.core.data.Offset.offset(2.0));
        }
        // every deletion is served from the same trained model: the snapshot leaves the cache alone
        assertThat(rows.get(1).get("testOriginal")).isEqualTo(rows.get(0).get("testOriginal"));
        // a larger deletion moves the model further
        assertThat(number(rows.get(1), "l2OriginalToRetrained")).isGreaterThan(number(rows.get(0),
                "l2OriginalToRetrained"));
        assertThat(report.charts()).extracting(StudyChart::xColumn).containsOnly("deleted");
        assertThat(report.notes()).anyMatch(n -> n.contains("How to read it"));
    }

    @Test
    void settingsRefuseUnsupportedModelsAndEmptySweeps() {
        assertThatThrownBy(() -> new DeltaGradDeletionStudy.Settings(Architecture.LENET, null, null, null, null, null,
                null, null, null, null, null, List.of(1), null, null)).isInstanceOf(LetheException.class)
                .hasMessageContaining("logreg and mlp").hasMessageContaining("lenet");
        assertThatThrownBy(() -> new DeltaGradDeletionStudy.Settings(null, null, null, null, null, null, null, null,
                null, null, null, null, null, null)).hasMessageContaining("no request");
        assertThatThrownBy(() -> new DeltaGradDeletionStudy.Settings(null, null, null, null, null, null, null, null,
                null, null, null, null, List.of(1.5), null)).hasMessageContaining("deleteFractions");
        DeltaGradDeletionStudy.Settings defaults = new DeltaGradDeletionStudy.Settings(null, null, null, null, null,
                null, null, null, null, null, null, List.of(6), null, null);
        assertThat(defaults.epochs()).isEqualTo(20);
        assertThat(defaults.batchSize()).isEqualTo(1024);
        assertThat(defaults.params().period()).isEqualTo(5);
    }

    static double number(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).doubleValue();
    }
}
