package org.lethe.engine.unlearning.sisa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.engine.data.ImageSplit;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.MnistTestData;
import org.lethe.engine.model.ModelFileException;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.optim.OptimizerConfig;

class SisaStoreTest {

    private static final JobContext CTX = JobContext.detached();
    private static ImageSplit split;
    private static IndexView test;
    private static ModelSpec spec;
    private static SisaConfig config;
    private static SisaEnsemble trained;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() {
        split = MnistTestData.train(300);
        test = MnistTestData.test(200).all("test");
        spec = ModelSpec.mlp(split.shape(), 10).withHiddenWidths(List.of(8));
        config = SisaConfig.of(3, 2, 2, 16, 0.01, 7L).withOptimizer(OptimizerConfig.adam(0))
                .with(ShardingMode.RANDOM, Aggregation.MEAN_PROBABILITY);
        trained = SisaEnsemble.train(split.all("train"), spec, config, CTX);
    }

    private static void assertSame(SisaEnsemble a, SisaEnsemble b) {
        assertThat(b.predictProbabilities(test)).isEqualTo(a.predictProbabilities(test));
        assertThat(b.deletedIndices()).isEqualTo(a.deletedIndices());
        assertThat(b.checkpointCount()).isEqualTo(a.checkpointCount());
        for (int k = 0; k < a.assignment().count(); k++) {
            assertThat(b.assignment().shard(k)).isEqualTo(a.assignment().shard(k));
            assertThat(b.shardParams(k).toFloatVector()).isEqualTo(a.shardParams(k).toFloatVector());
            for (int sl = 0; sl < a.config().slices(); sl++) {
                assertThat(b.checkpointKey(k, sl)).isEqualTo(a.checkpointKey(k, sl));
                assertThat(b.shardState(k).slices().get(sl).params().toFloatVector())
                        .isEqualTo(a.shardState(k).slices().get(sl).params().toFloatVector());
            }
        }
    }

    @Test
    void roundTripKeepsPredictionsCheckpointsAndDeletions() throws Exception {
        Path file = dir.resolve("ensemble" + SisaStore.EXTENSION);
        new SisaStore().save(trained, file);
        SisaEnsemble loaded = new SisaStore().load(file, split);
        assertThat(loaded.config()).isEqualTo(config);
        assertThat(loaded.spec()).isEqualTo(spec);
        assertThat(loaded.checkpointCount()).isEqualTo(6);
        assertSame(trained, loaded);
    }

    @Test
    void unlearningAfterLoadIsBitIdenticalToUnlearningInMemory() throws Exception {
        SisaEnsemble inMemory = SisaEnsemble.train(split.all("train"), spec, config, CTX);
        int[] first = {inMemory.assignment().shard(0)[60]};
        inMemory.unlearn(first, CTX);
        Path file = dir.resolve("after-one.lethe-sisa");
        new SisaStore().save(inMemory, file);
        SisaEnsemble loaded = new SisaStore().load(file, split);
        assertThat(loaded.deletedIndices()).containsExactly(first);

        int[] second = {inMemory.assignment().shard(1)[70], inMemory.assignment().shard(1)[10]};
        SisaUnlearnResult a = inMemory.unlearn(second, CTX);
        SisaUnlearnResult b = loaded.unlearn(second, CTX);
        assertThat(b.retrainedShards()).isEqualTo(a.retrainedShards()).containsExactly(1);
        assertThat(b.firstRetrainedSlice()).isEqualTo(a.firstRetrainedSlice()).containsExactly(0);
        assertSame(inMemory, loaded);
    }

    @Test
    void shardFilesRoundTripAndAreNotEnsembles() throws Exception {
        Path file = dir.resolve("shard-1.lethe-sisa");
        new SisaStore().saveShard(trained.shardState(1), spec, config, file);
        SisaShardState state = new SisaStore().loadShard(file, spec, config);
        assertThat(state.params().toFloatVector()).isEqualTo(trained.shardParams(1).toFloatVector());
        assertThat(state.slices().get(1).key()).isEqualTo(trained.checkpointKey(1, 1));
        assertThatThrownBy(() -> new SisaStore().load(file, split)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("expected a SISA ensemble");
        assertThatThrownBy(() -> new SisaStore().loadShard(file, spec.withSeed(99), config))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("the shard was trained under");
    }

    @Test
    void damagedForeignNewerAndMismatchedFilesAreRefusedByName() throws Exception {
        Path file = dir.resolve("good.lethe-sisa");
        new SisaStore().save(trained, file);
        byte[] zip = Files.readAllBytes(file);
        Map<String, byte[]> entries = unzip(zip);
        SisaStore store = new SisaStore();

        Path truncated = write("truncated.lethe-sisa", java.util.Arrays.copyOf(zip, zip.length / 2));
        assertThatThrownBy(() -> store.load(truncated, split)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining(truncated.toString());

        Path foreign = write("foreign.lethe-sisa", "hello, not a zip".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> store.load(foreign, split)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("not a readable Lethe SISA file");

        ObjectMapper json = new ObjectMapper();
        ObjectNode header = (ObjectNode) json.readTree(entries.get("sisa.json"));
        Path newer = write("newer.lethe-sisa", rezip(entries, "sisa.json",
                json.writeValueAsBytes(header.deepCopy().put("version", 2))));
        assertThatThrownBy(() -> store.load(newer, split)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("newer Lethe (SISA format version 2)");

        Path model = write("model.lethe-sisa", rezip(entries, "sisa.json",
                json.writeValueAsBytes(header.deepCopy().put("format", "lethe-model"))));
        assertThatThrownBy(() -> store.load(model, split)).hasMessageContaining("expected 'lethe-sisa'");

        byte[] params = entries.get("shard-2-slice-1-params.bin").clone();
        params[5] ^= 1;
        Path flipped = write("flipped.lethe-sisa", rezip(entries, "shard-2-slice-1-params.bin", params));
        assertThatThrownBy(() -> store.load(flipped, split)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("shard-2-slice-1-params.bin has SHA-256");

        Map<String, byte[]> missing = new LinkedHashMap<>(entries);
        missing.remove("shard-0-buffers.bin");
        Path gap = write("missing.lethe-sisa", zip(missing));
        assertThatThrownBy(() -> store.load(gap, split)).hasMessageContaining("entry shard-0-buffers.bin is missing");

        Map<String, byte[]> extra = new LinkedHashMap<>(entries);
        extra.put("../evil.bin", new byte[4]);
        Path evil = write("evil.lethe-sisa", zip(extra));
        assertThatThrownBy(() -> store.load(evil, split)).hasMessageContaining("unexpected entry '../evil.bin'")
                .hasMessageContaining("points outside");

        ObjectNode wrongKey = header.deepCopy();
        ((ObjectNode) wrongKey.at("/shards/0/slices/0")).put("key", "0/0/abc");
        Path key = write("key.lethe-sisa", rezip(entries, "sisa.json", json.writeValueAsBytes(wrongKey)));
        assertThatThrownBy(() -> store.load(key, split)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("checkpoint key '0/0/abc'");

        ObjectNode huge = header.deepCopy();
        ((ObjectNode) huge.at("/shards/1/params")).put("count", 1L << 40);
        Path lying = write("lying.lethe-sisa", rezip(entries, "sisa.json", json.writeValueAsBytes(huge)));
        assertThatThrownBy(() -> store.load(lying, split)).hasMessageContaining("shard-1-params.bin: the header declares");

        assertThatThrownBy(() -> store.load(file, MnistTestData.train(299))).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("split of 300 images").hasMessageContaining("has 299");
    }

    private Path write(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }

    static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    static byte[] zip(Map<String, byte[]> entries) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static byte[] rezip(Map<String, byte[]> entries, String name, byte[] content) throws Exception {
        Map<String, byte[]> copy = new LinkedHashMap<>(entries);
        copy.put(name, content);
        return zip(copy);
    }
}
