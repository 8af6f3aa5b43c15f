package org.lethe.engine.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.engine.LetheException;
import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.unlearning.MethodRegistry;

class ScenarioRunnerTest {

    private static final String SCENARIO = """
            {"name": "tiny", "description": "two seeds, two methods", "dataset": "mnist", "trainLimit": 1500,
             "model": {"architecture": "mlp", "hiddenWidths": [64]},
             "training": {"epochs": 4, "batchSize": 32, "optimizer": "adam", "lr": 0.002, "momentum": 0.9,
                          "weightDecay": 0},
             "forget": "random:0.1", "seeds": [1, 2], "retainSample": 1000,
             "methods": [{"id": "ft", "params": {"epochs": 2, "retainFraction": 0.3}},
                         {"id": "ga", "label": "GA (short)", "params": {"epochs": 1}}]}
            """;

    private static ScenarioRunner.Result run(Path dir) throws Exception {
        Path file = dir.resolve("tiny.json");
        Files.writeString(file, SCENARIO);
        return new ScenarioRunner(MethodRegistry.standard(), DatasetCatalog.fromEnvironment())
                .run(ScenarioFiles.read(file), JobContext.detached());
    }

    @Test
    void runsEverySeedAndMethodAndWritesAStableReport(@TempDir Path dir) throws Exception {
        ScenarioRunner.Result result = run(dir);
        ScenarioReport report = result.report();
        assertThat(report.perSeed()).hasSize(2);
        assertThat(report.methods()).extracting(ScenarioReport.MethodSummary::label)
                .containsExactly("Fine-tune (FT)", "GA (short)");
        assertThat(report.perSeed().get(0).forgetCount()).isEqualTo(150);
        // the retrained model never saw the forget set: its forget accuracy is close to its test accuracy
        assertThat(Math.abs(report.retrained().forgetAccuracy() - report.retrained().testAccuracy())).isLessThan(8);
        assertThat(report.original().forgetAccuracy()).isGreaterThan(report.retrained().forgetAccuracy());
        assertThat(report.retrained().l2ToRetrained()).isZero();
        assertThat(report.original().l2ToRetrained()).isPositive();
        assertThat(report.methods().get(0).avgGap().count()).isEqualTo(2);
        assertThat(result.lastSeedModels()).hasSize(4);

        ReportFiles.writeJson(report, dir);
        ReportFiles.writeCsv(report, dir);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        for (String field : new String[] {"scenario", "seeds", "methods", "retrained", "original"}) {
            assertThat(json.has(field)).as(field).isTrue();
        }
        JsonNode m = json.at("/methods/0");
        for (String field : new String[] {"method", "params", "avgGap", "seconds", "retrainSeconds", "models"}) {
            assertThat(m.has(field)).as(field).isTrue();
        }
        assertThat(m.at("/avgGap/mean").isNumber()).isTrue();
        for (String metric : new String[] {"forgetAccuracy", "retainAccuracy", "testAccuracy", "miaAuc",
                "miaEfficacy", "l2ToRetrained", "klToRetrained"}) {
            assertThat(m.at("/models/unlearned/" + metric).isNumber()).as(metric).isTrue();
        }
        assertThat(Files.readAllLines(dir.resolve("report.csv"))).hasSize(1 + 2 * 4);

        // same scenario and seeds: the same numbers (timings aside)
        ScenarioReport again = run(dir).report();
        assertThat(again.perSeed().get(1).runs().get(1).metrics()).isEqualTo(report.perSeed().get(1).runs().get(1).metrics());
        assertThat(again.retrained()).isEqualTo(report.retrained());
    }

    @Test
    void badScenarioFilesGetClearErrors(@TempDir Path dir) throws Exception {
        Path typo = dir.resolve("typo.json");
        Files.writeString(typo, SCENARIO.replace("\"seeds\"", "\"sedes\""));
        assertThatThrownBy(() -> ScenarioFiles.read(typo)).isInstanceOf(LetheException.class)
                .hasMessageContaining("typo.json").hasMessageContaining("unknown field 'sedes'");
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"name\": ");
        assertThatThrownBy(() -> ScenarioFiles.read(broken)).isInstanceOf(LetheException.class)
                .hasMessageContaining("broken.json").hasMessageContaining("not a valid scenario");
        Path noForget = dir.resolve("noforget.json");
        Files.writeString(noForget, SCENARIO.replace("\"forget\": \"random:0.1\",", ""));
        assertThatThrownBy(() -> ScenarioFiles.read(noForget)).isInstanceOf(LetheException.class)
                .hasMessageContaining("'forget' is missing");
    }
}
