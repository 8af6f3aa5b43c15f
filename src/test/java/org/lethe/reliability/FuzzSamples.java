package org.lethe.reliability;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.data.ImageSplit;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.ModelStore;
import org.lethe.engine.model.ModelTraining;
import org.lethe.engine.model.TrainedModel;
import org.lethe.engine.model.TrainingConfig;
import org.lethe.engine.data.forget.ForgetSetSpec;
import org.lethe.engine.evaluation.ModelEvaluator;
import org.lethe.engine.experiment.Comparison;
import org.lethe.engine.session.ComparedModel;
import org.lethe.engine.session.DatasetRef;
import org.lethe.engine.session.Session;
import org.lethe.engine.session.SessionRun;
import org.lethe.engine.session.SessionStore;
import org.lethe.engine.unlearning.DataSplits;
import org.lethe.engine.unlearning.MethodDescriptor;
import org.lethe.engine.unlearning.MethodRegistry;

/**
 * Small copies of the real sample files for fuzzing and other reliability tests: the first few
 * hundred MNIST images as IDX files, the first CIFAR-10 records as batch files and as a tar.gz in
 * the official layout, PNG class folders, a tiny trained logistic regression saved by
 * {@link ModelStore}, and a workbench session saved by {@link SessionStore} (see {@link #tinySession}).
 */
public final class FuzzSamples {

    /** The sample-data folder of the checkout. */
    public static final Path SAMPLE_DATA = Path.of("sample-data");

    /** Names of the four IDX files, in the order train images, train labels, test images, test labels. */
    public static final List<String> IDX_NAMES = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

    private FuzzSamples() {
    }

    /**
     * The first {@code count} items of a real gzip IDX file, as raw IDX bytes with the count in the
     * header adjusted.
     */
    public static byte[] idxHead(Path gzFile, int count) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gzFile))) {
            byte[] magic = in.readNBytes(4);
            int rank = magic[3];
            ByteBuffer header = ByteBuffer.allocate(4 + 4 * rank);
            header.put(magic);
            byte[] dimBytes = in.readNBytes(4 * rank);
            ByteBuffer dims = ByteBuffer.wrap(dimBytes);
            long perItem = 1;
            header.putInt(count);
            dims.getInt();
            for (int d = 1; d < rank; d++) {
                int size = dims.getInt();
                header.putInt(size);
                perItem *= size;
            }
            byte[] data = in.readNBytes((int) (perItem * count));
            return Mutator.append(header.array(), data);
        }
    }

    /**
     * The four IDX files of a truncated MNIST copy, by file name (no .gz): {@code train} training and
     * {@code test} test images.
     */
    public static Map<String, byte[]> mnistIdx(int train, int test) throws IOException {
        Path mnist = SAMPLE_DATA.resolve("mnist");
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(IDX_NAMES.get(0), idxHead(mnist.resolve("train-images-idx3-ubyte.gz"), train));
        files.put(IDX_NAMES.get(1), idxHead(mnist.resolve("train-labels-idx1-ubyte.gz"), train));
        files.put(IDX_NAMES.get(2), idxHead(mnist.resolve("t10k-images-idx3-ubyte.gz"), test));
        files.put(IDX_NAMES.get(3), idxHead(mnist.resolve("t10k-labels-idx1-ubyte.gz"), test));
        return files;
    }

    /** Writes a truncated MNIST copy as raw IDX files into {@code folder} and returns it. */
    public static Path writeMnist(Path folder, int train, int test) throws IOException {
        Files.createDirectories(folder);
        for (Map.Entry<String, byte[]> e : mnistIdx(train, test).entrySet()) {
            Files.write(folder.resolve(e.getKey()), e.getValue());
        }
        return folder;
    }

    /** Gzip-compresses bytes (fast level: the fuzzer compresses many copies). */
    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            gz.write(data);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /**
     * The first records of the bundled CIFAR-10 subset, split into batch files: {@code data_batch_1.bin}
     * ({@code perTrainBatch} records), {@code data_batch_2.bin} (the next {@code perTrainBatch}),
     * {@code test_batch.bin} ({@code test} records) and {@code batches.meta.txt}, by file name.
     */
    public static Map<String, byte[]> cifarFiles(int perTrainBatch, int test) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        Path archive = SAMPLE_DATA.resolve("cifar10").resolve(DatasetCatalog.CIFAR10_SUBSET_ARCHIVE);
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(Files.newInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
                if (name.equals("batches.meta.txt")) {
                    entries.put(name, tar.readAllBytes());
                } else if (name.equals("data_batch_1.bin")) {
                    byte[] head = tar.readNBytes(2 * perTrainBatch * 3073);
                    entries.put("data_batch_1.bin", java.util.Arrays.copyOfRange(head, 0, perTrainBatch * 3073));
                    entries.put("data_batch_2.bin", java.util.Arrays.copyOfRange(head, perTrainBatch * 3073,
                            2 * perTrainBatch * 3073));
                } else if (name.equals("test_batch.bin")) {
                    entries.put(name, tar.readNBytes(test * 3073));
                }
            }
        }
        Map<String, byte[]> ordered = new LinkedHashMap<>();
        for (String name : List.of("batches.meta.txt", "data_batch_1.bin", "data_batch_2.bin", "test_batch.bin")) {
            ordered.put(name, entries.get(name));
        }
        return ordered;
    }

    /** A plain (uncompressed) tar in the official layout: the folder entry, then the files inside it. */
    public static byte[] cifarTar(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            TarArchiveEntry dir = new TarArchiveEntry("cifar-10-batches-bin/");
            tar.putArchiveEntry(dir);
            tar.closeArchiveEntry();
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry("cifar-10-batches-bin/" + e.getKey());
                entry.setSize(e.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(e.getValue());
                tar.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }

    /**
     * PNG class folders: {@code classes} sub-folders of {@code perClass} images of {@code size}x{@code size}
     * pixels, gray or RGB, drawn from a seeded generator. Returns the root folder.
     */
    public static Path writePngFolder(Path root, int classes, int perClass, int size, boolean rgb, long seed)
            throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        for (int c = 0; c < classes; c++) {
            Path dir = Files.createDirectories(root.resolve("class" + c));
            for (int i = 0; i < perClass; i++) {
                BufferedImage image = new BufferedImage(size, size,
                        rgb ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_BYTE_GRAY);
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        int v = random.nextInt(256);
                        image.setRGB(x, y, rgb ? random.nextInt(1 << 24) : (v << 16) | (v << 8) | v);
                    }
                }
                ImageIO.write(image, "png", dir.resolve("img" + i + ".png").toFile());
            }
        }
        return root;
    }

    /** A logistic regression trained for one epoch on the first {@code samples} MNIST digits, with Adam state. */
    public static TrainedModel tinyModel(int samples, long seed) throws IOException {
        Map<String, byte[]> idx = mnistIdx(samples, 50);
        Path dir = Files.createTempDirectory("lethe-tiny-model");
        try {
            for (Map.Entry<String, byte[]> e : idx.entrySet()) {
                Files.write(dir.resolve(e.getKey()), e.getValue());
            }
            ImageDataset data = new org.lethe.engine.data.DatasetLoader().load(dir, JobContext.detached());
            ImageSplit train = data.train();
            ModelSpec spec = ModelSpec.logreg(train.shape(), data.numClasses()).withSeed(seed);
            return ModelTraining.train(data, spec, TrainingConfig.adam(1, 32, 1e-3, seed), JobContext.detached());
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    /**
     * A SISA ensemble (logistic regression, 2 shards x 2 slices, one epoch, one point deleted) on the
     * first {@code samples} MNIST digits, with the training split it belongs to.
     */
    public static SisaSample tinySisa(int samples, long seed) throws IOException {
        Map<String, byte[]> idx = mnistIdx(samples, 20);
        Path dir = Files.createTempDirectory("lethe-tiny-sisa");
        try {
            for (Map.Entry<String, byte[]> e : idx.entrySet()) {
                Files.write(dir.resolve(e.getKey()), e.getValue());
            }
            ImageDataset data = new org.lethe.engine.data.DatasetLoader().load(dir, JobContext.detached());
            ModelSpec spec = ModelSpec.logreg(data.train().shape(), data.numClasses()).withSeed(seed);
            org.lethe.engine.unlearning.sisa.SisaConfig config =
                    org.lethe.engine.unlearning.sisa.SisaConfig.of(2, 2, 1, 16, 0.01, seed);
            org.lethe.engine.unlearning.sisa.SisaEnsemble ensemble =
                    org.lethe.engine.unlearning.sisa.SisaEnsemble.train(data, spec, config, JobContext.detached());
            ensemble.unlearn(new int[] {ensemble.assignment().shard(1)[samples / 3]}, JobContext.detached());
            return new SisaSample(data.train(), ensemble);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    /** A SISA ensemble and the training split its indices point into. */
    public record SisaSample(ImageSplit split, org.lethe.engine.unlearning.sisa.SisaEnsemble ensemble) { }

    /**
     * A real session file and what it was made from.
     *
     * @param file the saved {@code .lethe-session}
     * @param catalog a catalog in which the session's dataset path resolves
     * @param data the dataset as the session uses it
     * @param session what was saved
     */
    public record SessionSample(Path file, DatasetCatalog catalog, ImageDataset data, Session session) { }

    /**
     * Writes a session as the workbench would save it: a dataset reference to a raw IDX folder of the
     * first {@code train} MNIST digits (under {@code dir}), the forget set "class 3", a logistic
     * regression original, a comparison with Retrain and one epoch of fine-tuning, and two history
     * entries; saved by {@link SessionStore} to {@code dir/fuzz.lethe-session}.
     */
    public static SessionSample tinySession(Path dir, int train, long seed) throws IOException {
        JobContext ctx = JobContext.detached();
        Path folder = writeMnist(dir.resolve("session-data"), train, 50);
        DatasetCatalog catalog = new DatasetCatalog(dir.resolve("no-sample-data"), dir.resolve("user-data"));
        ImageDataset data = catalog.load(folder.toString(), ctx);
        TrainedModel original = ModelTraining.train(data, ModelSpec.logreg(data.shape(), data.numClasses())
                .withSeed(seed), TrainingConfig.adam(1, 32, 1e-2, seed), ctx);
        int[] forget = ForgetSetSpec.parse("class:3").resolve(data, 0).forget().toArray();
        DataSplits splits = DataSplits.of(data, new ForgetSetSpec.Samples(forget).resolve(data, 0));
        MethodRegistry registry = MethodRegistry.standard();
        MethodDescriptor<?> retrain = registry.byId("retrain");
        MethodDescriptor<?> ft = registry.byId("ft");
        Record ftParams = MethodRegistry.params(ft, Map.of("epochs", "1", "seed", Long.toString(seed)));
        Comparison comparison = Comparison.start(splits, original, ModelEvaluator.DEFAULT_RETAIN_SAMPLE, 0, ctx);
        comparison = comparison.with(retrain.run(original, splits, retrain.defaults(), ctx), "Retrain", ctx);
        comparison = comparison.with(ft.run(original, splits, ftParams, ctx), "FT", ctx);
        List<ComparedModel> compared = List.of(ComparedModel.of(comparison.retrained().orElseThrow()),
                ComparedModel.of(comparison.unlearned().get(0)));
        List<SessionRun> history = List.of(
                new SessionRun(java.time.Instant.parse("2026-11-23T10:00:00Z"), SessionRun.Kind.TRAIN, "Original",
                        "logreg", "{\"model\":{\"architecture\":\"logreg\"}}", seed,
                        original.provenance().seconds(), data.name(), 0, null),
                new SessionRun(java.time.Instant.parse("2026-11-23T10:01:00Z"), SessionRun.Kind.UNLEARN, "FT", "ft",
                        compared.get(1).paramsJson(), seed, 0.5, data.name(), forget.length,
                        comparison.unlearned().get(0).evaluated().metrics()));
        Session session = new Session(DatasetRef.of(folder.toString(), null, data), forget,
                Session.Evaluation.WORKBENCH, original, compared, history);
        Path file = dir.resolve("fuzz" + SessionStore.EXTENSION);
        new SessionStore().save(session, file);
        return new SessionSample(file, catalog, data, session);
    }
}
