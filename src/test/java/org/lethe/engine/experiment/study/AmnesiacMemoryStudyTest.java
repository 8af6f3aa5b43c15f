package org.lethe.engine.experiment.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lethe.engine.experiment.study.DeltaGradDeletionStudyTest.number;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.Architecture;

class AmnesiacMemoryStudyTest {

    private static final StudySpec SPEC = new StudySpec(AmnesiacMemoryStudy.KIND, "am", "", "mnist", 300,
            List.of(1L), null);

    @Test
    void perSampleStoresOneVectorPerSampleAndStaysCloserToTheRetrain() {
        AmnesiacMemoryStudy.Settings settings = new AmnesiacMemoryStudy.Settings(List.of(5, 40), Architecture.MLP,
                List.of(32), 1, 32, 0.05);
        StudyReport report = new AmnesiacMemoryStudy().run(SPEC, settings, DatasetCatalog.fromEnvironment(),
                JobContext.detached());

        assertThat(report.columns()).extracting(StudyReport.Column::id).startsWith("method", "count", "undone",
                "forgetAccuracy", "retainAccuracy", "testAccuracy", "forgetLoss", "l2ToRetrained", "storedBytes",
                "storedMB", "seconds");
        List<Map<String, Object>> rows = report.rows();
        assertThat(rows).extracting(r -> r.get("method")).containsExactly("original", "retrain", "amnesiac",
                "per-sample amnesiac", "original", "retrain", "amnesiac", "per-sample amnesiac");
        assertThat(rows).extracting(r -> r.get("count")).containsExactly(5, 5, 5, 5, 40, 40, 40, 40);
        long params = 784L * 32 + 32 + 32 * 10 + 10;
        for (int i = 0; i < rows.size(); i += 4) {
            Map<String, Object> retrain = rows.get(i + 1);
            Map<String, Object> amnesiac = rows.get(i + 2);
            Map<String, Object> perSample = rows.get(i + 3);
            int count = (Integer) perSample.get("count");
            assertThat(number(retrain, "l2ToRetrained")).isZero();
            assertThat(number(perSample, "storedBytes")).isEqualTo(count * params * 4.0);
            assertThat(number(perSample, "undone")).isEqualTo(count);
            assertThat(number(amnesiac, "storedBytes")).isEqualTo(number(amnesiac, "undone") * params * 4);
            assertThat(number(amnesiac, "undone")).isBetween(1.0, 10.0); // 300 samples / batch 32 = 10 batches
            assertThat(number(perSample, "l2ToRetrained")).isLessThan(number(amnesiac, "l2ToRetrained"));
            assertThat(number(perSample, "storedMB")).isEqualTo(number(perSample, "storedBytes") / 1e6);
        }
        // more sensitive samples touch more batches
        assertThat(number(rows.get(6), "undone")).isGreaterThan(number(rows.get(2), "undone"));
        assertThat(report.charts()).extracting(StudyChart::id).containsExactly("distance", "memory");
    }
}
