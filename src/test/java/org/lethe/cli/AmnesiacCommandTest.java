package org.lethe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class AmnesiacCommandTest {

    @Test
    void undoesTheSensitiveSamplesAndReportsStorage() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = LetheCli.execute(new PrintWriter(out), new PrintWriter(err), "amnesiac", "--dataset", "mnist",
                "--train-limit", "400", "--model", "mlp", "--epochs", "2", "--batch-size", "20", "--lr", "0.1",
                "--forget", "samples:3,10,17", "--seed", "2", "--threads", "1", "--json");
        assertThat(status).as(err.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.at("/forget/count").asInt()).isEqualTo(3);
        assertThat(json.get("perSampleExact").asBoolean()).isTrue();
        assertThat(json.get("batchesUndone").asInt()).isBetween(1, 6);
        long params = 784L * 300 + 300 + 300L * 10 + 10;
        assertThat(json.at("/storageBytes/perSample").asLong()).isEqualTo(3 * params * 4);
        assertThat(json.at("/storageBytes/amnesiac").asLong()).isEqualTo(json.get("batchesUndone").asLong() * params * 4);
        double originalLoss = json.at("/models/original/forgetLoss").asDouble();
        assertThat(json.at("/models/perSampleUnlearned/forgetLoss").asDouble()).isGreaterThan(originalLoss);
        assertThat(json.at("/models/unlearned/forgetLoss").asDouble()).isGreaterThan(originalLoss);
        assertThat(json.at("/models/retrained/l2ToRetrained").asDouble()).isZero();
        assertThat(json.get("retrainSeconds").asDouble()).isPositive();
    }
}
