package org.lethe.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.engine.model.ModelFileException;
import org.lethe.engine.model.ModelStore;
import org.lethe.engine.model.TrainedModel;
import org.lethe.reliability.Mutator.IntField;

/**
 * The {@code .lethe} zip is untrusted input (issue #8): entries escaping the archive, unknown or
 * duplicate entries, symbolic links, absurd declared sizes and decompression bombs are refused
 * with a message naming the file, before anything large is read or built.
 */
class ModelArchiveSafetyTest {

    private static final ModelStore STORE = new ModelStore();
    private static TrainedModel model;
    private static Map<String, byte[]> entries;

    @TempDir
    Path dir;

    @BeforeAll
    static void saveOne(@TempDir Path tmp) throws IOException {
        model = FuzzSamples.tinyModel(120, 3);
        Path file = tmp.resolve("good.lethe");
        STORE.save(model, file);
        entries = FormatMutations.unzip(Files.readAllBytes(file));
        assertThat(entries.keySet()).containsExactly("model.json", "params.bin", "orders.bin", "optimizer.bin");
    }

    /** Writes entries with commons-compress, which allows duplicates and Unix modes. */
    private Path write(String name, Map<String, byte[]> content, Map<String, Integer> unixModes,
            String duplicate) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : content.entrySet()) {
                ZipArchiveEntry entry = new ZipArchiveEntry(e.getKey());
                if (unixModes.containsKey(e.getKey())) {
                    entry.setUnixMode(unixModes.get(e.getKey()));
                }
                zip.putArchiveEntry(entry);
                zip.write(e.getValue());
                zip.closeArchiveEntry();
                if (e.getKey().equals(duplicate)) {
                    zip.putArchiveEntry(new ZipArchiveEntry(e.getKey()));
                    zip.write(e.getValue());
                    zip.closeArchiveEntry();
                }
            }
        }
        Path file = dir.resolve(name);
        Files.write(file, bytes.toByteArray());
        return file;
    }

    private Path withExtra(String fileName, String entryName, byte[] content) throws IOException {
        Map<String, byte[]> copy = new LinkedHashMap<>(entries);
        copy.put(entryName, content);
        return write(fileName, copy, Map.of(), null);
    }

    @Test
    void theUntouchedEntriesLoadWhenWrittenByCommonsCompress() throws IOException {
        Path file = write("rewritten.lethe", entries, Map.of(), null);
        assertThat(STORE.load(file).paramsSha256()).isEqualTo(model.paramsSha256());
    }

    @Test
    void entriesEscapingTheArchiveAreRefused() throws IOException {
        for (String name : new String[] {"../evil.txt", "../../home/user/.bashrc", "/tmp/evil", "C:\\evil",
            "sub/../../evil"}) {
            Path file = withExtra("escape.lethe", name, new byte[] {1, 2, 3});
            assertThatThrownBy(() -> STORE.load(file)).as(name)
                    .isInstanceOf(ModelFileException.class)
                    .hasMessageContaining("escape.lethe: unexpected entry '" + name.replace('\\', '/')
                            + "' (its path points outside")
                    .hasMessageContaining("holds only model.json, params.bin, orders.bin and optimizer.bin");
        }
        Path unknown = withExtra("unknown.lethe", "notes.txt", new byte[] {1});
        assertThatThrownBy(() -> STORE.load(unknown)).hasMessageContaining("unknown.lethe: unexpected entry 'notes.txt';");
    }

    @Test
    void duplicateEntriesAreRefused() throws IOException {
        Path file = write("twice.lethe", entries, Map.of(), "params.bin");
        assertThatThrownBy(() -> STORE.load(file)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("twice.lethe: entry 'params.bin' appears twice");
    }

    @Test
    void symbolicLinkEntriesAreRefused() throws IOException {
        // a link entry's content is its target's path
        Map<String, byte[]> copy = new LinkedHashMap<>(entries);
        copy.put("orders.bin", "/etc/passwd".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Path file = write("link.lethe", copy, Map.of("orders.bin", 0120777), null);
        assertThatThrownBy(() -> STORE.load(file)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("link.lethe: entry 'orders.bin' is a symbolic link");
    }

    @Test
    void aDecompressionBombIsStoppedAfterTheFloor() throws IOException {
        byte[] zeros = new byte[48 << 20]; // deflates to ~50 KB
        Path file = write("bomb.lethe", Map.of("model.json", entries.get("model.json"), "params.bin",
                entries.get("params.bin"), "orders.bin", zeros), Map.of(), null);
        assertThat(Files.size(file)).isLessThan(1 << 20);
        assertThatThrownBy(() -> STORE.load(file)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("bomb.lethe: entry orders.bin inflates from")
                .hasMessageContaining("decompression bomb");
    }

    @Test
    void absurdDeclaredSizesAreRefusedBeforeReading() throws IOException {
        byte[] zip = FormatMutations.zip(entries);
        Mutator.Layout layout = FormatMutations.zipLayout(zip);
        IntField size = layout.fields().stream().filter(f -> f.name().equals("central entry params.bin size"))
                .findFirst().orElseThrow();
        Path file = dir.resolve("huge.lethe");
        Files.write(file, Mutator.putInt(zip, size, 0xFFFF_FFF0L));
        assertThatThrownBy(() -> STORE.load(file)).isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining("params.bin");
    }

    @Test
    void aHugeArchitectureIsRefusedWithoutBuildingIt() throws IOException {
        byte[] json = FormatMutations.withValue(FormatMutations.withValue(entries.get("model.json"),
                "/provenance/spec/architecture", com.fasterxml.jackson.databind.node.TextNode.valueOf("mlp")),
                "/provenance/spec/hiddenWidths", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                        .arrayNode().add(1_000_000).add(1_000_000));
        Path file = dir.resolve("giant.lethe");
        Files.write(file, FormatMutations.rezip(entries, "model.json", json));
        assertThatThrownBy(() -> STORE.load(file)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("giant.lethe: the architecture in model.json (mlp, input 1x28x28, hidden"
                        + " widths [1000000, 1000000], 10 classes) has 1000796000010 parameters, more than the "
                        + ModelStore.MAX_PARAMS);
    }
}
