package org.lethe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code lethe bench soak}: a few tiny cycles, checking the figures it reports (issue #8). */
class BenchSoakCommandTest {

    @Test
    void reportsMemoryPerCycleAndGrowthAfterTheWarmUp() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = LetheCli.execute(new PrintWriter(out), new PrintWriter(err), "bench", "soak", "--cycles", "4",
                "--warmup-cycles", "1", "--model", "logreg", "--train-limit", "300", "--methods", "ga,ft",
                "--threads", "1", "--json");
        assertThat(status).as(err.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("cycles")).hasSize(4);
        assertThat(json.get("trainImages").asInt()).isEqualTo(300);
        assertThat(json.get("methods").toString()).isEqualTo("[\"ga\",\"ft\"]");
        for (JsonNode cycle : json.get("cycles")) {
            assertThat(cycle.get("heapBytes").asLong()).isPositive();
            assertThat(cycle.get("seconds").asDouble()).isPositive();
            assertThat(cycle.has("offHeapBytes")).isTrue();
            assertThat(cycle.get("physicalBytes").asLong()).isPositive();
            if (System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
                assertThat(cycle.get("rssBytes").asLong()).isGreaterThan(cycle.get("heapBytes").asLong());
            }
        }
        assertThat(json.get("growthWindow").asText()).isEqualTo("median of cycles 2-4 vs 2-4");
        assertThat(json.at("/growthPercent/heap").asDouble()).isZero();
        assertThat(json.get("goalPercent").asDouble()).isEqualTo(5.0);
        assertThat(json.has("metGoal")).isTrue();
    }

    @Test
    void badCycleCountsAreRefused() {
        StringWriter err = new StringWriter();
        int status = LetheCli.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "bench", "soak",
                "--cycles", "3", "--warmup-cycles", "3");
        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("--cycles must be at least 1 and larger than --warmup-cycles (3)");
    }
}
