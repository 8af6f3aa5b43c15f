package org.lethe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.engine.experiment.sweep.SweepBackend;

/**
 * {@code lethe run --spark local[2]} against the in-process run of the same scenario: logistic
 * regression on 300 MNIST digits, two seeds, two RMIA reference models per seed, two methods (12
 * Spark tasks in three stages). Every metric, RMIA's included, must match to the last digit; only
 * timings may differ.
 */
class SparkSweepTest {

    private static final String TINY = """
            {"name": "tiny-sweep", "description": "logreg on 300 digits", "dataset": "mnist", "trainLimit": 300,
             "model": {"architecture": "logreg"},
             "training": {"epochs": 2, "batchSize": 32, "optimizer": "adam", "lr": 0.005, "momentum": 0.9,
                          "weightDecay": 0},
             "forget": "random:0.1", "seeds": [1, 2], "retainSample": 300, "referenceModels": 2,
             "methods": [{"id": "ft", "params": {"epochs": 1, "retainFraction": 0.5}},
                         {"id": "rl", "label": "RL (short)", "params": {"epochs": 1}}]}
            """;

    private static final Set<String> MEASURED = Set.of("seconds", "trainSeconds", "retrainSeconds", "speedup",
            "peakExtraBytes");

    private static JsonNode run(Path scenario, Path out, String... extra) throws Exception {
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        List<String> args = new java.util.ArrayList<>(List.of("run", scenario.toString(), "--out", out.toString(),
                "--threads", "1", "--json"));
        args.addAll(List.of(extra));
        int status = LetheCli.execute(new PrintWriter(stdout), new PrintWriter(stderr), args.toArray(String[]::new));
        assertThat(status).as(stderr.toString()).isZero();
        return new ObjectMapper().readTree(stdout.toString());
    }

    private static JsonNode withoutTimings(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(MEASURED);
            object.forEach(SparkSweepTest::strip);
        } else if (node instanceof ArrayNode array) {
            array.forEach(SparkSweepTest::strip);
        }
    }

    @Test
    void aSweepOnLocalSparkReportsWhatTheInProcessRunReports(@TempDir Path dir) throws Exception {
        assertThat(SweepBackend.find("spark")).as("the spark profile registers its backend").isPresent();
        Path scenario = dir.resolve("tiny.json");
        Files.writeString(scenario, TINY);
        JsonNode local = run(scenario, dir.resolve("local"));
        JsonNode spark = run(scenario, dir.resolve("spark"), "--spark", "local[2]");

        assertThat(withoutTimings(spark)).isEqualTo(withoutTimings(local));
        assertThat(spark.at("/perSeed/1/runs/1/metrics/miaAuc").asDouble())
                .isEqualTo(local.at("/perSeed/1/runs/1/metrics/miaAuc").asDouble());
        assertThat(spark.at("/methods/1/label").asText()).isEqualTo("RL (short)");
        assertThat(spark.at("/perSeed/1/runs/1/metrics/rmiaAuc").isNumber()).isTrue();
        assertThat(spark.at("/perSeed/1/runs/1/metrics/rmiaAuc").asDouble())
                .isEqualTo(local.at("/perSeed/1/runs/1/metrics/rmiaAuc").asDouble());

        Path sweep = dir.resolve("spark/sweep");
        for (String model : new String[] {"seed-1/original", "seed-1/retrained", "seed-2/method-0", "seed-2/method-1",
                "seed-1/reference-0", "seed-2/reference-1"}) {
            assertThat(sweep.resolve(model + ".lethe")).isRegularFile();
            assertThat(sweep.resolve(model + ".json")).isRegularFile();
        }
        List<String> tasks = Files.readAllLines(sweep.resolve("tasks.csv"));
        assertThat(tasks).hasSize(1 + 12);
        assertThat(tasks.subList(1, tasks.size())).allMatch(l -> l.contains("Executor task launch worker"));
        // the driver's charts were drawn from the models the executors stored
        assertThat(dir.resolve("spark/report.html")).isRegularFile();
        assertThat(dir.resolve("spark/charts/rmia-roc.png")).isRegularFile();
        assertThat(dir.resolve("local/sweep")).doesNotExist();
    }

    private static JsonNode sisa(String... extra) throws Exception {
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        List<String> args = new java.util.ArrayList<>(List.of("sisa", "--train-limit", "300", "--model", "logreg",
                "--shards", "3", "--slices", "2", "--epochs", "1", "--forget", "samples:3,40", "--seed", "4",
                "--threads", "1", "--json"));
        args.addAll(List.of(extra));
        int status = LetheCli.execute(new PrintWriter(stdout), new PrintWriter(stderr), args.toArray(String[]::new));
        assertThat(status).as(stderr.toString()).isZero();
        return new ObjectMapper().readTree(stdout.toString());
    }

    @Test
    void sisaShardsTrainedAsSparkTasksMatchTheInProcessEnsemble(@TempDir Path dir) throws Exception {
        JsonNode local = sisa();
        JsonNode spark = sisa("--spark", "local[2]", "--workspace", dir.resolve("ws").toString());
        assertThat(spark.get("trainedOn").asText()).startsWith("spark local[2]");
        assertThat(spark.get("shardParamsSha256")).isEqualTo(local.get("shardParamsSha256")).hasSize(3);
        assertThat(spark.get("models")).isEqualTo(local.get("models"));
        assertThat(spark.get("exact").asBoolean()).isTrue();
        for (int k = 0; k < 3; k++) {
            assertThat(dir.resolve("ws/sisa/shard-" + k + ".lethe-sisa")).isRegularFile();
        }
    }
}
