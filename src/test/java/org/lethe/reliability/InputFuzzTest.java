package org.lethe.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.engine.data.DatasetLoader;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.data.ImageSplit;
import org.lethe.engine.experiment.Scenario;
import org.lethe.engine.experiment.ScenarioFiles;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.Architecture;
import org.lethe.engine.model.ModelStore;
import org.lethe.engine.model.TrainedModel;
import org.lethe.engine.model.TrainingConfig;
import org.lethe.engine.model.optim.LrSchedule;
import org.lethe.engine.model.optim.OptimizerConfig;
import org.lethe.engine.session.ComparedModel;
import org.lethe.engine.session.RestoredSession;
import org.lethe.engine.session.Session;
import org.lethe.engine.session.SessionRestorer;
import org.lethe.engine.session.SessionStore;
import org.lethe.engine.unlearning.MethodRegistry;
import org.lethe.reliability.Mutator.IntField;
import org.lethe.reliability.Mutator.Layout;
import org.lethe.reliability.Mutator.Mutation;

/**
 * Fuzzes every file format Lethe reads (issue #8): IDX (raw and gzip), CIFAR-10 batch folders and
 * the tar.gz, PNG image folders, {@code .lethe} model files, scenario JSON, {@code .lethe-sisa}
 * ensemble files and {@code .lethe-session} workbench sessions. The inputs are
 * small copies of the real sample files; the damage comes from {@link Mutator} and
 * {@link FormatMutations} with fixed seeds, so every run tries the same cases. Each case must end
 * in a domain error naming the file or in a valid-looking dataset/model/scenario, within a time
 * and heap-allocation limit (see {@link FuzzRunner}).
 */
class InputFuzzTest {

    private static final long TIMEOUT_MILLIS = 20_000;
    private static final long ALLOCATION_LIMIT = 256L << 20;
    private static final Map<String, String> SUMMARIES = new LinkedHashMap<>();
    private static final Map<String, Integer> CASES = new LinkedHashMap<>();
    private static final Map<String, Long> MILLIS = new LinkedHashMap<>();

    private final DatasetLoader loader = new DatasetLoader();

    @AfterAll
    static void report() {
        int total = CASES.values().stream().mapToInt(Integer::intValue).sum();
        long millis = MILLIS.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder text = new StringBuilder("Fuzz summary: " + total + " cases in " + millis + " ms\n");
        SUMMARIES.forEach((format, line) -> text.append("  ").append(line).append(" in ")
                .append(MILLIS.get(format)).append(" ms\n"));
        System.out.print(text);
        if (CASES.size() == 6) {
            assertThat(total).as("fuzz cases over all formats").isGreaterThanOrEqualTo(1000);
        }
    }

    private static void finish(FuzzRunner runner, long startNanos, int minimumCases) {
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        SUMMARIES.put(runner.summary().substring(0, runner.summary().indexOf(':')), runner.summary());
        String format = runner.summary().substring(0, runner.summary().indexOf(':'));
        CASES.put(format, runner.cases());
        MILLIS.put(format, millis);
        List<FuzzRunner.Failure> failures = runner.failures();
        assertThat(failures).as(runner.summary() + "; first failures:\n"
                + String.join("\n", failures.stream().limit(25).map(Object::toString).toList())).isEmpty();
        assertThat(runner.cases()).isGreaterThanOrEqualTo(minimumCases);
        assertThat(runner.rejected()).as("some cases must be rejected").isPositive();
        assertThat(runner.loaded()).as("some cases must still load").isPositive();
    }

    /** Writes {@code bytes} to {@code file}, runs the case, and puts {@code original} back. */
    private static <T> void onFile(FuzzRunner runner, Path file, byte[] original, Mutation m, String named,
            Callable<T> load, Function<T, String> check) throws IOException {
        Files.write(file, m.bytes());
        try {
            runner.run(m.description(), named, load, check);
        } finally {
            if (original == null) {
                Files.deleteIfExists(file);
            } else {
                Files.write(file, original);
            }
        }
    }

    /** Null when the dataset looks usable, else what is wrong with it. */
    static String checkDataset(ImageDataset d) {
        if (d.train().count() == 0) {
            return "the training split is empty";
        }
        if (d.numClasses() < 1) {
            return "no classes";
        }
        for (ImageSplit split : List.of(d.train(), d.test())) {
            if (split.count() > 0 && !split.shape().equals(d.shape())) {
                return split.name() + " has shape " + split.shape() + ", dataset " + d.shape();
            }
            for (int i = 0; i < split.count(); i++) {
                if (split.label(i) < 0 || split.label(i) >= d.numClasses()) {
                    return split.name() + " sample " + i + " has label " + split.label(i);
                }
            }
        }
        return null;
    }

    private static <T> List<T> sample(List<T> all, int n, Mutator random) {
        if (all.size() <= n) {
            return all;
        }
        List<T> copy = new ArrayList<>(all);
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(copy.remove(random.nextInt(0, copy.size())));
        }
        return out;
    }

    // ------------------------------------------------------------------ IDX

    @Test
    void idxFilesRawAndGzip(@TempDir Path dir) throws IOException {
        long start = System.nanoTime();
        Map<String, byte[]> files = FuzzSamples.mnistIdx(300, 100);
        Path raw = Files.createDirectories(dir.resolve("mnist-raw"));
        Path gz = Files.createDirectories(dir.resolve("mnist-gz"));
        Map<String, byte[]> gzipped = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Files.write(raw.resolve(e.getKey()), e.getValue());
            gzipped.put(e.getKey() + ".gz", FuzzSamples.gzip(e.getValue()));
            Files.write(gz.resolve(e.getKey() + ".gz"), gzipped.get(e.getKey() + ".gz"));
        }
        Mutator mutator = new Mutator(8001);
        try (FuzzRunner runner = new FuzzRunner("IDX", TIMEOUT_MILLIS, ALLOCATION_LIMIT)) {
            for (String name : FuzzSamples.IDX_NAMES) {
                byte[] data = files.get(name);
                boolean images = name.contains("images");
                Layout layout = FormatMutations.idxLayout(data, images ? 3 : 1, images ? 784 : 1);
                for (Mutation m : mutator.standardMutations(name, data, layout, 6, 8, 3)) {
                    onFile(runner, raw.resolve(name), data, m, raw.toString(),
                            () -> loader.load(raw, JobContext.detached()), InputFuzzTest::checkDataset);
                }
                // the same header damage inside a valid gzip stream
                String gzName = name + ".gz";
                if (images || name.startsWith("train")) {
                    List<Mutation> inner = mutator.standardMutations(name, data, layout, 3, 4, 1);
                    for (Mutation m : sample(inner, 40, mutator)) {
                        Mutation zipped = new Mutation(m.description() + ", then gzipped", FuzzSamples.gzip(m.bytes()));
                        onFile(runner, gz.resolve(gzName), gzipped.get(gzName), zipped, gz.toString(),
                                () -> loader.load(gz, JobContext.detached()), InputFuzzTest::checkDataset);
                    }
                }
                // damage to the gzip stream itself
                byte[] compressed = gzipped.get(gzName);
                for (Mutation m : mutator.standardMutations(gzName, compressed, FormatMutations.gzipLayout(compressed),
                        4, 6, 2)) {
                    onFile(runner, gz.resolve(gzName), compressed, m, gz.toString(),
                            () -> loader.load(gz, JobContext.detached()), InputFuzzTest::checkDataset);
                }
            }
            finish(runner, start, 300);
        }
    }

    // ------------------------------------------------------------------ CIFAR-10

    @Test
    void cifarBatchFoldersAndArchives(@TempDir Path dir) throws IOException {
        long start = System.nanoTime();
        Map<String, byte[]> files = FuzzSamples.cifarFiles(20, 20);
        Path folder = Files.createDirectories(dir.resolve("cifar-folder"));
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Files.write(folder.resolve(e.getKey()), e.getValue());
        }
        Mutator mutator = new Mutator(8002);
        try (FuzzRunner runner = new FuzzRunner("CIFAR-10", TIMEOUT_MILLIS, ALLOCATION_LIMIT)) {
            Callable<ImageDataset> readFolder = () -> loader.load(folder, JobContext.detached());
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                byte[] data = e.getValue();
                Path file = folder.resolve(e.getKey());
                List<Mutation> mutations = new ArrayList<>();
                if (e.getKey().endsWith(".bin")) {
                    Layout layout = new Layout(List.of(1, 3073, 3074, 2 * 3073, data.length - 3073), 3073, 0, List.of());
                    mutations.addAll(mutator.standardMutations(e.getKey(), data, layout, 4, 6, 2));
                    for (int label : new int[] {10, 11, 127, 255}) {
                        byte[] copy = data.clone();
                        copy[3073 * mutator.nextInt(0, data.length / 3073)] = (byte) label;
                        mutations.add(new Mutation(e.getKey() + ": a record's label set to " + label, copy));
                    }
                } else {
                    mutations.addAll(mutator.standardMutations(e.getKey(), data, Layout.opaque(data.length), 4, 6, 2));
                    mutations.add(new Mutation("meta: empty", new byte[0]));
                    mutations.add(new Mutation("meta: 300 class names",
                            "x\n".repeat(300).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                    mutations.add(new Mutation("meta: one class name", "plane\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                    mutations.add(new Mutation("meta: 2 MiB of random bytes", mutator.randomBytes(2 << 20)));
                }
                for (Mutation m : mutations) {
                    onFile(runner, file, data, m, folder.toString(), readFolder, InputFuzzTest::checkDataset);
                }
            }

            byte[] tar = FuzzSamples.cifarTar(files);
            Path archive = dir.resolve("cifar-10-binary.tar.gz");
            Callable<ImageDataset> readArchive = () -> loader.load(archive, JobContext.detached());
            byte[] intactGz = FuzzSamples.gzip(tar);
            for (Mutation m : FormatMutations.tarHeaderMutations("tar", tar)) {
                onFile(runner, archive, null, new Mutation(m.description() + ", gzipped", FuzzSamples.gzip(m.bytes())),
                        archive.getFileName().toString(), readArchive, InputFuzzTest::checkDataset);
            }
            Layout tarLayout = new Layout(FormatMutations.tarBoundaries(tar), 512, 0, List.of());
            for (Mutation m : sample(mutator.standardMutations("tar", tar, tarLayout, 6, 10, 4), 70, mutator)) {
                onFile(runner, archive, null, new Mutation(m.description() + ", gzipped", FuzzSamples.gzip(m.bytes())),
                        archive.getFileName().toString(), readArchive, InputFuzzTest::checkDataset);
            }
            Path plainTar = dir.resolve("cifar-10-binary.tar");
            for (Mutation m : sample(mutator.standardMutations("plain tar", tar, tarLayout, 4, 6, 2), 25, mutator)) {
                onFile(runner, plainTar, null, m, plainTar.getFileName().toString(),
                        () -> loader.load(plainTar, JobContext.detached()), InputFuzzTest::checkDataset);
            }
            for (Mutation m : mutator.standardMutations("tar.gz", intactGz, FormatMutations.gzipLayout(intactGz), 8, 8, 3)) {
                onFile(runner, archive, null, m, archive.getFileName().toString(), readArchive,
                        InputFuzzTest::checkDataset);
            }
            finish(runner, start, 300);
        }
    }

    // ------------------------------------------------------------------ PNG folders

    @Test
    void pngImageFolders(@TempDir Path dir) throws IOException {
        long start = System.nanoTime();
        Mutator mutator = new Mutator(8003);
        try (FuzzRunner runner = new FuzzRunner("PNG folders", TIMEOUT_MILLIS, ALLOCATION_LIMIT)) {
            for (boolean rgb : new boolean[] {false, true}) {
                Path root = FuzzSamples.writePngFolder(dir.resolve(rgb ? "rgb" : "gray"), 2, 3, 8, rgb, 17);
                Path target = root.resolve("class0").resolve("img0.png");
                byte[] png = Files.readAllBytes(target);
                List<Mutation> mutations = new ArrayList<>();
                mutations.addAll(mutator.standardMutations("img0.png", png, FormatMutations.pngLayout(png), 6, 10, 3));
                mutations.addAll(FormatMutations.pngHeaderMutations("img0.png", png));
                mutations.add(new Mutation("img0.png: empty file", new byte[0]));
                mutations.add(new Mutation("img0.png: text", "not an image".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                for (Mutation m : mutations) {
                    onFile(runner, target, png, m, "img0.png", () -> loader.load(root, JobContext.detached()),
                            InputFuzzTest::checkDataset);
                }
            }
            finish(runner, start, 150);
        }
    }

    // ------------------------------------------------------------------ model files

    @Test
    void modelFiles(@TempDir Path dir) throws IOException {
        long start = System.nanoTime();
        TrainedModel model = FuzzSamples.tinyModel(200, 5);
        ModelStore store = new ModelStore();
        Path file = dir.resolve("model.lethe");
        store.save(model, file);
        byte[] zip = Files.readAllBytes(file);
        Map<String, byte[]> entries = FormatMutations.unzip(zip);
        long params = model.network().numParams();
        Function<TrainedModel, String> check = loaded -> loaded.network().numParams() != params
                ? "it has " + loaded.network().numParams() + " parameters, expected " + params
                : !loaded.paramsSha256().equals(model.paramsSha256()) ? "its parameters differ from the saved ones" : null;
        Mutator mutator = new Mutator(8004);
        List<Mutation> mutations = new ArrayList<>();
        List<Mutation> zipLevel = mutator.standardMutations("zip", zip, FormatMutations.zipLayout(zip), 10, 16, 4);
        mutations.addAll(sample(zipLevel, 170, mutator));

        byte[] json = entries.get("model.json");
        List<Mutation> jsonLevel = FormatMutations.jsonTreeMutations("model.json", json, mutator, 2);
        JsonNodeFactory f = JsonNodeFactory.instance;
        jsonLevel.addAll(List.of(
                new Mutation("model.json: mlp with a hidden layer of 1,000,000", FormatMutations.withValue(
                        FormatMutations.withValue(json, "/provenance/spec/architecture", f.textNode("mlp")),
                        "/provenance/spec/hiddenWidths", f.arrayNode().add(1_000_000))),
                new Mutation("model.json: 4096x4096 input", FormatMutations.withValue(json, "/provenance/spec/input",
                        f.objectNode().put("channels", 3).put("height", 4096).put("width", 4096))),
                new Mutation("model.json: 100,000 classes",
                        FormatMutations.withValue(json, "/provenance/spec/numClasses", f.numberNode(100_000))),
                new Mutation("model.json: version 0", FormatMutations.withValue(json, "/version", f.numberNode(0))),
                new Mutation("model.json: version 2", FormatMutations.withValue(json, "/version", f.numberNode(2))),
                new Mutation("model.json: paramCount 2^40",
                        FormatMutations.withValue(json, "/paramCount", f.numberNode(1L << 40)))));
        for (Mutation m : sample(jsonLevel, 150, mutator)) {
            mutations.add(new Mutation(m.description(), FormatMutations.rezip(entries, "model.json", m.bytes())));
        }
        Map<String, Layout> binaryLayouts = Map.of(
                "params.bin", Layout.opaque(64),
                "orders.bin", new Layout(List.of(4, 8, 12), 12, 0,
                        List.of(IntField.be32("epoch count", 0), IntField.be32("first epoch length", 4))),
                "optimizer.bin", new Layout(List.of(8, 12, 14), 24, 0, List.of(
                        new IntField("step count", 0, 8, java.nio.ByteOrder.BIG_ENDIAN), IntField.be32("buffer count", 8),
                        new IntField("first buffer name length", 12, 2, java.nio.ByteOrder.BIG_ENDIAN))));
        for (String entry : List.of("params.bin", "orders.bin", "optimizer.bin")) {
            for (Mutation m : mutator.standardMutations(entry, entries.get(entry), binaryLayouts.get(entry), 4, 4, 2)) {
                mutations.add(new Mutation(m.description(), FormatMutations.rezip(entries, entry, m.bytes())));
            }
            Map<String, byte[]> without = new LinkedHashMap<>(entries);
            without.remove(entry);
            mutations.add(new Mutation(entry + " missing", FormatMutations.zip(without)));
        }
        try (FuzzRunner runner = new FuzzRunner("model files", TIMEOUT_MILLIS, ALLOCATION_LIMIT)) {
            for (Mutation m : mutations) {
                onFile(runner, file, zip, m, "model.lethe", () -> store.load(file), check);
            }
            finish(runner, start, 300);
        }
    }

    // ------------------------------------------------------------------ scenario files

    /** Null when the scenario could be run as written (its values are in range), else why not. */
    static String checkScenario(Scenario s) {
        try {
            Architecture.fromId(s.model().architecture());
            Scenario.TrainingEntry t = s.training();
            OptimizerConfig optimizer = "sgd".equalsIgnoreCase(t.optimizer())
                    ? OptimizerConfig.sgd(t.momentum(), t.weightDecay()) : OptimizerConfig.adam(t.weightDecay());
            new TrainingConfig(t.epochs(), t.batchSize(), optimizer, LrSchedule.constant(t.lr()), 1);
            org.lethe.engine.data.forget.ForgetSetSpec.parse(s.forget());
        } catch (RuntimeException e) {
            return "it cannot run: " + e;
        }
        if (s.seeds().stream().anyMatch(java.util.Objects::isNull)) {
            return "a seed is null";
        }
        if (s.methods().stream().anyMatch(m -> m == null || m.id() == null)) {
            return "a method has no id";
        }
        return null;
    }

    @Test
    void scenarioFiles(@TempDir Path dir) throws IOException {
        long start = System.nanoTime();
        Mutator mutator = new Mutator(8005);
        try (FuzzRunner runner = new FuzzRunner("scenarios", TIMEOUT_MILLIS, ALLOCATION_LIMIT)) {
            List<Path> presets;
            try (var list = Files.list(FuzzSamples.SAMPLE_DATA.resolve("scenarios"))) {
                presets = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            }
            assertThat(presets).isNotEmpty();
            for (Path preset : presets) {
                byte[] json = Files.readAllBytes(preset);
                String name = preset.getFileName().toString();
                Path file = dir.resolve(name);
                List<Mutation> mutations = new ArrayList<>();
                mutations.addAll(sample(FormatMutations.jsonTreeMutations(name, json, mutator, 2), 70, mutator));
                Layout layout = new Layout(sample(FormatMutations.jsonBoundaries(json), 8, mutator), json.length, 1, List.of());
                mutations.addAll(mutator.standardMutations(name, json, layout, 6, 10, 3));
                mutations.add(new Mutation(name + ": 2 MiB of spaces appended", Mutator.append(json, " ".repeat(2 << 20)
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
                mutations.add(new Mutation(name + ": nested 100,000 deep", ("[".repeat(100_000))
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
                for (Mutation m : mutations) {
                    onFile(runner, file, null, m, name, () -> ScenarioFiles.read(file), InputFuzzTest::checkScenario);
                }
            }
            finish(runner, start, 200);
        }
    }

    // ------------------------------------------------------------------ SISA ensemble files

    @Test
    void sisaEnsembleFiles(@TempDir Path dir) throws IOException {
        long start = System.nanoTime();
        FuzzSamples.SisaSample sample = FuzzSamples.tinySisa(120, 6);
        org.lethe.engine.unlearning.sisa.SisaEnsemble saved = sample.ensemble();
        org.lethe.engine.unlearning.sisa.SisaStore store = new org.lethe.engine.unlearning.sisa.SisaStore();
        Path file = dir.resolve("ensemble.lethe-sisa");
        store.save(saved, file);
        byte[] zip = Files.readAllBytes(file);
        Map<String, byte[]> entries = FormatMutations.unzip(zip);
        Function<org.lethe.engine.unlearning.sisa.SisaEnsemble, String> check = loaded -> {
            for (int k = 0; k < saved.assignment().count(); k++) {
                if (!java.util.Arrays.equals(loaded.shardParams(k).toFloatVector(), saved.shardParams(k).toFloatVector())) {
                    return "shard " + k + "'s parameters differ from the saved ones";
                }
                for (int sl = 0; sl < saved.config().slices(); sl++) {
                    if (!loaded.checkpointKey(k, sl).equals(saved.checkpointKey(k, sl))) {
                        return "shard " + k + " slice " + sl + " has another checkpoint key";
                    }
                }
            }
            return java.util.Arrays.equals(loaded.deletedIndices(), saved.deletedIndices()) ? null
                    : "the deleted points differ";
        };
        Mutator mutator = new Mutator(8006);
        List<Mutation> mutations = new ArrayList<>();
        mutations.addAll(sample(mutator.standardMutations("zip", zip, FormatMutations.zipLayout(zip), 6, 8, 2), 35,
                mutator));
        byte[] json = entries.get("sisa.json");
        JsonNodeFactory f = JsonNodeFactory.instance;
        List<Mutation> jsonLevel = new ArrayList<>(sample(FormatMutations.jsonTreeMutations("sisa.json", json,
                mutator, 1), 40, mutator));
        jsonLevel.addAll(List.of(
                new Mutation("sisa.json: version 2", FormatMutations.withValue(json, "/version", f.numberNode(2))),
                new Mutation("sisa.json: 10,000 shards", FormatMutations.withValue(json, "/config/shards",
                        f.numberNode(10_000))),
                new Mutation("sisa.json: params count 2^40", FormatMutations.withValue(json, "/shards/0/params/count",
                        f.numberNode(1L << 40))),
                new Mutation("sisa.json: buffers count 10^6", FormatMutations.withValue(json,
                        "/shards/1/slices/0/buffers/count", f.numberNode(1_000_000))),
                new Mutation("sisa.json: mlp with a hidden layer of 1,000,000", FormatMutations.withValue(
                        FormatMutations.withValue(json, "/spec/architecture", f.textNode("mlp")),
                        "/spec/hiddenWidths", f.arrayNode().add(1_000_000))),
                new Mutation("sisa.json: no deleted points", FormatMutations.withValue(json, "/deleted",
                        f.arrayNode())),
                new Mutation("sisa.json: an index out of range in shard 0", FormatMutations.withValue(json,
                        "/assignment/0/0", f.numberNode(1_000_000)))));
        for (Mutation m : jsonLevel) {
            mutations.add(new Mutation(m.description(), FormatMutations.rezip(entries, "sisa.json", m.bytes())));
        }
        for (String entry : List.of("shard-0-params.bin", "shard-1-slice-1-params.bin")) {
            for (Mutation m : sample(mutator.standardMutations(entry, entries.get(entry), Layout.opaque(64), 3, 3, 1),
                    6, mutator)) {
                mutations.add(new Mutation(m.description(), FormatMutations.rezip(entries, entry, m.bytes())));
            }
        }
        for (String entry : List.of("sisa.json", "shard-1-buffers.bin", "shard-0-slice-0-params.bin")) {
            Map<String, byte[]> without = new LinkedHashMap<>(entries);
            without.remove(entry);
            mutations.add(new Mutation(entry + " missing", FormatMutations.zip(without)));
        }
        try (FuzzRunner runner = new FuzzRunner("SISA files", TIMEOUT_MILLIS, ALLOCATION_LIMIT)) {
            for (Mutation m : mutations) {
                onFile(runner, file, zip, m, "ensemble.lethe-sisa", () -> store.load(file, sample.split()), check);
            }
            finish(runner, start, 80);
        }
    }

    // ------------------------------------------------------------------ session files

    /** What identifies a session's content: a damaged file that still opens must give exactly this. */
    private static String fingerprint(Session s) {
        StringBuilder b = new StringBuilder();
        b.append(s.dataset()).append('|').append(java.util.Arrays.toString(s.forget())).append('|')
                .append(s.evaluation()).append('|').append(s.original() == null ? "-" : s.original().paramsSha256());
        for (ComparedModel m : s.compared()) {
            b.append('|').append(m.label()).append(',').append(m.methodId()).append(',').append(m.paramsJson())
                    .append(',').append(m.model().paramsSha256()).append(',').append(m.figures());
        }
        return b.append('|').append(s.history()).toString();
    }

    /** Null when a read session holds only models that were saved, else why not. */
    private static String checkSession(Session s, Set<String> savedModels) {
        List<org.lethe.engine.model.TrainedModel> models = new ArrayList<>();
        if (s.original() != null) {
            models.add(s.original());
        }
        s.compared().forEach(m -> models.add(m.model()));
        for (org.lethe.engine.model.TrainedModel m : models) {
            if (!savedModels.contains(m.paramsSha256())) {
                return "it holds a model that was never saved (parameters " + m.paramsSha256() + ")";
            }
        }
        return null;
    }

    /** Null when a restored session is consistent and holds only models that were saved, else why not. */
    private static String checkRestored(RestoredSession r, Set<String> savedModels) {
        Session s = r.session();
        String problem = checkSession(s, savedModels);
        if (problem != null) {
            return problem;
        }
        if (!r.dataset().sha256().equals(s.dataset().sha256())) {
            return "the restored dataset does not have the session's content hash";
        }
        for (int index : s.forget()) {
            if (index >= r.dataset().train().count()) {
                return "forget index " + index + " is outside the dataset";
            }
        }
        int rows = r.comparison() == null ? 0 : r.comparison().rows().size();
        int expected = s.compared().isEmpty() ? 0 : s.compared().size() + 1;
        if (rows != expected) {
            return "the restored comparison has " + rows + " rows for " + s.compared().size() + " compared models";
        }
        return null;
    }

    /** The session's entries with one added, zipped again. */
    private static byte[] withEntry(Map<String, byte[]> entries, String name, byte[] content) throws IOException {
        Map<String, byte[]> copy = new LinkedHashMap<>(entries);
        copy.put(name, content);
        return FormatMutations.zip(copy);
    }

    /** The session with {@code session.json} edited by {@code edit}, zipped again. */
    private static byte[] withJson(Map<String, byte[]> entries, java.util.function.UnaryOperator<
            com.fasterxml.jackson.databind.node.ObjectNode> edit) throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode root =
                (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(entries.get("session.json"));
        return FormatMutations.rezip(entries, "session.json", mapper.writeValueAsBytes(edit.apply(root)));
    }

    @Test
    void sessionFiles(@TempDir Path dir) throws IOException {
        long start = System.nanoTime();
        FuzzSamples.SessionSample sample = FuzzSamples.tinySession(dir, 300, 11);
        Path file = sample.file();
        String name = file.getFileName().toString();
        byte[] zip = Files.readAllBytes(file);
        Map<String, byte[]> entries = FormatMutations.unzip(zip);
        assertThat(entries.keySet()).containsExactly("session.json", "models/original.lethe",
                "models/compared-01-retrain.lethe", "models/compared-02-ft.lethe");
        Session saved = sample.session();
        Set<String> savedModels = new java.util.HashSet<>();
        savedModels.add(saved.original().paramsSha256());
        saved.compared().forEach(m -> savedModels.add(m.model().paramsSha256()));
        String intact = fingerprint(saved);

        SessionStore store = new SessionStore();
        SessionRestorer restorer = new SessionRestorer(sample.catalog(), MethodRegistry.standard());
        // edits of session.json may load and then fail (or not) only when the data and comparison are
        // restored; container and model damage either fails while reading or changes nothing
        Callable<RestoredSession> restore = () -> restorer.restore(store.load(file), file, sample.data(),
                JobContext.detached());
        Callable<Session> read = () -> store.load(file);
        Function<RestoredSession, String> consistent = r -> checkRestored(r, savedModels);
        Function<Session, String> valid = s -> checkSession(s, savedModels);
        Function<Session, String> unchanged = s -> {
            String problem = checkSession(s, savedModels);
            return problem != null ? problem : fingerprint(s).equals(intact) ? null
                    : "it differs from the saved session: " + fingerprint(s);
        };
        Function<Session, String> refused = s -> "a model entry outside models/ was accepted";

        Mutator mutator = new Mutator(8006);
        // 1. damage to the zip container: every entry boundary cut, random cuts, header bit flips,
        //    hostile sizes, offsets and name lengths in every local and central header, trailing garbage
        List<Mutation> zipLevel = mutator.standardMutations(name, zip, FormatMutations.zipLayout(zip), 12, 24, 6);
        List<Mutation> cuts = zipLevel.stream().filter(m -> m.description().contains("truncated")).toList();
        List<Mutation> others = new ArrayList<>(zipLevel.stream().filter(m -> !cuts.contains(m)).toList());
        List<Mutation> containerCases = new ArrayList<>(cuts);
        containerCases.addAll(sample(others, 150, mutator));

        // 2. session.json: every value replaced by hostile ones, every field removed
        byte[] json = entries.get("session.json");
        List<Mutation> jsonCases = new ArrayList<>();
        for (Mutation m : sample(FormatMutations.jsonTreeMutations("session.json", json, mutator, 2), 130, mutator)) {
            jsonCases.add(new Mutation(m.description(), FormatMutations.rezip(entries, "session.json", m.bytes())));
        }
        JsonNodeFactory f = JsonNodeFactory.instance;
        String otherHash = saved.compared().get(0).model().paramsSha256();
        for (Object format : new Object[] {"lethe-model", "", "LETHE-SESSION", 1}) {
            jsonCases.add(new Mutation("session.json: format " + format, withJson(entries, root -> {
                root.set("format", format instanceof String t ? f.textNode(t) : f.numberNode((Integer) format));
                return root;
            })));
        }
        for (com.fasterxml.jackson.databind.JsonNode version : List.of(f.numberNode(0), f.numberNode(2),
                f.numberNode(-1), f.numberNode(1_000_000), f.textNode("1"), f.numberNode(1.5), f.nullNode(),
                f.numberNode(1L << 40))) {
            jsonCases.add(new Mutation("session.json: version " + version, withJson(entries, root -> {
                root.set("version", version);
                return root;
            })));
        }
        jsonCases.add(new Mutation("session.json: version missing", withJson(entries, root -> {
            root.remove("version");
            return root;
        })));
        jsonCases.add(new Mutation("session.json: original's hash set to another model's", withJson(entries, root -> {
            ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("original")).put("paramsSha256", otherHash);
            return root;
        })));
        jsonCases.add(new Mutation("session.json: forget.sha256 of another set", withJson(entries, root -> {
            ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("forget")).put("sha256",
                    org.lethe.engine.data.IndexView.hashIndices(new int[] {1, 2, 3}));
            return root;
        })));
        jsonCases.add(new Mutation("session.json: dataset.sha256 of other data", withJson(entries, root -> {
            ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("dataset")).put("sha256", "0".repeat(64));
            return root;
        })));
        jsonCases.add(new Mutation("session.json: dataset limited to 10 training images", withJson(entries, root -> {
            ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("dataset")).put("trainLimit", 10)
                    .put("sha256", "1".repeat(64));
            return root;
        })));
        jsonCases.add(new Mutation("session.json: compared models swapped", withJson(entries, root -> {
            com.fasterxml.jackson.databind.node.ArrayNode c = (com.fasterxml.jackson.databind.node.ArrayNode)
                    root.get("compared");
            com.fasterxml.jackson.databind.JsonNode first = c.get(0);
            c.set(0, c.get(1));
            c.set(1, first);
            return root;
        })));
        jsonCases.add(new Mutation("session.json: FT claims to be a second retrain", withJson(entries, root -> {
            ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("compared").get(1)).put("method", "retrain");
            return root;
        })));
        jsonCases.add(new Mutation("session.json: retrain claims to be FT", withJson(entries, root -> {
            ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("compared").get(0)).put("method", "ft");
            return root;
        })));
        jsonCases.add(new Mutation("session.json: 100,000 nested arrays", FormatMutations.rezip(entries, "session.json",
                "[".repeat(100_000).getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
        jsonCases.add(new Mutation("session.json: a UTF-8 byte order mark", FormatMutations.rezip(entries,
                "session.json", Mutator.append(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, json))));
        jsonCases.add(new Mutation("session.json: UTF-16", FormatMutations.rezip(entries, "session.json",
                new String(json, java.nio.charset.StandardCharsets.UTF_8).getBytes(
                        java.nio.charset.StandardCharsets.UTF_16))));
        jsonCases.add(new Mutation("session.json: empty", FormatMutations.rezip(entries, "session.json", new byte[0])));

        // 3. model entries: container damage inside the nested .lethe, swaps, junk
        List<Mutation> modelCases = new ArrayList<>();
        for (String entry : List.of("models/original.lethe", "models/compared-02-ft.lethe")) {
            byte[] model = entries.get(entry);
            for (Mutation m : sample(mutator.standardMutations(entry, model, FormatMutations.zipLayout(model), 4, 8, 2),
                    35, mutator)) {
                modelCases.add(new Mutation(m.description(), FormatMutations.rezip(entries, entry, m.bytes())));
            }
            modelCases.add(new Mutation(entry + " replaced by another model", FormatMutations.rezip(entries, entry,
                    entries.get("models/compared-01-retrain.lethe"))));
            modelCases.add(new Mutation(entry + " empty", FormatMutations.rezip(entries, entry, new byte[0])));
            modelCases.add(new Mutation(entry + " replaced by session.json", FormatMutations.rezip(entries, entry, json)));
            Map<String, byte[]> without = new LinkedHashMap<>(entries);
            without.remove(entry);
            modelCases.add(new Mutation(entry + " missing", FormatMutations.zip(without)));
        }
        Map<String, byte[]> only = new LinkedHashMap<>();
        only.put("session.json", json);
        modelCases.add(new Mutation("session.json alone", FormatMutations.zip(only)));
        modelCases.add(new Mutation("an empty zip", FormatMutations.zip(Map.of())));
        Map<String, byte[]> noJson = new LinkedHashMap<>(entries);
        noJson.remove("session.json");
        modelCases.add(new Mutation("session.json missing", FormatMutations.zip(noJson)));
        modelCases.add(new Mutation("a model file instead of a session", entries.get("models/original.lethe")));

        // 4. decompression bombs (must be stopped early, not read into memory)
        List<Mutation> bombs = new ArrayList<>();
        Map<String, byte[]> bombed = new LinkedHashMap<>(entries);
        bombed.put("session.json", Mutator.append(json, " ".repeat(40 << 20)
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        bombs.add(new Mutation("session.json followed by 40 MiB of spaces", FormatMutations.zip(bombed)));
        bombs.add(new Mutation("models/original.lethe inflates to 300 MiB of zeros",
                replaceWithBomb(entries, "models/original.lethe", 300)));

        // 5. names: traversal names for extra entries (ignored) and for the model entries session.json lists
        List<Mutation> harmlessNames = new ArrayList<>();
        for (String evil : List.of("../../lethe-fuzz-evil.txt", "/tmp/lethe-fuzz-evil.txt", "models/../../evil.lethe",
                "..\\..\\evil.txt", "models/extra.lethe")) {
            harmlessNames.add(new Mutation("extra entry '" + evil + "'", withEntry(entries, evil, json)));
        }
        List<Mutation> badNames = new ArrayList<>();
        byte[] originalModel = entries.get("models/original.lethe");
        for (String evil : List.of("../original.lethe", "/models/original.lethe", "models/../original.lethe",
                "models/sub/../../original.lethe", "models\\original.lethe", "C:\\models\\original.lethe",
                "session.json", "models/original.bin", "models//original.lethe", "models/orig\u0000inal.lethe")) {
            Map<String, byte[]> renamed = new LinkedHashMap<>(entries);
            renamed.remove("models/original.lethe");
            if (!evil.contains("\u0000")) {
                renamed.put(evil, evil.equals("session.json") ? json : originalModel);
            }
            byte[] edited = FormatMutations.zip(renamed);
            Map<String, byte[]> renamedEntries = FormatMutations.unzip(edited);
            badNames.add(new Mutation("original.file set to '" + evil + "' (an entry of that name present)",
                    withJson(renamedEntries, root -> {
                        ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("original")).put("file", evil);
                        return root;
                    })));
        }

        try (FuzzRunner runner = new FuzzRunner("sessions", TIMEOUT_MILLIS, ALLOCATION_LIMIT)) {
            runner.setMessageCheck(message -> message.contains("lethe-session-") || message.contains("model-")
                    && message.contains(ModelStore.EXTENSION + ":") ? "shows a temporary file" : null);
            for (Mutation m : containerCases) {
                onFile(runner, file, zip, m, name, read, unchanged);
            }
            for (Mutation m : jsonCases) {
                onFile(runner, file, zip, m, name, restore, consistent);
            }
            for (Mutation m : modelCases) {
                onFile(runner, file, zip, m, name, read, valid);
            }
            for (Mutation m : bombs) {
                onFile(runner, file, zip, m, name, read, unchanged);
            }
            for (Mutation m : harmlessNames) {
                onFile(runner, file, zip, m, name, read, unchanged);
            }
            for (Mutation m : badNames) {
                onFile(runner, file, zip, m, name, read, refused);
            }
            // the intact file still opens to the saved session, and restores
            onFile(runner, file, zip, new Mutation("intact", zip), name, read, unchanged);
            onFile(runner, file, zip, new Mutation("intact, restored", zip), name, restore, consistent);
            assertThat(dir.getParent().resolve("lethe-fuzz-evil.txt")).doesNotExist();
            assertThat(Path.of("/tmp/lethe-fuzz-evil.txt")).doesNotExist();
            finish(runner, start, 400);
        }
    }

    /** The session with {@code entry} replaced by a zip that inflates to {@code megabytes} MiB of zeros. */
    private static byte[] replaceWithBomb(Map<String, byte[]> entries, String entry, int megabytes) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
            zip.setLevel(java.util.zip.Deflater.BEST_SPEED);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new java.util.zip.ZipEntry(e.getKey()));
                if (e.getKey().equals(entry)) {
                    byte[] zeros = new byte[1 << 20];
                    for (int i = 0; i < megabytes; i++) {
                        zip.write(zeros);
                    }
                } else {
                    zip.write(e.getValue());
                }
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
