package org.lethe.reliability;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.engine.io.AtomicFiles;
import org.lethe.engine.model.ModelFileException;
import org.lethe.engine.model.ModelStore;
import org.lethe.engine.model.TrainedModel;

/**
 * Persistence rules of issue #8 besides kill-during-save ({@link KillDuringSaveTest}): model files
 * of another format version get a message that says which version and what to do; no class of
 * Lethe uses Java deserialisation; and temp files left by a killed save are cleaned up later.
 */
class PersistenceFormatTest {

    private static Map<String, byte[]> entries;

    @TempDir
    Path dir;

    @BeforeAll
    static void saveOne(@TempDir Path tmp) throws IOException {
        TrainedModel model = FuzzSamples.tinyModel(100, 9);
        Path file = tmp.resolve("m.lethe");
        new ModelStore().save(model, file);
        entries = FormatMutations.unzip(Files.readAllBytes(file));
    }

    private Path withVersion(String name, com.fasterxml.jackson.databind.JsonNode version) throws IOException {
        byte[] json = FormatMutations.withValue(entries.get("model.json"), "/version", version);
        Path file = dir.resolve(name);
        Files.write(file, FormatMutations.rezip(entries, "model.json", json));
        return file;
    }

    @Test
    void newerAndOlderFormatVersionsAreExplained() throws IOException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        Path newer = withVersion("newer.lethe", f.numberNode(ModelStore.VERSION + 1));
        assertThatThrownBy(() -> new ModelStore().load(newer)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("newer.lethe: written by a newer Lethe (model format version "
                        + (ModelStore.VERSION + 1) + "); this version reads version " + ModelStore.VERSION
                        + ". Update Lethe to open it.");
        Path older = withVersion("older.lethe", f.numberNode(0));
        assertThatThrownBy(() -> new ModelStore().load(older)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("older.lethe: model format version 0 is older than any Lethe wrote")
                .hasMessageContaining("reads version " + ModelStore.VERSION);
        Path none = withVersion("none.lethe", f.textNode("one"));
        assertThatThrownBy(() -> new ModelStore().load(none)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("none.lethe: model.json has no model format version (found '\"one\"')");
        // the version of this build loads
        Path current = withVersion("current.lethe", f.numberNode(ModelStore.VERSION));
        assertThat(new ModelStore().load(current).network().numParams()).isEqualTo(7850);
    }

    @Test
    void noClassOfLetheDeserialisesJavaObjects() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.lethe");
        noClasses().that().resideInAPackage("org.lethe..")
                .should().dependOnClassesThat().areAssignableTo(ObjectInputStream.class)
                .orShould().dependOnClassesThat().areAssignableTo(ObjectInput.class)
                .because("user files are parsed from documented formats, never deserialised (issue #8)")
                .check(classes);
    }

    @Test
    void tempFilesLeftByAKilledSaveAreRemovedOnceStale() throws IOException {
        Path target = dir.resolve("report.json");
        Path stale = Files.writeString(dir.resolve(".report.json.8123456789.tmp"), "half a file");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(AtomicFiles.STALE_TEMP_AGE).minusSeconds(60)));
        Path fresh = Files.writeString(dir.resolve(".report.json.99.tmp"), "a write in progress");
        Path other = Files.writeString(dir.resolve(".other.json.1.tmp"), "another file's temp");
        Files.setLastModifiedTime(other, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        Path notOurs = Files.writeString(dir.resolve(".report.json.notes.tmp"), "not a temp of ours");
        Files.setLastModifiedTime(notOurs, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));

        AtomicFiles.write(target, out -> out.write("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        assertThat(Files.readString(target)).isEqualTo("{}");
        assertThat(stale).doesNotExist();
        assertThat(fresh).exists();
        assertThat(other).exists();
        assertThat(notOurs).exists();
    }
}
