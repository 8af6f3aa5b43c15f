package org.lethe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train, unlearn and methods end to end on a small slice of the bundled MNIST. */
class TrainAndUnlearnCommandTest {

    private record Run(int status, String out, String err) { }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = LetheCli.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void trainSavesAModelThatUnlearnReadsAndOnlyJsonReachesStdout(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("m.lethe");
        PrintStream realOut = System.out;
        ByteArrayOutputStream leaked = new ByteArrayOutputStream();
        System.setOut(new PrintStream(leaked, true));
        Run train;
        try {
            train = run("train", "--dataset", "mnist", "--model", "mlp", "--epochs", "2", "--seed", "7",
                    "--train-limit", "800", "--threads", "1", "--out", model.toString(), "--json");
        } finally {
            System.setOut(realOut);
        }
        assertThat(train.status()).as(train.err()).isZero();
        assertThat(leaked.size()).as("library output must not reach stdout").isZero();
        JsonNode t = new ObjectMapper().readTree(train.out());
        assertThat(t.get("model").asText()).isEqualTo("mlp");
        assertThat(t.get("epochs").asInt()).isEqualTo(2);
        assertThat(t.get("testAccuracy").asDouble()).isGreaterThan(0.6);
        assertThat(t.get("samplesPerSecond").asDouble()).isPositive();
        assertThat(Files.size(model)).isPositive();

        Run unlearn = run("unlearn", "--model", model.toString(), "--forget", "class:3", "--method", "ga",
                "--param", "epochs=2", "--seed", "1", "--threads", "1", "--json");
        assertThat(unlearn.status()).as(unlearn.err()).isZero();
        JsonNode u = new ObjectMapper().readTree(unlearn.out());
        assertThat(u.get("method").asText()).isEqualTo("ga");
        assertThat(u.at("/forget/spec").asText()).isEqualTo("class:3");
        int threes = org.lethe.engine.data.DatasetCatalog.fromEnvironment()
                .load("mnist", org.lethe.engine.job.JobContext.detached()).limitTrain(800).train().countsPerClass(10)[3];
        assertThat(u.at("/forget/count").asInt()).isEqualTo(threes);
        assertThat(u.get("retrainSeconds").asDouble()).isPositive();
        for (String m : new String[] {"original", "retrained", "unlearned"}) {
            assertThat(u.at("/models/" + m + "/forgetAccuracy").isNumber()).isTrue();
            assertThat(u.at("/models/" + m + "/testAccuracy").asDouble()).isBetween(0.0, 100.0);
            for (String metric : new String[] {"retainAccuracy", "miaAuc", "miaEfficacy", "l2ToRetrained",
                    "klToRetrained"}) {
                assertThat(u.at("/models/" + m + "/" + metric).isNumber()).as(m + " " + metric).isTrue();
            }
        }
        assertThat(u.at("/models/retrained/forgetAccuracy").asDouble()).isLessThan(5.0);
        assertThat(u.at("/models/retrained/l2ToRetrained").asDouble()).isZero();
        assertThat(u.at("/params/epochs").asInt()).isEqualTo(2);
        assertThat(u.at("/models/original/rmiaAuc").isNull()).as("no RMIA without reference models").isTrue();

        Run rmia = run("unlearn", "--model", model.toString(), "--forget", "random:0.1", "--method", "ga",
                "--param", "epochs=1", "--seed", "1", "--threads", "1", "--reference-models", "2", "--json");
        assertThat(rmia.status()).as(rmia.err()).isZero();
        JsonNode r = new ObjectMapper().readTree(rmia.out());
        for (String m : new String[] {"original", "retrained", "unlearned"}) {
            for (String metric : new String[] {"rmiaAuc", "rmiaAucRetain", "tprAt1Fpr", "tprAt01Fpr"}) {
                assertThat(r.at("/models/" + m + "/" + metric).isNumber()).as(m + " " + metric).isTrue();
            }
        }
        Run oneReference = run("unlearn", "--model", model.toString(), "--forget", "class:3", "--method", "ga",
                "--reference-models", "1");
        assertThat(oneReference.status()).isEqualTo(2);
        assertThat(oneReference.err()).contains("--reference-models is 1");

        Run badParam = run("unlearn", "--model", model.toString(), "--forget", "class:3", "--method", "ga",
                "--param", "speed=9");
        assertThat(badParam.status()).isEqualTo(2);
        assertThat(badParam.err()).contains("unknown parameter 'speed'");
        Run noRetain = run("unlearn", "--model", model.toString(), "--forget", "class:3", "--method", "ft",
                "--no-retrain-data");
        assertThat(noRetain.status()).isEqualTo(2);
        assertThat(noRetain.err()).contains("needs the retain set");
        Run unknown = run("unlearn", "--model", model.toString(), "--forget", "class:3", "--method", "nope");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).contains("known methods");
    }

    @Test
    void methodsListsTheRegistryWithDefaults() throws Exception {
        Run run = run("methods", "--json");
        assertThat(run.status()).isZero();
        JsonNode list = new ObjectMapper().readTree(run.out());
        assertThat(list.findValuesAsText("id")).contains("retrain", "ft", "ga");
        JsonNode ga = null;
        for (JsonNode m : list) {
            if (m.get("id").asText().equals("ga")) {
                ga = m;
            }
        }
        assertThat(ga).isNotNull();
        assertThat(ga.get("description").asText()).isNotBlank();
        assertThat(ga.get("params").findValuesAsText("name")).contains("lr", "epochs");
    }

    @Test
    void aCorruptModelFileExitsTwo(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.lethe");
        Files.writeString(bad, "not a model");
        Run run = run("unlearn", "--model", bad.toString(), "--forget", "class:3", "--method", "ga");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().strip()).doesNotContain("\n").contains("bad.lethe");
    }
}
