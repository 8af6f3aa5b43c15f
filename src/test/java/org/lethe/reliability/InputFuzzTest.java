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
import org.lethe.reliability.Mutator.IntField;
import org.lethe.reliability.Mutator.Layout;
import org.lethe.reliability.Mutator.Mutation;

/**
 * Fuzzes every file format Lethe reads (issue #8): IDX (raw and gzip), CIFAR-10 batch folders and
 * the tar.gz, PNG image folders, {@code .lethe} model files, scenario JSON and {@code .lethe-sisa}
 * ensemble files. The inputs are
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
}
