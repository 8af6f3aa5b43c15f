package org.lethe.engine.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.lethe.engine.job.JobContext;

/**
 * Reads CIFAR-10 in its official binary layout: batch files of 3,073-byte records (one label byte,
 * then 1,024 red, 1,024 green and 1,024 blue bytes, each a row-major 32x32 plane), named
 * {@code data_batch_N.bin} (training, taken in order of N) and {@code test_batch.bin}, with the
 * class names one per line in {@code batches.meta.txt}.
 *
 * <p>Two sources: a folder holding those files (or holding a {@code cifar-10-batches-bin}
 * sub-folder), and the official {@code cifar-10-binary.tar.gz} (or a plain tar of the same
 * layout), which is streamed as shipped and never extracted to disk. Archive entries that could
 * escape a target folder, links, special files and entries over {@link #MAX_ENTRY_BYTES} are
 * rejected, and a gzip stream that inflates implausibly (more than 2 GiB in all, or more than 200
 * times its compressed size beyond the first 16 MiB) is stopped as a decompression bomb.
 */
public final class CifarBinaryReader {

    /** Bytes per record: one label byte and 3,072 pixel bytes. */
    public static final int RECORD_BYTES = 3073;

    /** The shape of every CIFAR-10 image. */
    public static final ImageShape SHAPE = new ImageShape(3, 32, 32);

    /** The largest archive entry or batch file accepted: 1 GiB. */
    public static final long MAX_ENTRY_BYTES = 1L << 30;

    /** The folder the official archive keeps its batches in. */
    public static final String BATCHES_FOLDER = "cifar-10-batches-bin";

    /** The class-names file. */
    public static final String META_FILE = "batches.meta.txt";

    /** The test batch file. */
    public static final String TEST_FILE = "test_batch.bin";

    private static final Pattern TRAIN_FILE = Pattern.compile("data_batch_(\\d{1,6})\\.bin");
    private static final long MAX_META_BYTES = 1 << 20;
    private static final int PIXELS = RECORD_BYTES - 1;

    private CifarBinaryReader() {
    }

    /**
     * The folder that holds the batch files: {@code folder} itself when it has a
     * {@code data_batch_*.bin} or {@code test_batch.bin}, else its {@code cifar-10-batches-bin}
     * sub-folder when that exists; {@code null} when neither does.
     */
    public static Path batchesFolder(Path folder) {
        if (holdsBatchFiles(folder)) {
            return folder;
        }
        Path sub = folder.resolve(BATCHES_FOLDER);
        if (Files.isDirectory(sub)) {
            return sub;
        }
        return null;
    }

    /** Whether {@code folder} looks like a CIFAR-10 binary folder (see {@link #batchesFolder}). */
    public static boolean isCifarFolder(Path folder) {
        return Files.isDirectory(folder) && batchesFolder(folder) != null;
    }

    private static boolean holdsBatchFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if ((name.equals(TEST_FILE) || TRAIN_FILE.matcher(name).matches())
                        && Files.isRegularFile(entry)) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /**
     * Reads a CIFAR-10 binary folder.
     *
     * @param folder the batches folder, or a folder holding {@code cifar-10-batches-bin}
     * @param name the display name, e.g. "CIFAR-10"
     * @throws DatasetFormatException when a file is missing or malformed
     */
    public static ImageDataset readFolder(Path folder, String name, JobContext ctx) {
        Path dir = batchesFolder(folder);
        if (dir == null) {
            throw new DatasetFormatException(folder, "no CIFAR-10 batches: expected data_batch_N.bin,"
                    + " " + TEST_FILE + " and " + META_FILE + " here or in a " + BATCHES_FOLDER
                    + " sub-folder");
        }
        Parts parts = new Parts(dir, null);
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (Files.isRegularFile(entry)) {
                    files.add(entry);
                }
            }
        } catch (IOException e) {
            throw new DatasetFormatException(dir, "cannot list the folder: " + e.getMessage(), e);
        }
        files.sort(null);
        long total = 0;
        for (Path file : files) {
            total += size(file);
        }
        long done = 0;
        for (Path file : files) {
            ctx.checkCancelled();
            String fileName = file.getFileName().toString();
            long size = size(file);
            if (parts.wants(fileName)) {
                ctx.progress(total == 0 ? 0 : (double) done / total, "Reading " + fileName);
                Origin origin = new Origin(file, null);
                checkDeclaredSize(origin, fileName, size);
                try (InputStream in = new BufferedInputStream(Files.newInputStream(file),
                        DataStreams.IO_BUFFER)) {
                    parts.accept(origin, fileName, in, size, ctx);
                } catch (IOException e) {
                    throw new DatasetFormatException(file, "cannot be read: " + e.getMessage(), e);
                }
            }
            done += size;
        }
        ctx.progress(1, "Read CIFAR-10 batches from " + dir.getFileName());
        return parts.assemble(name);
    }

    /**
     * Reads the official {@code cifar-10-binary.tar.gz} (or a tar or tar.gz of the same layout) as
     * a stream, without extracting it.
     *
     * @param archive the archive file
     * @param name the display name, e.g. "CIFAR-10"
     * @throws DatasetFormatException when the archive or an entry is malformed or unsafe
     */
    public static ImageDataset readArchive(Path archive, String name, JobContext ctx) {
        return readArchive(archive, name, ctx, InflationGuard.Limits.DEFAULT);
    }

    /** {@link #readArchive(Path, String, JobContext)} with other decompression caps (for tests). */
    static ImageDataset readArchive(Path archive, String name, JobContext ctx, InflationGuard.Limits limits) {
        long archiveSize = size(archive);
        Parts parts = new Parts(archive, archive);
        try (DataStreams.Counting counted = new DataStreams.Counting(
                        new BufferedInputStream(Files.newInputStream(archive), DataStreams.IO_BUFFER));
                InputStream body = DataStreams.isGzip(archive)
                        ? new InflationGuard(new GZIPInputStream(counted, DataStreams.IO_BUFFER), archive,
                                counted::count, limits)
                        : counted;
                TarArchiveInputStream tar = new TarArchiveInputStream(body)) {
            TarArchiveEntry entry;
            while ((entry = nextEntry(archive, tar)) != null) {
                ctx.checkCancelled();
                String entryName = entry.getName();
                checkEntrySafe(archive, entry);
                if (!entry.isFile()) {
                    continue;
                }
                String fileName = lastSegment(entryName);
                if (parts.wants(fileName)) {
                    ctx.progress(archiveSize == 0 ? 0 : (double) counted.count() / archiveSize,
                            "Reading " + entryName);
                    Origin origin = new Origin(archive, entryName);
                    checkDeclaredSize(origin, fileName, entry.getSize());
                    parts.accept(origin, fileName, tar, entry.getSize(), ctx);
                }
            }
        } catch (IOException e) {
            throw new DatasetFormatException(archive, "cannot be read as a tar or tar.gz archive"
                    + " (truncated or corrupt?): " + reason(e), e);
        }
        ctx.progress(1, "Read CIFAR-10 batches from " + archive.getFileName());
        return parts.assemble(name);
    }

    private static TarArchiveEntry nextEntry(Path archive, TarArchiveInputStream tar) {
        try {
            return tar.getNextEntry();
        } catch (IOException e) {
            throw new DatasetFormatException(archive, "the archive is truncated or corrupt: "
                    + reason(e), e);
        }
    }

    /** The exception's message, or its kind when it has none (e.g. an EOFException from a cut stream). */
    private static String reason(IOException e) {
        return e.getMessage() == null || e.getMessage().isBlank()
                ? (e instanceof java.io.EOFException ? "the data ends early" : e.getClass().getSimpleName())
                : e.getMessage();
    }

    private static void checkEntrySafe(Path archive, TarArchiveEntry entry) {
        String name = entry.getName();
        if (name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:.*")) {
            throw new DatasetFormatException(archive, "entry '" + name + "' has an absolute path;"
                    + " expected names relative to the archive, refusing to read it");
        }
        for (String segment : name.split("[/\\\\]")) {
            if (segment.equals("..")) {
                throw new DatasetFormatException(archive, "entry '" + name + "' has a '..' segment"
                        + " that escapes the archive's folder; refusing to read it");
            }
        }
        if (entry.isSymbolicLink()) {
            throw new DatasetFormatException(archive, "entry '" + name + "' is a symbolic link (to '"
                    + entry.getLinkName() + "'); a dataset archive may hold only files and folders");
        }
        if (entry.isLink()) {
            throw new DatasetFormatException(archive, "entry '" + name + "' is a hard link (to '"
                    + entry.getLinkName() + "'); a dataset archive may hold only files and folders");
        }
        if (entry.isSparse()) {
            throw new DatasetFormatException(archive, "entry '" + name + "' is a sparse file; a dataset archive"
                    + " may hold only plain files and folders");
        }
        // commons-compress calls every non-folder entry a "file" (devices and FIFOs included), so
        // the type flag itself is checked: plain files ('0', NUL, '7' contiguous) and folders only
        byte type = entry.getLinkFlag();
        boolean plainFile = type == TarConstants.LF_NORMAL || type == TarConstants.LF_OLDNORM
                || type == TarConstants.LF_CONTIG;
        if (!plainFile && !entry.isDirectory()) {
            throw new DatasetFormatException(archive, "entry '" + name + "' is a special file (tar"
                    + " type '" + (char) entry.getLinkFlag() + "'); a dataset archive may hold only"
                    + " files and folders");
        }
        if (entry.getSize() > MAX_ENTRY_BYTES || entry.getSize() < 0) {
            throw new DatasetFormatException(archive, "entry '" + name + "' declares "
                    + entry.getSize() + " bytes, expected at most " + MAX_ENTRY_BYTES + " (1 GiB)");
        }
    }

    private static void checkDeclaredSize(Origin origin, String fileName, long size) {
        if (size > MAX_ENTRY_BYTES) {
            throw origin.error("size " + size + " bytes is more than the " + MAX_ENTRY_BYTES
                    + " (1 GiB) a batch file may have");
        }
        if (fileName.equals(META_FILE)) {
            if (size > MAX_META_BYTES) {
                throw origin.error("size " + size + " bytes is more than the " + MAX_META_BYTES
                        + " a class-name list may have");
            }
            return;
        }
        if (size % RECORD_BYTES != 0) {
            throw origin.error("size " + size + " bytes is not a multiple of the " + RECORD_BYTES
                    + "-byte record (1 label + 3072 pixels): " + (size / RECORD_BYTES)
                    + " whole records and " + (size % RECORD_BYTES) + " bytes left over");
        }
        if (size == 0) {
            throw origin.error("is empty, expected records of " + RECORD_BYTES + " bytes");
        }
    }

    private static String lastSegment(String entryName) {
        String trimmed = entryName.endsWith("/") ? entryName.substring(0, entryName.length() - 1)
                : entryName;
        int slash = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
        return trimmed.substring(slash + 1);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new DatasetFormatException(file, "cannot be read: " + e.getMessage(), e);
        }
    }

    /** Where bytes came from: a file, or an entry of an archive file. */
    private record Origin(Path file, String entry) {

        DatasetFormatException error(String detail) {
            return new DatasetFormatException(file, entry == null ? detail
                    : "entry '" + entry + "': " + detail);
        }

        String describe() {
            return entry == null ? file.getFileName().toString() : entry;
        }
    }

    /** One batch file, split into labels and pixels. */
    private record Batch(Origin origin, byte[] labels, byte[] pixels) {

        int count() {
            return labels.length;
        }
    }

    /** The pieces gathered from a folder or an archive, in whatever order they come. */
    private static final class Parts {

        private final Path where;
        private final Path archive;
        private final Map<Integer, Batch> train = new TreeMap<>();
        private Batch test;
        private List<String> classNames;
        private Origin metaOrigin;
        private long accepted;

        Parts(Path where, Path archive) {
            this.where = where;
            this.archive = archive;
        }

        boolean wants(String fileName) {
            return fileName.equals(META_FILE) || fileName.equals(TEST_FILE)
                    || TRAIN_FILE.matcher(fileName).matches();
        }

        void accept(Origin origin, String fileName, InputStream in, long size, JobContext ctx)
                throws IOException {
            if (accepted + size > DataStreams.MAX_ARRAY_BYTES) {
                throw origin.error("with this file's " + size + " bytes the batches would hold more than "
                        + DataStreams.MAX_ARRAY_BYTES + " bytes, the most one dataset may have");
            }
            accepted += size;
            DataStreams.Chunk chunk = DataStreams.readUpTo(in, (int) size, ctx);
            if (chunk.failure() != null || chunk.length() < size) {
                throw origin.error("truncated: expected " + size + " bytes, but the data ends after "
                        + chunk.length() + (chunk.failure() == null ? "" : " (" + chunk.failure() + ")"));
            }
            if (fileName.equals(META_FILE)) {
                rejectDuplicate(metaOrigin, origin);
                metaOrigin = origin;
                classNames = parseMeta(origin, chunk.bytes());
                return;
            }
            Batch batch = split(origin, chunk.bytes());
            if (fileName.equals(TEST_FILE)) {
                rejectDuplicate(test == null ? null : test.origin(), origin);
                test = batch;
                return;
            }
            Matcher m = TRAIN_FILE.matcher(fileName);
            if (!m.matches()) {
                throw new IllegalStateException(fileName);
            }
            int number = Integer.parseInt(m.group(1));
            Batch previous = train.get(number);
            rejectDuplicate(previous == null ? null : previous.origin(), origin);
            train.put(number, batch);
        }

        private void rejectDuplicate(Origin first, Origin second) {
            if (first != null) {
                throw second.error("a second copy of " + lastSegment(second.describe())
                        + " (the first was '" + first.describe() + "'); expected exactly one");
            }
        }

        private static List<String> parseMeta(Origin origin, byte[] bytes) {
            List<String> names = new ArrayList<>();
            for (String line : new String(bytes, StandardCharsets.UTF_8).split("\r?\n|\r")) {
                String trimmed = line.strip();
                if (!trimmed.isEmpty()) {
                    names.add(trimmed);
                }
            }
            if (names.isEmpty()) {
                throw origin.error("holds no class names, expected one name per line");
            }
            if (names.size() > 256) {
                throw origin.error("holds " + names.size() + " class names, expected at most 256"
                        + " (labels are single bytes)");
            }
            return names;
        }

        private static Batch split(Origin origin, byte[] raw) {
            int count = raw.length / RECORD_BYTES;
            byte[] labels = new byte[count];
            byte[] pixels = new byte[count * PIXELS];
            for (int r = 0; r < count; r++) {
                int base = r * RECORD_BYTES;
                labels[r] = raw[base];
                System.arraycopy(raw, base + 1, pixels, r * PIXELS, PIXELS);
            }
            return new Batch(origin, labels, pixels);
        }

        ImageDataset assemble(String name) {
            String inside = archive == null ? "" : " in the archive";
            if (train.isEmpty()) {
                throw new DatasetFormatException(where, "no training batch (data_batch_1.bin ...)"
                        + inside + "; expected data_batch_1.bin to data_batch_5.bin, " + TEST_FILE
                        + " and " + META_FILE);
            }
            int expected = 1;
            for (int number : train.keySet()) {
                if (number != expected) {
                    throw new DatasetFormatException(where, "data_batch_" + expected + ".bin is missing"
                            + inside + " (found batches " + train.keySet() + "); expected batches"
                            + " numbered from 1 without gaps");
                }
                expected++;
            }
            if (test == null) {
                throw new DatasetFormatException(where, TEST_FILE + " is missing" + inside
                        + "; expected it beside the data_batch_N.bin files");
            }
            if (classNames == null) {
                throw new DatasetFormatException(where, META_FILE + " (class names, one per line)"
                        + " is missing" + inside + "; expected it beside the batch files");
            }
            List<Batch> trainBatches = new ArrayList<>(train.values());
            for (Batch batch : trainBatches) {
                checkLabels(batch);
            }
            checkLabels(test);
            ImageSplit trainSplit = concat("train", trainBatches);
            train.clear();
            ImageSplit testSplit = new ImageSplit("test", SHAPE, test.pixels(), test.labels());
            return new ImageDataset(name, DatasetFormat.CIFAR10_BINARY, classNames, trainSplit, testSplit);
        }

        private void checkLabels(Batch batch) {
            for (int r = 0; r < batch.count(); r++) {
                int label = batch.labels()[r] & 0xFF;
                if (label >= classNames.size()) {
                    throw batch.origin().error("record " + r + " (byte offset " + ((long) r * RECORD_BYTES)
                            + ") has label " + label + ", expected 0.." + (classNames.size() - 1)
                            + " for the " + classNames.size() + " classes in " + META_FILE);
                }
            }
        }

        private static ImageSplit concat(String splitName, List<Batch> batches) {
            if (batches.size() == 1) {
                Batch only = batches.get(0);
                return new ImageSplit(splitName, SHAPE, only.pixels(), only.labels());
            }
            long total = 0;
            for (Batch b : batches) {
                total += b.count();
            }
            if (total * PIXELS > DataStreams.MAX_ARRAY_BYTES) {
                throw new DatasetFormatException(batches.get(0).origin().file(), "the training batches"
                        + " hold " + total + " images, more than the "
                        + (DataStreams.MAX_ARRAY_BYTES / PIXELS) + " one split can hold");
            }
            int count = (int) total;
            byte[] labels = new byte[count];
            byte[] pixels = new byte[count * PIXELS];
            int at = 0;
            for (Batch b : batches) {
                System.arraycopy(b.labels(), 0, labels, at, b.count());
                System.arraycopy(b.pixels(), 0, pixels, at * PIXELS, b.pixels().length);
                at += b.count();
            }
            return new ImageSplit(splitName, SHAPE, pixels, labels);
        }
    }
}
