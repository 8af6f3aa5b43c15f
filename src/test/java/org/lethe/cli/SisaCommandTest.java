package org.lethe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class SisaCommandTest {

    @Test
    void unlearningRetrainsOnlyAffectedShardsAndMatchesRetrainingFromScratch() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = LetheCli.execute(new PrintWriter(out), new PrintWriter(err), "sisa", "--dataset", "mnist",
                "--train-limit", "600", "--model", "mlp", "--shards", "4", "--slices", "2", "--epochs", "2",
                "--forget", "samples:3,10", "--seed", "5", "--threads", "1", "--json");
        assertThat(status).as(err.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("exact").asBoolean()).isTrue();
        assertThat(json.get("shards").asInt()).isEqualTo(4);
        assertThat(json.get("retrainedShards").size()).isBetween(1, 2);
        assertThat(json.get("storageBytes").asLong()).isPositive();
        assertThat(json.at("/forget/count").asInt()).isEqualTo(2);
        assertThat(json.get("retrainSeconds").asDouble()).isPositive();
        for (String m : new String[] {"original", "retrained", "unlearned"}) {
            assertThat(json.at("/models/" + m + "/testAccuracy").asDouble()).isGreaterThan(30.0);
        }
        assertThat(json.at("/models/unlearned")).isEqualTo(json.at("/models/retrained"));
    }
}
