package org.lethe.engine.experiment.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.cli.LetheCli;
import org.lethe.engine.LetheException;

/** A tiny {@code sisa-shards} study run through {@code lethe run}, checked in its report.json. */
class SisaStudyTest {

    private static final String TINY = """
            {"kind": "sisa-shards", "name": "tiny-sisa", "description": "two shard counts on 300 digits",
             "dataset": "mnist", "trainLimit": 300, "seeds": [1, 2],
             "settings": {"sweep": "shards", "values": [1, 3], "model": "logreg", "epochs": 1, "batchSize": 32,
                          "lr": 0.005, "requests": 4}}
            """;

    @Test
    void aTinyShardSweepWritesOneRowPerValue(@TempDir Path dir) throws Exception {
        Path study = Files.writeString(dir.resolve("tiny.json"), TINY);
        Path out = dir.resolve("out");
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int status = LetheCli.execute(new PrintWriter(stdout), new PrintWriter(stderr), "run", study.toString(),
                "--out", out.toString(), "--threads", "1");
        assertThat(status).as(stderr.toString()).isZero();
        assertThat(stdout.toString()).contains("tiny-sisa (sisa-shards)");

        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(report.get("kind").asText()).isEqualTo("sisa-shards");
        JsonNode rows = report.get("rows");
        assertThat(rows).hasSize(2);
        JsonNode one = rows.get(0);
        JsonNode three = rows.get(1);
        assertThat(one.get("shards").asInt()).isEqualTo(1);
        assertThat(three.get("shards").asInt()).isEqualTo(3);
        assertThat(three.get("pointsPerShard").asDouble()).isEqualTo(100.0);
        for (JsonNode row : rows) {
            assertThat(row.get("accuracy").asDouble()).isBetween(20.0, 100.0);
            assertThat(row.get("accuracyStd").asDouble()).isNotNegative();
            assertThat(row.get("trainSeconds").asDouble()).isPositive();
            assertThat(row.get("retrainSeconds").asDouble()).isPositive();
            assertThat(row.get("fullRetrainSeconds").asDouble()).isPositive();
            assertThat(row.get("speedupWall").asDouble()).isEqualTo(
                    row.get("fullRetrainSeconds").asDouble() / row.get("retrainSeconds").asDouble());
            assertThat(row.get("retrainCpuSeconds").asDouble()).isPositive();
            assertThat(row.get("speedup").asDouble()).isEqualTo(
                    row.get("fullRetrainCpuSeconds").asDouble() / row.get("retrainCpuSeconds").asDouble());
        }
        // one shard: every request retrains it, and the ensemble is a single model like the baseline
        assertThat(one.get("shardsTouched").asDouble()).isEqualTo(1.0);
        assertThat(one.get("accuracy").asDouble()).isCloseTo(one.get("fullAccuracy").asDouble(),
                org.assertj.core.data.Offset.offset(5.0));
        // three shards: 4 requests touch between 1 and 3 of them
        assertThat(three.get("shardsTouched").asDouble()).isBetween(1.0, 3.0);
        assertThat(three.get("shardsTouchedExpected").asDouble()).isCloseTo(3 * (1 - Math.pow(2.0 / 3, 4)),
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(report.get("charts")).hasSize(2);
        assertThat(out.resolve("report.csv")).isRegularFile();
        assertThat(out.resolve("charts/speedup.png")).isRegularFile();
    }

    @Test
    void badSettingsNameTheField(@TempDir Path dir) throws Exception {
        Path vote = Files.writeString(dir.resolve("vote.json"), """
                {"kind": "sisa-shards", "name": "x", "dataset": "mnist",
                 "settings": {"sweep": "sharding", "values": ["label"], "aggregation": "vote"}}
                """);
        assertThatThrownBy(() -> StudyFiles.read(vote, Studies.standard())).isInstanceOf(LetheException.class)
                .hasMessageContaining("label sharding needs \"aggregation\": \"average\"");
        Path sweep = Files.writeString(dir.resolve("sweep.json"), """
                {"kind": "sisa-shards", "name": "x", "dataset": "mnist", "settings": {"sweep": "slices", "values": [1]}}
                """);
        assertThatThrownBy(() -> StudyFiles.read(sweep, Studies.standard())).isInstanceOf(LetheException.class)
                .hasMessageContaining("'sweep' must be one of [shards, model, sharding, requests]");
        Path model = Files.writeString(dir.resolve("model.json"), """
                {"kind": "sisa-shards", "name": "x", "dataset": "mnist",
                 "settings": {"sweep": "model", "values": ["mlp", "transformer"]}}
                """);
        assertThatThrownBy(() -> StudyFiles.read(model, Studies.standard())).hasMessageContaining("'transformer'");
        Path count = Files.writeString(dir.resolve("count.json"), """
                {"kind": "sisa-shards", "name": "x", "dataset": "mnist",
                 "settings": {"sweep": "shards", "values": [2, "many"]}}
                """);
        assertThatThrownBy(() -> StudyFiles.read(count, Studies.standard())).hasMessageContaining("'many'");
    }

    @Test
    void aRequestsSweepReadsEachRowOffOneRequestSequence(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("requests.json"), """
                {"kind": "sisa-shards", "name": "tiny-requests", "dataset": "mnist", "trainLimit": 200, "seeds": [3],
                 "settings": {"sweep": "requests", "values": [1, 6], "shards": 4, "slices": 2, "model": "logreg",
                              "epochs": 2, "lr": 0.005, "testLimit": 300}}
                """);
        var report = StudyFiles.read(file, Studies.standard()).run(org.lethe.engine.data.DatasetCatalog.fromEnvironment(),
                org.lethe.engine.job.JobContext.detached());
        assertThat(report.rows()).hasSize(2);
        var one = report.rows().get(0);
        var six = report.rows().get(1);
        assertThat(one.get("requests")).isEqualTo(1);
        assertThat(six.get("requests")).isEqualTo(6);
        // the same trained ensemble and baseline serve both rows
        assertThat(six.get("accuracy")).isEqualTo(one.get("accuracy"));
        assertThat(six.get("trainSeconds")).isEqualTo(one.get("trainSeconds"));
        assertThat(six.get("fullRetrainSeconds")).isEqualTo(one.get("fullRetrainSeconds"));
        assertThat(one.get("shardsTouched")).isEqualTo(1.0);
        assertThat((Double) six.get("shardsTouched")).isBetween(1.0, 4.0);
        assertThat(report.notes()).anyMatch(n -> n.contains("first 300 test images"));
    }
}
