package org.lethe.engine.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.data.forget.ForgetSetSpec;
import org.lethe.engine.evaluation.ModelEvaluator;
import org.lethe.engine.experiment.Comparison;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.ModelTraining;
import org.lethe.engine.model.TrainedModel;
import org.lethe.engine.model.TrainingConfig;
import org.lethe.engine.unlearning.DataSplits;
import org.lethe.engine.unlearning.MethodDescriptor;
import org.lethe.engine.unlearning.MethodRegistry;
import org.lethe.engine.unlearning.UnlearningFixture;

/** Session files: round trip, re-evaluation on restore, and every way a file can be wrong. */
class SessionStoreTest {

    private static final JobContext CTX = JobContext.detached();
    private static final MethodRegistry REGISTRY = MethodRegistry.standard();

    @TempDir
    static Path dir;

    private static DatasetCatalog catalog;
    private static ImageDataset data;
    private static Path dataFolder;
    private static Session session;
    private static Comparison comparison;
    private static Path saved;

    @BeforeAll
    static void saveOne() throws IOException {
        dataFolder = SessionTestData.writeIdx(UnlearningFixture.DATA, dir.resolve("tiny-mnist"));
        catalog = new DatasetCatalog(dir.resolve("no-sample-data"), dir.resolve("user"));
        data = catalog.load(dataFolder.toString(), CTX).limitTrain(1000);
        TrainedModel original = ModelTraining.train(data, ModelSpec.logreg(data.shape(), 10),
                TrainingConfig.adam(1, 32, 1e-2, 3), CTX);
        int[] forget = ForgetSetSpec.parse("class:3").resolve(data, 0).forget().toArray();
        DataSplits splits = DataSplits.of(data, new ForgetSetSpec.Samples(forget).resolve(data, 0));
        comparison = Comparison.start(splits, original, ModelEvaluator.DEFAULT_RETAIN_SAMPLE, 0, CTX);
        MethodDescriptor<?> retrain = REGISTRY.byId("retrain");
        MethodDescriptor<?> ft = REGISTRY.byId("ft");
        Record ftParams = MethodRegistry.params(ft, Map.of("epochs", "1", "seed", "5"));
        comparison = comparison.with(retrain.run(original, splits, retrain.defaults(), CTX), "Retrain", CTX);
        comparison = comparison.with(ft.run(original, splits, ftParams, CTX), "FT one epoch", CTX);
        List<ComparedModel> compared = List.of(ComparedModel.of(comparison.retrained().orElseThrow()),
                ComparedModel.of(comparison.unlearned().get(0)));
        List<SessionRun> history = List.of(
                new SessionRun(Instant.parse("2026-01-02T10:00:00Z"), SessionRun.Kind.TRAIN, "Original", "logreg",
                        "{\"model\":{\"architecture\":\"logreg\"}}", 42, original.provenance().seconds(), data.name(), 0,
                        null),
                new SessionRun(Instant.parse("2026-01-02T10:01:00Z"), SessionRun.Kind.UNLEARN, "FT one epoch", "ft",
                        compared.get(1).paramsJson(), 5, 1.5, data.name(), forget.length,
                        comparison.unlearned().get(0).evaluated().metrics()));
        session = new Session(DatasetRef.of(dataFolder.toString(), 1000, data), forget, Session.Evaluation.WORKBENCH,
                original, compared, history);
        saved = dir.resolve("a" + SessionStore.EXTENSION);
        new SessionStore().save(session, saved);
    }

    @Test
    void aSavedSessionReadsBackWithItsModelsForgetSetAndHistory() {
        Session read = new SessionStore().load(saved);
        assertThat(read.dataset()).isEqualTo(session.dataset());
        assertThat(read.forget()).containsExactly(session.forget());
        assertThat(read.original().paramsSha256()).isEqualTo(session.original().paramsSha256());
        assertThat(read.original().epochOrders()).hasSameSizeAs(session.original().epochOrders());
        assertThat(read.compared()).extracting(ComparedModel::label).containsExactly("Retrain", "FT one epoch");
        assertThat(read.compared()).extracting(m -> m.model().paramsSha256())
                .containsExactly(session.compared().get(0).model().paramsSha256(),
                        session.compared().get(1).model().paramsSha256());
        assertThat(read.compared().get(1).figures()).isEqualTo(session.compared().get(1).figures());
        assertThat(read.compared().get(1).seconds()).isEqualTo(session.compared().get(1).seconds());
        assertThat(read.history()).isEqualTo(session.history());
        assertThat(read.evaluation()).isEqualTo(Session.Evaluation.WORKBENCH);
    }

    @Test
    void restoringReloadsTheDataAndReEvaluatesTheSameComparison() {
        RestoredSession restored = new SessionRestorer(catalog, REGISTRY)
                .restore(new SessionStore().load(saved), saved, null, CTX);
        assertThat(restored.dataset().sha256()).isEqualTo(data.sha256());
        assertThat(restored.dataset()).isNotSameAs(data);
        Comparison again = restored.comparison();
        assertThat(again.rows()).extracting(Comparison.Row::label).containsExactly("Original", "Retrain",
                "FT one epoch");
        assertThat(again.rows()).extracting(r -> r.evaluated().metrics())
                .containsExactlyElementsOf(comparison.rows().stream().map(r -> r.evaluated().metrics()).toList());
        assertThat(again.unlearned().get(0).result().params()).isEqualTo(comparison.unlearned().get(0).result().params());
        // the dataset already in memory is reused when its hash matches
        assertThat(new SessionRestorer(catalog, REGISTRY).restore(new SessionStore().load(saved), saved, data, CTX)
                .dataset()).isSameAs(data);
    }

    @Test
    void changedDataIsExplainedWithBothHashes() throws IOException {
        Path other = dir.resolve("changed" + SessionStore.EXTENSION);
        Session moved = new Session(new DatasetRef(dataFolder.toString(), 900, data.sha256(), data.name(), 1000),
                session.forget(), session.evaluation(), session.original(), List.of(), List.of());
        new SessionStore().save(moved, other);
        assertThatThrownBy(() -> new SessionRestorer(catalog, REGISTRY).restore(new SessionStore().load(other), other,
                null, CTX)).isInstanceOf(SessionException.class)
                .hasMessageStartingWith(other.toString())
                .hasMessageContaining("is not the one the session was saved with")
                .hasMessageContaining(data.sha256().substring(0, 12));
        Session gone = new Session(new DatasetRef(dir.resolve("nowhere").toString(), null, data.sha256(), "x", 1000),
                new int[0], session.evaluation(), null, List.of(), List.of());
        new SessionStore().save(gone, other);
        assertThatThrownBy(() -> new SessionRestorer(catalog, REGISTRY).restore(new SessionStore().load(other), other,
                null, CTX)).isInstanceOf(SessionException.class).hasMessageContaining("cannot be loaded")
                .hasMessageContaining("nowhere");
    }

    @Test
    void aNewerVersionIsExplainedAndAnOlderOneRefused() throws IOException {
        Path newer = rewrite("newer", json -> json.put("version", SessionStore.VERSION + 1));
        assertThatThrownBy(() -> new SessionStore().load(newer)).isInstanceOf(SessionException.class)
                .hasMessageStartingWith(newer.toString())
                .hasMessageContaining("written by a newer Lethe (session format version " + (SessionStore.VERSION + 1))
                .hasMessageContaining("Update Lethe");
        Path older = rewrite("older", json -> json.put("version", 0));
        assertThatThrownBy(() -> new SessionStore().load(older)).isInstanceOf(SessionException.class)
                .hasMessageContaining("version 0 is older than any this Lethe can open");
    }

    @Test
    void migrationStepsRunInOrderUpToTheCurrentVersion() {
        ObjectNode v1 = new ObjectMapper().createObjectNode().put("version", 1).put("old", "x");
        List<SessionMigrations.Step> steps = List.of(
                new SessionMigrations.Step(1, "rename old to middle", j -> {
                    j.set("middle", j.remove("old"));
                    return j;
                }),
                new SessionMigrations.Step(2, "rename middle to new", j -> {
                    j.set("new", j.remove("middle"));
                    return j;
                }));
        ObjectNode v3 = SessionMigrations.upgrade(Path.of("s"), v1, 1, 3, 1, steps);
        assertThat(v3.get("version").asInt()).isEqualTo(3);
        assertThat(v3.get("new").asText()).isEqualTo("x");
        assertThat(v3.has("old")).isFalse();
        assertThat(v1.get("version").asInt()).isEqualTo(1);
        assertThatThrownBy(() -> SessionMigrations.upgrade(Path.of("s"), v1, 1, 3, 1, steps.subList(0, 1)))
                .isInstanceOf(SessionException.class).hasMessageContaining("no migration from session format version 2");
    }

    @Test
    void aMissingOrReplacedModelIsNamed() throws IOException {
        Path missing = rewriteZip("missing", entries -> entries.keySet().removeIf(k -> k.contains("compared-02")));
        assertThatThrownBy(() -> new SessionStore().load(missing)).isInstanceOf(SessionException.class)
                .hasMessageContaining("the model 'FT one epoch' is missing")
                .hasMessageContaining("models/compared-02-ft.lethe");
        Path swapped = rewriteZip("swapped", entries -> entries.put("models/compared-02-ft.lethe",
                entries.get("models/compared-01-retrain.lethe")));
        assertThatThrownBy(() -> new SessionStore().load(swapped)).isInstanceOf(SessionException.class)
                .hasMessageContaining("models/compared-02-ft.lethe")
                .hasMessageContaining("the model was replaced or damaged");
        Path damaged = rewriteZip("damaged", entries -> entries.put("models/original.lethe", new byte[] {1, 2, 3}));
        assertThatThrownBy(() -> new SessionStore().load(damaged)).isInstanceOf(SessionException.class)
                .hasMessageStartingWith(damaged.toString())
                .hasMessageContaining("models/original.lethe (the original model)")
                .hasMessageNotContaining("lethe-session-");
    }

    @Test
    void badFilesAndFieldsAreExplained() throws IOException {
        Path garbage = dir.resolve("garbage" + SessionStore.EXTENSION);
        Files.writeString(garbage, "this is not a zip file");
        assertThatThrownBy(() -> new SessionStore().load(garbage)).isInstanceOf(SessionException.class)
                .hasMessageStartingWith(garbage.toString()).hasMessageContaining("not a readable Lethe session");
        Path truncated = dir.resolve("truncated" + SessionStore.EXTENSION);
        byte[] all = Files.readAllBytes(saved);
        Files.write(truncated, java.util.Arrays.copyOf(all, all.length / 2));
        assertThatThrownBy(() -> new SessionStore().load(truncated)).isInstanceOf(SessionException.class);
        assertThatThrownBy(() -> new SessionStore().load(dir.resolve("absent.lethe-session")))
                .isInstanceOf(SessionException.class).hasMessageContaining("no such session file");
        Path edited = rewrite("edited", json -> {
            ((com.fasterxml.jackson.databind.node.ArrayNode) json.get("forget").get("indices")).set(0, 1);
            return json;
        });
        assertThatThrownBy(() -> new SessionStore().load(edited)).isInstanceOf(SessionException.class)
                .hasMessageContaining("forget.sha256");
        Path outside = rewrite("outside", json -> {
            ((ObjectNode) json.get("dataset")).put("trainCount", 5);
            return json;
        });
        assertThatThrownBy(() -> new SessionStore().load(outside)).isInstanceOf(SessionException.class)
                .hasMessageContaining("forget.indices[0]").hasMessageContaining("outside the 5 training images");
        Path badKind = rewrite("badkind", json -> {
            ((ObjectNode) json.get("history").get(0)).put("kind", "SLEEP");
            return json;
        });
        assertThatThrownBy(() -> new SessionStore().load(badKind)).isInstanceOf(SessionException.class)
                .hasMessageContaining("history[0].kind must be TRAIN or UNLEARN");
        Path notJson = rewriteZip("notjson", entries -> entries.put("session.json", "{oops".getBytes()));
        assertThatThrownBy(() -> new SessionStore().load(notJson)).isInstanceOf(SessionException.class)
                .hasMessageContaining("session.json is not valid JSON");
    }

    @Test
    void aFailedWriteLeavesTheOldFileIntact() throws IOException {
        Path target = dir.resolve("kept" + SessionStore.EXTENSION);
        new SessionStore().save(session, target);
        byte[] before = Files.readAllBytes(target);
        Session broken = new Session(session.dataset(), session.forget(), session.evaluation(), session.original(),
                List.of(new ComparedModel("Bad", "ft", "not json", 1, 0, Map.of(), session.original())), List.of());
        assertThatThrownBy(() -> new SessionStore().save(broken, target)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Files.readAllBytes(target)).isEqualTo(before);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void figuresKeepOneOrderWhateverTheyWereBuiltFrom() {
        Map<String, Double> figures = Map.of("steps", 1.0, "nominalSamples", 13.0, "budgetScale", 1.0,
                "retrainSamples", 266.0, "budgetSamples", 21.0, "adversarialSamples", 4.0);
        ComparedModel m = new ComparedModel("FT", "ft", "{}", 1, 0, figures, session.original());
        // a Map.copyOf's order depends on the JVM's random salt, so a reloaded session could differ from the saved one
        assertThat(List.copyOf(m.figures().keySet())).isSorted();
    }

    private static Path rewrite(String name, UnaryOperator<ObjectNode> change) throws IOException {
        return rewriteZip(name, entries -> {
            try {
                ObjectMapper json = new ObjectMapper();
                ObjectNode root = (ObjectNode) json.readTree(entries.get("session.json"));
                entries.put("session.json", json.writeValueAsBytes(change.apply(root)));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static Path rewriteZip(String name, java.util.function.Consumer<Map<String, byte[]>> change)
            throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(saved.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                try (InputStream in = zip.getInputStream(e)) {
                    entries.put(e.getName(), in.readAllBytes());
                }
            }
        }
        change.accept(entries);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        Path file = dir.resolve(name + SessionStore.EXTENSION);
        Files.write(file, bytes.toByteArray());
        return file;
    }
}
