package org.lethe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsInfoCommandTest {

    private record Run(int status, String out, String err) { }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = LetheCli.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void mnistJsonHasStableFieldsAndCountsThatSumUp() throws IOException {
        Run run = run("datasets", "info", "mnist", "--json");
        assertThat(run.status()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("name").asText()).isEqualTo("MNIST");
        assertThat(json.get("format").asText()).isEqualTo("idx");
        assertThat(json.get("classes")).hasSize(10);
        assertThat(json.get("shape").toString()).isEqualTo("[1,28,28]");
        assertThat(json.at("/train/count").asInt()).isEqualTo(60_000);
        assertThat(json.at("/test/count").asInt()).isEqualTo(10_000);
        assertThat(sum(json.at("/train/perClass"))).isEqualTo(60_000);
        assertThat(sum(json.at("/test/perClass"))).isEqualTo(10_000);
        assertThat(json.get("sha256").asText()).hasSize(64);
    }

    @Test
    void cifarSubsetIsReadFromTheShippedArchive() throws IOException {
        Run run = run("datasets", "info", "cifar10", "--json");
        assertThat(run.status()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("format").asText()).isEqualTo("cifar10-binary");
        assertThat(json.get("shape").toString()).isEqualTo("[3,32,32]");
        assertThat(json.at("/train/count").asInt()).isEqualTo(5_000);
        assertThat(json.at("/test/count").asInt()).isEqualTo(1_000);
        assertThat(json.at("/classes/3").asText()).isEqualTo("cat");
    }

    @Test
    void badInputPrintsOneLineAndExitsTwo(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("train-images-idx3-ubyte");
        Files.write(broken, new byte[] {0, 0, 8, 4, 0, 0, 0, 1});
        Run run = run("datasets", "info", broken.toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip()).doesNotContain("\n").contains("train-images-idx3-ubyte");
    }

    @Test
    void unknownOptionExitsTwo() {
        Run run = run("datasets", "info", "mnist", "--bogus");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--bogus");
    }

    private static int sum(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).mapToInt(JsonNode::asInt).sum();
    }
}
