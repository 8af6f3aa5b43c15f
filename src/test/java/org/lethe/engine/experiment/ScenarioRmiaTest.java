package org.lethe.engine.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.engine.LetheException;
import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.unlearning.MethodRegistry;
import org.lethe.viz.ChartStyle;
import org.lethe.viz.report.ReportExport;

/**
 * A scenario with {@code "referenceModels": 2}: reference models are trained as sweep tasks and
 * every model of the report gets RMIA's numbers (report.json, report.csv, report.html, a log-log
 * ROC chart).
 */
class ScenarioRmiaTest {

    private static final String SCENARIO = """
            {"name": "tiny-rmia", "description": "MLP on 600 digits, two reference models", "dataset": "mnist",
             "trainLimit": 600, "model": {"architecture": "mlp", "hiddenWidths": [64]},
             "training": {"epochs": 8, "batchSize": 32, "optimizer": "adam", "lr": 0.002, "momentum": 0.9,
                          "weightDecay": 0},
             "forget": "random:0.1", "seeds": [3], "retainSample": 540, "referenceModels": 2,
             "methods": [{"id": "ft", "params": {"epochs": 1, "retainFraction": 0.5}}]}
            """;

    private static final List<String> RMIA_FIELDS = List.of("rmiaAuc", "rmiaAucRetain", "tprAt1Fpr", "tprAt01Fpr");

    @Test
    void referenceModelsGiveEveryModelRmiaNumbersAndTheOriginalLeaksMoreThanTheRetrainedModel(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("tiny-rmia.json");
        Files.writeString(file, SCENARIO);
        Scenario scenario = ScenarioFiles.read(file);
        assertThat(scenario.referenceModelCount()).isEqualTo(2);
        ScenarioRunner.Result result = new ScenarioRunner(MethodRegistry.standard(), DatasetCatalog.fromEnvironment())
                .run(scenario, JobContext.detached());
        ReportExport.write(result, dir.resolve("out"), ChartStyle.standard());

        JsonNode json = new ObjectMapper().readTree(dir.resolve("out/report.json").toFile());
        for (String at : List.of("/original", "/retrained", "/methods/0/models/unlearned", "/perSeed/0/original",
                "/perSeed/0/runs/0/metrics")) {
            for (String field : RMIA_FIELDS) {
                assertThat(json.at(at + "/" + field).isNumber()).as(at + "/" + field).isTrue();
            }
            assertThat(json.at(at + "/miaAuc").isNumber()).as("old names stay").isTrue();
        }
        double original = json.at("/original/rmiaAuc").asDouble();
        double retrained = json.at("/retrained/rmiaAuc").asDouble();
        // the original trained on the forget set, the retrained model did not
        assertThat(original).isGreaterThan(retrained + 5);
        assertThat(retrained).isBetween(35.0, 65.0);
        assertThat(json.at("/original/tprAt01Fpr").asDouble()).isLessThanOrEqualTo(
                json.at("/original/tprAt1Fpr").asDouble());

        List<String> csv = Files.readAllLines(dir.resolve("out/report.csv"));
        assertThat(csv.get(0)).endsWith(",rmiaAuc,rmiaAucRetain,tprAt1Fpr,tprAt01Fpr");
        assertThat(csv).hasSize(1 + 3);
        assertThat(csv.get(1).split(",", -1)).hasSize(csv.get(0).split(",").length);
        assertThat(Files.readString(dir.resolve("out/report.html"))).contains("<th>RMIA AUC</th>", "TPR @ 0.1% FPR");
        assertThat(dir.resolve("out/charts/rmia-roc.png")).isRegularFile();
        assertThat(result.lastSeedModels()).allMatch(m -> m.rmiaRoc() != null);
        assertThat(result.lastSeedModels().get(0).rmiaRoc().auc() * 100).isEqualTo(
                result.report().perSeed().get(0).original().rmiaAuc());
    }

    @Test
    void referenceModelCountsOutsideTwoToSixtyFourAreRefusedWithTheFileAndTheRange(@TempDir Path dir)
            throws Exception {
        for (String bad : List.of("1", "65", "-2")) {
            Path file = dir.resolve("bad" + bad + ".json");
            Files.writeString(file, SCENARIO.replace("\"referenceModels\": 2", "\"referenceModels\": " + bad));
            assertThatThrownBy(() -> ScenarioFiles.read(file)).isInstanceOf(LetheException.class)
                    .hasMessageContaining(file.getFileName().toString())
                    .hasMessageContaining("referenceModels is " + bad).hasMessageContaining("from 2 to 64");
        }
        Path off = dir.resolve("off.json");
        Files.writeString(off, SCENARIO.replace("\"referenceModels\": 2", "\"referenceModels\": 0"));
        assertThat(ScenarioFiles.read(off).referenceModels()).isNull();
        Path none = dir.resolve("none.json");
        Files.writeString(none, SCENARIO.replace(", \"referenceModels\": 2", ""));
        assertThat(ScenarioFiles.read(none).referenceModelCount()).isZero();
    }
}
