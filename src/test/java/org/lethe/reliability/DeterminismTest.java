package org.lethe.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.evaluation.EvaluatedModel;
import org.lethe.engine.experiment.ScenarioFiles;
import org.lethe.engine.experiment.ScenarioRunner;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.ModelFactory;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.unlearning.MethodRegistry;

/**
 * Determinism (issue #8): the same scenario run twice with one seed gives the same report, every
 * metric equal to the last bit (timings aside), the same forget set and the same parameters; a
 * different seed gives a different random forget set and a different initialisation.
 */
class DeterminismTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static Path data;

    @BeforeAll
    static void writeData() throws IOException {
        data = FuzzSamples.writeMnist(dir.resolve("mnist-small"), 300, 100);
    }

    private static ScenarioRunner.Result run(long seed) throws IOException {
        String scenario = """
                {"name": "determinism", "dataset": "%s",
                 "model": {"architecture": "logreg"},
                 "training": {"epochs": 2, "batchSize": 32, "optimizer": "adam", "lr": 0.01, "momentum": 0.9,
                              "weightDecay": 0},
                 "forget": "random:0.1", "seeds": [%d], "retainSample": 1000,
                 "methods": [{"id": "ft", "params": {"epochs": 1}}, {"id": "ga", "params": {"epochs": 1}},
                             {"id": "rl", "params": {"epochs": 1}}]}
                """.formatted(data.toString().replace("\\", "\\\\"), seed);
        Path file = dir.resolve("scenario-" + seed + ".json");
        Files.writeString(file, scenario);
        return new ScenarioRunner(MethodRegistry.standard(), DatasetCatalog.fromEnvironment())
                .run(ScenarioFiles.read(file), JobContext.detached());
    }

    /** The report as JSON without wall times and memory peaks, which legitimately vary. */
    private static JsonNode withoutTimings(ScenarioRunner.Result result) {
        JsonNode tree = JSON.valueToTree(result.report());
        strip(tree);
        return tree;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String key = field.getKey().toLowerCase(java.util.Locale.ROOT);
                if (key.contains("seconds") || key.equals("speedup") || key.contains("bytes")) {
                    fields.remove();
                } else {
                    strip(field.getValue());
                }
            }
        } else if (node.isArray()) {
            node.forEach(DeterminismTest::strip);
        }
    }

    private static int numbers(JsonNode node) {
        if (node.isNumber()) {
            return 1;
        }
        int n = 0;
        for (JsonNode child : node) {
            n += numbers(child);
        }
        return n;
    }

    @Test
    void oneSeedGivesIdenticalNumbersAndAnotherSeedADifferentForgetSetAndStart() throws IOException {
        ScenarioRunner.Result first = run(7);
        ScenarioRunner.Result second = run(7);

        JsonNode a = withoutTimings(first);
        JsonNode b = withoutTimings(second);
        assertThat(numbers(a)).as("numbers compared").isGreaterThan(60);
        assertThat(b).isEqualTo(a);
        System.out.println("Determinism: " + numbers(a) + " numbers in the report identical across two runs with seed 7");
        List<EvaluatedModel> modelsA = first.lastSeedModels();
        List<EvaluatedModel> modelsB = second.lastSeedModels();
        assertThat(modelsB).hasSameSizeAs(modelsA).hasSize(5);
        for (int i = 0; i < modelsA.size(); i++) {
            EvaluatedModel x = modelsA.get(i);
            EvaluatedModel y = modelsB.get(i);
            assertThat(y.params()).as(x.name() + " parameters").containsExactly(x.params());
            assertThat(y.forget().indices()).as(x.name() + " forget set").containsExactly(x.forget().indices());
            assertThat(y.forget().probabilities()).as(x.name() + " forget probabilities")
                    .containsExactly(x.forget().probabilities());
            assertThat(y.metrics()).isEqualTo(x.metrics());
        }

        ScenarioRunner.Result other = run(8);
        int[] forget7 = modelsA.get(0).forget().indices();
        int[] forget8 = other.lastSeedModels().get(0).forget().indices();
        assertThat(forget8).hasSameSizeAs(forget7).isNotEqualTo(forget7);
        assertThat(other.lastSeedModels().get(0).params()).as("original after training")
                .isNotEqualTo(modelsA.get(0).params());
        assertThat(withoutTimings(other)).isNotEqualTo(a);

        ModelSpec spec = ModelSpec.logreg(new org.lethe.engine.data.ImageShape(1, 28, 28), 10);
        float[] init7 = ModelFactory.build(spec.withSeed(7)).params().toFloatVector();
        float[] init8 = ModelFactory.build(spec.withSeed(8)).params().toFloatVector();
        assertThat(init8).as("initialisation with another seed").isNotEqualTo(init7);
        assertThat(ModelFactory.build(spec.withSeed(7)).params().toFloatVector()).containsExactly(init7);
    }
}
