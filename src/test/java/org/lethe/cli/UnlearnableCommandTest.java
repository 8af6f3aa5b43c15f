package org.lethe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class UnlearnableCommandTest {

    @Test
    void sweepsTheSharesAndPrintsJson() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = LetheCli.execute(new PrintWriter(out), new PrintWriter(err), "unlearnable", "--dataset", "mnist",
                "--train-limit", "300", "--model", "logreg", "--mode", "class", "--eps", "16/255",
                "--noise-batch-size", "100", "--class-subset", "1", "--max-iterations", "2", "--epochs", "1",
                "--shares", "0,0.5,1", "--seed", "3", "--threads", "1", "--json");
        assertThat(status).as(err.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("mode").asText()).isEqualTo("class");
        assertThat(json.get("eps").asDouble()).isEqualTo(16.0 / 255);
        assertThat(json.get("stepSize").asDouble()).isCloseTo(1.6 / 255, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(json.get("noiseSteps").asInt()).isBetween(1, 2);
        assertThat(json.get("noiseSeconds").asDouble()).isPositive();
        assertThat(json.get("noiseMaxAbs").asDouble()).isLessThanOrEqualTo(16.0 / 255 + 1e-7);
        JsonNode shares = json.get("shares");
        assertThat(shares).hasSize(3);
        assertThat(shares.get(0).get("share").asDouble()).isZero();
        assertThat(shares.get(0).get("unlearnableAccuracy").isNull()).isTrue();
        assertThat(shares.get(1).get("unlearnableCount").asInt()).isEqualTo(150);
        assertThat(shares.get(2).get("cleanAccuracy").isNull()).isTrue();
        for (JsonNode row : shares) {
            assertThat(row.get("testAccuracy").asDouble()).isBetween(5.0, 100.0);
            assertThat(row.get("seconds").asDouble()).isPositive();
        }
        assertThat(shares.get(1).get("cleanAccuracy").asDouble()).isBetween(0.0, 100.0);
        assertThat(shares.get(1).get("unlearnableAccuracy").asDouble()).isBetween(0.0, 100.0);
        assertThat(shares.get(1).get("baselineTestAccuracy").asDouble()).isBetween(5.0, 100.0);
        assertThat(shares.get(1).get("baselineSeconds").asDouble()).isPositive();
        assertThat(shares.get(2).get("baselineTestAccuracy").isNull()).isTrue();
    }

    @Test
    void badValuesExitWithStatusTwoAndOneLine() {
        String[][] cases = {
                {"--eps", "eight"},
                {"--mode", "pixel"},
                {"--shares", "0,1.5"},
                {"--eps", "2"}};
        String[] expected = {"--eps must be a number", "mode must be 'sample' or 'class'", "share must be in [0, 1]",
                "eps must be in"};
        for (int i = 0; i < cases.length; i++) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int status = LetheCli.execute(new PrintWriter(out), new PrintWriter(err), "unlearnable", "--train-limit",
                    "50", cases[i][0], cases[i][1], "--threads", "1");
            assertThat(status).as(err.toString()).isEqualTo(LetheCli.EXIT_BAD_INPUT);
            assertThat(err.toString()).startsWith("error: ").contains(expected[i]);
        }
    }

    @Test
    void fractionsAreParsed() {
        assertThat(UnlearnableCommand.number("--eps", "8/255")).isEqualTo(8.0 / 255);
        assertThat(UnlearnableCommand.number("--eps", " 0.1 ")).isEqualTo(0.1);
    }
}
