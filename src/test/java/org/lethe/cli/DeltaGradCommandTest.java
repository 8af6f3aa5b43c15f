package org.lethe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class DeltaGradCommandTest {

    private record Run(int status, String out, String err) { }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = LetheCli.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void deletesAndAddsAndReportsTheUnlearnCommandsFields() throws Exception {
        Run r = run("deltagrad", "--dataset", "mnist", "--train-limit", "400", "--model", "logreg", "--epochs", "30",
                "--batch-size", "200", "--lr", "0.1", "--l2", "1e-3", "--burn-in", "6", "--period", "5",
                "--delete-count", "4", "--add-count", "2", "--seed", "3", "--threads", "1", "--json");
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("method").asText()).isEqualTo("deltagrad");
        assertThat(json.at("/forget/count").asInt()).isEqualTo(4);
        assertThat(json.at("/added/count").asInt()).isEqualTo(2);
        assertThat(json.get("trainingSize").asInt()).isEqualTo(398);
        assertThat(json.get("iterations").asInt()).isEqualTo(60);
        assertThat(json.get("approximateSteps").asInt()).isPositive();
        assertThat(json.get("storageBytes").asLong()).isGreaterThanOrEqualTo(2L * 60 * 7850 * 8);
        assertThat(json.get("seconds").asDouble()).isPositive();
        assertThat(json.get("retrainSeconds").asDouble()).isPositive();
        assertThat(json.get("speedup").asDouble())
                .isCloseTo(json.get("retrainSeconds").asDouble() / json.get("seconds").asDouble(),
                        org.assertj.core.data.Percentage.withPercentage(1e-6));
        double distance = json.get("l2ToRetrained").asDouble();
        double originalDistance = json.get("l2OriginalToRetrained").asDouble();
        assertThat(distance).isLessThan(0.2 * originalDistance);
        for (String m : new String[] {"original", "retrained", "unlearned"}) {
            assertThat(json.at("/models/" + m + "/forgetAccuracy").isNumber()).isTrue();
            assertThat(json.at("/models/" + m + "/addedAccuracy").isNumber()).isTrue();
            assertThat(json.at("/models/" + m + "/retainAccuracy").asDouble()).isGreaterThan(70);
            assertThat(json.at("/models/" + m + "/testAccuracy").asDouble()).isGreaterThan(60);
        }
    }

    @Test
    void unsupportedModelsAndEmptyRequestsExitTwoWithOneLine() {
        Run lenet = run("deltagrad", "--train-limit", "300", "--model", "lenet", "--delete-count", "1", "--epochs", "1");
        assertThat(lenet.status()).isEqualTo(2);
        assertThat(lenet.err().strip()).doesNotContain("\n").contains("logreg and mlp").contains("lenet");
        Run nothing = run("deltagrad", "--train-limit", "300", "--epochs", "1");
        assertThat(nothing.status()).isEqualTo(2);
        assertThat(nothing.err()).contains("nothing to do");
        Run both = run("deltagrad", "--train-limit", "300", "--delete-count", "1", "--delete-fraction", "0.1");
        assertThat(both.status()).isEqualTo(2);
    }

    @Test
    void methodsListsTheTrainingTimeMethodsApart() throws Exception {
        Run json = run("methods", "--json");
        assertThat(json.status()).isZero();
        JsonNode list = new ObjectMapper().readTree(json.out());
        JsonNode deltagrad = null;
        int trainingTime = 0;
        for (JsonNode m : list) {
            if (m.get("trainingTime").asBoolean()) {
                trainingTime++;
            }
            if (m.get("id").asText().equals("deltagrad")) {
                deltagrad = m;
            }
            if (m.get("id").asText().equals("ga")) {
                assertThat(m.get("trainingTime").asBoolean()).isFalse();
            }
        }
        assertThat(trainingTime).isEqualTo(5);
        assertThat(deltagrad).isNotNull();
        assertThat(deltagrad.get("command").asText()).isEqualTo("lethe deltagrad");
        assertThat(deltagrad.get("models").toString()).isEqualTo("[\"logreg\",\"mlp\"]");

        Run text = run("methods");
        assertThat(text.out()).contains("Training-time methods");
        String section = text.out().substring(text.out().indexOf("Training-time methods"));
        assertThat(section).contains("sisa", "amnesiac", "per-sample-amnesiac", "deltagrad", "unlearnable-examples",
                "lethe unlearnable");
    }
}
