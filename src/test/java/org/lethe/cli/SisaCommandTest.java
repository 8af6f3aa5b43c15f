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

    private static JsonNode sisa(StringWriter err, String... args) throws Exception {
        StringWriter out = new StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = "sisa";
        System.arraycopy(args, 0, all, 1, args.length);
        int status = LetheCli.execute(new PrintWriter(out), new PrintWriter(err), all);
        assertThat(status).as(err.toString()).isZero();
        return new ObjectMapper().readTree(out.toString());
    }

    @Test
    void savedEnsemblesUnlearnLaterRequestsFromTheirCheckpoints(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ensemble.lethe-sisa");
        JsonNode trained = sisa(new StringWriter(), "--train-limit", "400", "--model", "logreg", "--shards", "3",
                "--slices", "2", "--epochs", "1", "--seed", "2", "--threads", "1", "--save", file.toString(), "--json");
        assertThat(file).isRegularFile();
        assertThat(trained.get("deletedTotal").asInt()).isZero();
        assertThat(trained.has("retrainedShards")).isFalse();

        JsonNode first = sisa(new StringWriter(), "--train-limit", "400", "--load", file.toString(),
                "--forget", "samples:3,10", "--seed", "2", "--threads", "1", "--save", file.toString(), "--json");
        assertThat(first.get("exact").asBoolean()).isTrue();
        assertThat(first.get("deletedTotal").asInt()).isEqualTo(2);
        assertThat(first.get("retrainedShards").size()).isBetween(1, 2);
        assertThat(first.at("/models/original/testAccuracy")).isEqualTo(trained.at("/models/original/testAccuracy"));

        // the second request unlearns on top of the first: the reference excludes all three points
        JsonNode second = sisa(new StringWriter(), "--train-limit", "400", "--load", file.toString(),
                "--forget", "samples:20", "--seed", "2", "--threads", "1", "--json");
        assertThat(second.get("deletedTotal").asInt()).isEqualTo(3);
        assertThat(second.get("retrainedShards").size()).isEqualTo(1);
        assertThat(second.get("exact").asBoolean()).isTrue();
        assertThat(second.at("/models/unlearned")).isEqualTo(second.at("/models/retrained"));

        StringWriter err = new StringWriter();
        int status = LetheCli.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "sisa",
                "--train-limit", "300", "--load", file.toString(), "--forget", "samples:1");
        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains(file.toString()).contains("split of 400 images");
        Path junk = Files.writeString(dir.resolve("junk.lethe-sisa"), "junk");
        err = new StringWriter();
        status = LetheCli.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "sisa",
                "--load", junk.toString());
        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("not a readable Lethe SISA file");
    }
}
