package org.lethe.engine.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.engine.LetheException;
import org.lethe.engine.evaluation.EvaluatedModel;
import org.lethe.engine.evaluation.ModelEvaluator;
import org.lethe.engine.evaluation.metric.Roc;
import org.lethe.engine.evaluation.mia.MiaEfficacy;

/** A workbench comparison written as a {@code lethe run} report, and the per-sample MIA helpers. */
class ComparisonReportTest {

    private static Comparison withoutRetrain;
    private static Comparison full;

    @BeforeAll
    static void compare() {
        withoutRetrain = ComparisonFixture.start();
        full = ComparisonFixture.full();
    }

    @Test
    void theReportHoldsTheComparisonsNumbersUnderTheStableFieldNames(@TempDir Path dir) throws Exception {
        ScenarioRunner.Result result = ComparisonReport.of(full, "workbench", "forget 3", 42);
        ScenarioReport report = result.report();
        Comparison.Row ftRow = full.rows().get(2);
        assertThat(report.scenario()).isEqualTo("workbench");
        assertThat(report.dataset()).isEqualTo("MNIST-small");
        assertThat(report.forget()).isEqualTo(full.splits().forgetSpec());
        assertThat(report.seeds()).containsExactly(42L);
        assertThat(report.original()).isEqualTo(full.original().metrics());
        assertThat(report.retrained()).isEqualTo(full.retrained().orElseThrow().evaluated().metrics());
        assertThat(report.methods()).hasSize(1);
        ScenarioReport.MethodSummary m = report.methods().get(0);
        assertThat(m.method()).isEqualTo("ft");
        assertThat(m.label()).isEqualTo("FT");
        assertThat(m.avgGap().mean()).isEqualTo(ftRow.avgGap()).isPositive();
        assertThat(m.seconds()).isEqualTo(ftRow.seconds());
        assertThat(m.speedup()).isCloseTo(report.retrainSeconds() / m.seconds(), within(1e-9));
        assertThat(m.models().get("unlearned")).isEqualTo(ftRow.evaluated().metrics());
        assertThat(m.params().has("epochs")).isTrue();
        assertThat(report.perSeed()).singleElement().satisfies(s -> {
            assertThat(s.forgetCount()).isEqualTo(full.splits().forget().size());
            assertThat(s.runs()).extracting(ScenarioReport.RunRecord::label).containsExactly("FT");
        });
        assertThat(result.lastSeedModels()).extracting(EvaluatedModel::name)
                .containsExactly("Original", "Retrain", "FT");
        assertThat(result.classNames()).hasSize(10);

        ReportFiles.writeJson(report, dir);
        ReportFiles.writeCsv(report, dir);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        assertThat(json.at("/methods/0/avgGap/mean").asDouble()).isEqualTo(ftRow.avgGap());
        assertThat(json.at("/methods/0/models/unlearned/forgetAccuracy").asDouble())
                .isEqualTo(ftRow.evaluated().metrics().forgetAccuracy());
        assertThat(json.at("/retrained/l2ToRetrained").asDouble()).isZero();
        assertThat(json.at("/original/miaAuc").isNumber()).isTrue();
        List<String> csv = Files.readAllLines(dir.resolve("report.csv"));
        assertThat(csv).hasSize(4);
        assertThat(csv.get(3)).startsWith("42,FT,ft,");
    }

    @Test
    void withoutARetrainedModelTheReportSaysWhatToDo() {
        assertThatThrownBy(() -> ComparisonReport.of(withoutRetrain, "early", "", 1))
                .isInstanceOf(LetheException.class).hasMessageContaining("queue Retrain first");
    }

    @Test
    void perSampleMembershipCallsAndTheRocAgreeWithTheTable() {
        for (EvaluatedModel model : full.models()) {
            MiaEfficacy attack = full.evaluator().membershipAttack(model);
            assertThat(100 * attack.nonMemberRate(model.forget().trueClassProbability()))
                    .as(model.name()).isCloseTo(model.metrics().miaEfficacy(), within(1e-9));
            double auc = Roc.of(model.forget().trueClassProbability(),
                    ModelEvaluator.sameClassTestScores(model.forget(), model.test())).auc();
            assertThat(100 * auc).as(model.name()).isCloseTo(model.metrics().miaAuc(), within(1e-9));
        }
        // class 3 only: the non-member scores are the test threes
        long threes = java.util.Arrays.stream(full.original().test().labels()).filter(l -> l == 3).count();
        assertThat(ModelEvaluator.sameClassTestScores(full.original().forget(), full.original().test()))
                .hasSize((int) threes);
    }
}
