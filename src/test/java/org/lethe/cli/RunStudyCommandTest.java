package org.lethe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lethe run} on a study file: the table on stdout and the report folder. */
class RunStudyCommandTest {

    private static final String STUDY = """
            {"kind": "deltagrad-deletion", "name": "tiny-deltagrad", "description": "two deletions",
             "dataset": "mnist", "trainLimit": 300, "seeds": [3],
             "settings": {"model": "logreg", "epochs": 10, "batchSize": 100, "lr": 0.1, "l2": 0.001,
                          "burnIn": 4, "period": 4, "deleteCounts": [2, 6]}}
            """;

    private record Run(int status, String out, String err) { }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = LetheCli.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void runsAStudyFileIntoJsonCsvHtmlAndCharts(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("study.json");
        Files.writeString(file, STUDY);
        Path out = dir.resolve("report");
        Run r = run("run", file.toString(), "--out", out.toString(), "--threads", "1");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("tiny-deltagrad (deltagrad-deletion)").contains("delete 2").contains("delete 6")
                .contains("‖DeltaGrad − retrained‖");
        assertThat(out.resolve("report.json")).isNotEmptyFile();
        assertThat(out.resolve("report.csv")).isNotEmptyFile();
        assertThat(out.resolve("report.html")).isNotEmptyFile();
        assertThat(out.resolve("charts/distances.png")).isNotEmptyFile();
        assertThat(out.resolve("charts/speedup.svg")).isNotEmptyFile();
        JsonNode json = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(json.get("kind").asText()).isEqualTo("deltagrad-deletion");
        assertThat(json.get("rows")).hasSize(2);
        assertThat(json.at("/rows/0/distanceRatio").asDouble()).isBetween(0.0, 1.0);
        assertThat(Files.readAllLines(out.resolve("report.csv")).get(0)).startsWith("request,deleted,added,");
        assertThat(Files.readString(out.resolve("report.html"))).contains("How to read it").contains("<td>delete 6</td>");
    }

    @Test
    void aBadSettingExitsTwoNamingTheField(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, STUDY.replace("\"burnIn\"", "\"burnin\""));
        Run r = run("run", file.toString(), "--out", dir.resolve("out").toString());
        assertThat(r.status()).isEqualTo(LetheCli.EXIT_BAD_INPUT);
        assertThat(r.err()).contains("unknown field 'settings.burnin'").contains("burnIn").doesNotContain("Exception");
        Files.writeString(file, STUDY.replace("\"deleteCounts\": [2, 6]", "\"deleteCounts\": []"));
        Run empty = run("run", file.toString(), "--out", dir.resolve("out").toString());
        assertThat(empty.status()).isEqualTo(LetheCli.EXIT_BAD_INPUT);
        assertThat(empty.err()).contains("bad.json").contains("no request");
        assertThat(dir.resolve("out")).doesNotExist();
    }
}
