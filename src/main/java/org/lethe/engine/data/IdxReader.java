package org.lethe.engine.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.lethe.engine.job.JobContext;

/**
 * Reads MNIST-style IDX files (MNIST, Fashion-MNIST), raw or gzip-compressed; gzip is recognised
 * by its magic bytes, not by the file name.
 *
 * <p>An IDX file is a big-endian int32 magic number ({@code 0x00000803} for unsigned-byte images
 * of rank 3, {@code 0x00000801} for unsigned-byte labels of rank 1), one big-endian int32 per
 * dimension, then the bytes row-major. Headers are never trusted: a raw file's declared size is
 * checked against its length before anything is allocated, and a compressed file's buffer only
 * grows as decompressed bytes arrive.
 *
 * <p>A dataset folder holds {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 * {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte}, each optionally with
 * {@code .gz}, and with either {@code -} or {@code .} before {@code idx}.
 */
public final class IdxReader {

    /** Magic number of an unsigned-byte rank-3 (count, rows, columns) images file. */
    public static final int IMAGES_MAGIC = 0x00000803;

    /** Magic number of an unsigned-byte rank-1 labels file. */
    public static final int LABELS_MAGIC = 0x00000801;

    /** The most data bytes one IDX file may declare (the largest array the JVM can allocate). */
    public static final long MAX_DATA_BYTES = DataStreams.MAX_ARRAY_BYTES;

    private static final int MAX_PIXELS_PER_IMAGE = 16_777_216;

    private IdxReader() {
    }

    /**
     * The four files of an IDX dataset folder.
     *
     * @param trainImages training images (rank 3)
     * @param trainLabels training labels (rank 1)
     * @param testImages test images (rank 3)
     * @param testLabels test labels (rank 1)
     */
    public record IdxFiles(Path trainImages, Path trainLabels, Path testImages, Path testLabels) {

        public IdxFiles {
            java.util.Objects.requireNonNull(trainImages, "trainImages");
            java.util.Objects.requireNonNull(trainLabels, "trainLabels");
            java.util.Objects.requireNonNull(testImages, "testImages");
            java.util.Objects.requireNonNull(testLabels, "testLabels");
        }
    }

    /** The four logical files, in the order train images, train labels, test images, test labels. */
    private enum Role {
        TRAIN_IMAGES("train-images", "idx3"),
        TRAIN_LABELS("train-labels", "idx1"),
        TEST_IMAGES("t10k-images", "idx3"),
        TEST_LABELS("t10k-labels", "idx1");

        private final String stem;
        private final String kind;

        Role(String stem, String kind) {
            this.stem = stem;
            this.kind = kind;
        }

        List<String> candidateNames() {
            List<String> names = new ArrayList<>(4);
            for (String sep : new String[] {"-", "."}) {
                String base = stem + sep + kind + "-ubyte";
                names.add(base);
                names.add(base + ".gz");
            }
            return names;
        }

        String pattern() {
            return stem + "-" + kind + "-ubyte[.gz]";
        }
    }

    /**
     * Whether a file name is one of the IDX names this reader looks for (any of the four roles,
     * with or without {@code .gz}).
     */
    public static boolean isIdxFileName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (Role role : Role.values()) {
            if (role.candidateNames().contains(lower)) {
                return true;
            }
        }
        return false;
    }

    /** The four IDX files in {@code folder}, or empty when any of them is missing. */
    public static Optional<IdxFiles> find(Path folder) {
        Path[] found = new Path[Role.values().length];
        for (Role role : Role.values()) {
            Path file = findRole(folder, role);
            if (file == null) {
                return Optional.empty();
            }
            found[role.ordinal()] = file;
        }
        return Optional.of(new IdxFiles(found[0], found[1], found[2], found[3]));
    }

    /** Whether {@code folder} holds at least one IDX file of the expected names. */
    public static boolean containsAnyIdxFile(Path folder) {
        for (Role role : Role.values()) {
            if (findRole(folder, role) != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * The four IDX files in {@code folder}.
     *
     * @throws DatasetFormatException naming the missing files and what was looked for
     */
    public static IdxFiles locate(Path folder) {
        Optional<IdxFiles> files = find(folder);
        if (files.isPresent()) {
            return files.get();
        }
        List<String> missing = new ArrayList<>();
        for (Role role : Role.values()) {
            if (findRole(folder, role) == null) {
                missing.add(role.pattern());
            }
        }
        throw new DatasetFormatException(folder, "missing IDX file(s) " + String.join(", ", missing)
                + "; an IDX dataset folder needs train-images-idx3-ubyte, train-labels-idx1-ubyte,"
                + " t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte, each optionally gzipped (.gz)"
                + " and with '.' or '-' before 'idx'");
    }

    private static Path findRole(Path folder, Role role) {
        for (String name : role.candidateNames()) {
            Path candidate = folder.resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * Reads an IDX dataset folder.
     *
     * @param folder the folder holding the four files
     * @param name the display name, e.g. "MNIST"
     * @param classNames class names indexed by label; every label must be below their count
     * @param ctx progress and cancellation
     * @throws DatasetFormatException when a file is missing or malformed, or the files disagree
     */
    public static ImageDataset read(Path folder, String name, List<String> classNames, JobContext ctx) {
        IdxFiles files = locate(folder);
        long[] sizes = new long[4];
        Path[] order = {files.trainImages(), files.trainLabels(), files.testImages(), files.testLabels()};
        long total = 0;
        for (int i = 0; i < order.length; i++) {
            sizes[i] = sizeOf(order[i]);
            total += sizes[i];
        }
        double trainShare = total == 0 ? 0.5 : (double) (sizes[0] + sizes[1]) / total;
        ImageSplit train = readSplit("train", files.trainImages(), files.trainLabels(),
                classNames.size(), ctx.slice(0, trainShare));
        if (train.count() == 0) {
            throw new DatasetFormatException(files.trainImages(),
                    "image count at offset 4 is 0, expected at least one training image");
        }
        ImageSplit test = readSplit("test", files.testImages(), files.testLabels(),
                classNames.size(), ctx.slice(trainShare, 1));
        if (!test.shape().equals(train.shape())) {
            throw new DatasetFormatException(files.testImages(), "images are "
                    + test.shape().height() + "x" + test.shape().width() + " (rows x columns at offsets 8"
                    + " and 12), but the training images in " + files.trainImages().getFileName()
                    + " are " + train.shape().height() + "x" + train.shape().width());
        }
        return new ImageDataset(name, DatasetFormat.IDX, classNames, train, test);
    }

    /**
     * Reads one split from an images file and a labels file.
     *
     * @param splitName "train" or "test"
     * @param numClasses labels must lie in {@code 0..numClasses-1}
     * @throws DatasetFormatException when either file is malformed or their counts differ
     */
    public static ImageSplit readSplit(String splitName, Path imagesFile, Path labelsFile,
            int numClasses, JobContext ctx) {
        long imageBytes = sizeOf(imagesFile);
        long labelBytes = sizeOf(labelsFile);
        double imageShare = (double) imageBytes / Math.max(1, imageBytes + labelBytes);
        ctx.checkCancelled();
        ctx.progress(0, "Reading " + imagesFile.getFileName());
        Decoded images = readFile(imagesFile, Kind.IMAGES, ctx);
        ctx.checkCancelled();
        ctx.progress(imageShare, "Reading " + labelsFile.getFileName());
        Decoded labels = readFile(labelsFile, Kind.LABELS, ctx);
        if (images.count() != labels.count()) {
            throw new DatasetFormatException(labelsFile, "label count at offset 4 is " + labels.count()
                    + ", expected " + images.count() + " to match the image count of "
                    + imagesFile.getFileName());
        }
        checkLabels(labelsFile, labels.data(), numClasses);
        ctx.progress(1, "Read " + images.count() + " " + splitName + " images");
        ImageShape shape = new ImageShape(1, images.dims()[1], images.dims()[2]);
        return new ImageSplit(splitName, shape, images.data(), labels.data());
    }

    private static void checkLabels(Path file, byte[] labels, int numClasses) {
        for (int i = 0; i < labels.length; i++) {
            int value = labels[i] & 0xFF;
            if (value >= numClasses) {
                throw new DatasetFormatException(file, "label of sample " + i + " (offset "
                        + (Kind.LABELS.headerBytes() + i) + ") is " + value + ", expected 0.."
                        + (numClasses - 1) + " for " + numClasses + " classes");
            }
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new DatasetFormatException(file, "cannot be read: " + e.getMessage(), e);
        }
    }

    /** What an IDX file is expected to hold. */
    private enum Kind {
        IMAGES(IMAGES_MAGIC, "IDX unsigned-byte images", new String[] {"image count", "rows", "columns"}),
        LABELS(LABELS_MAGIC, "IDX unsigned-byte labels", new String[] {"label count"});

        private final int magic;
        private final String description;
        private final String[] dimNames;

        Kind(int magic, String description, String[] dimNames) {
            this.magic = magic;
            this.description = description;
            this.dimNames = dimNames;
        }

        int rank() {
            return dimNames.length;
        }

        int headerBytes() {
            return 4 + 4 * rank();
        }

        String describeDims(int[] dims) {
            if (this == LABELS) {
                return dims[0] + " labels";
            }
            return dims[0] + " images of " + dims[1] + "x" + dims[2];
        }
    }

    /** A parsed IDX file: its dimensions and its data bytes. */
    private record Decoded(int[] dims, byte[] data) {

        int count() {
            return dims[0];
        }
    }

    private static Decoded readFile(Path file, Kind kind, JobContext ctx) {
        try {
            boolean gzip = DataStreams.isGzip(file);
            long fileSize = Files.size(file);
            try (InputStream in = DataStreams.openMaybeGzip(file)) {
                return parse(file, kind, in, gzip, fileSize, ctx);
            }
        } catch (IOException e) {
            throw new DatasetFormatException(file, "cannot be read: " + e.getMessage(), e);
        }
    }

    private static Decoded parse(Path file, Kind kind, InputStream in, boolean gzip, long fileSize,
            JobContext ctx) throws IOException {
        String where = gzip ? "the decompressed data" : "the file";
        int headerBytes = kind.headerBytes();
        DataStreams.Chunk header = DataStreams.readUpTo(in, headerBytes, ctx);
        if (header.failure() != null) {
            throw new DatasetFormatException(file, "gzip " + header.failure() + " inside the "
                    + headerBytes + "-byte IDX header");
        }
        if (header.length() < 4) {
            throw new DatasetFormatException(file, "truncated: " + where + " ends after "
                    + header.length() + " bytes, expected a 4-byte magic number 0x"
                    + hex(kind.magic) + " (" + kind.description + ")");
        }
        ByteBuffer buf = ByteBuffer.wrap(header.bytes());
        int magic = buf.getInt();
        checkMagic(file, kind, magic);
        if (header.length() < headerBytes) {
            throw new DatasetFormatException(file, "truncated: " + where + " ends after "
                    + header.length() + " bytes, inside the " + headerBytes + "-byte IDX header");
        }
        int[] dims = new int[kind.rank()];
        for (int d = 0; d < dims.length; d++) {
            dims[d] = buf.getInt();
        }
        long declared = checkDims(file, kind, dims);
        if (!gzip) {
            long available = fileSize - headerBytes;
            if (available < declared) {
                throw new DatasetFormatException(file, "truncated: the header declares "
                        + kind.describeDims(dims) + " = " + declared + " data bytes after the "
                        + headerBytes + "-byte header, but the file holds only " + available
                        + " (file size " + fileSize + ", expected " + (declared + headerBytes) + ")");
            }
            if (available > declared) {
                throw new DatasetFormatException(file, "trailing data: " + (available - declared)
                        + " bytes follow the " + declared + " data bytes the header declares ("
                        + kind.describeDims(dims) + "); file size " + fileSize + ", expected "
                        + (declared + headerBytes));
            }
        }
        DataStreams.Chunk data = DataStreams.readUpTo(in, (int) declared, ctx);
        if (data.failure() != null) {
            throw new DatasetFormatException(file, "gzip " + data.failure() + " after "
                    + data.length() + " of the " + declared + " data bytes the header declares");
        }
        if (data.length() < declared) {
            throw new DatasetFormatException(file, "truncated: the header declares "
                    + kind.describeDims(dims) + " = " + declared + " data bytes after the "
                    + headerBytes + "-byte header, but " + where + " ends after " + data.length());
        }
        if (gzip) {
            checkNoTrailingData(file, kind, in, dims, declared);
        }
        return new Decoded(dims, data.bytes());
    }

    private static void checkNoTrailingData(Path file, Kind kind, InputStream in, int[] dims,
            long declared) throws IOException {
        long extra;
        try {
            extra = DataStreams.countRemaining(in, MAX_DATA_BYTES);
        } catch (java.io.EOFException e) {
            throw new DatasetFormatException(file, "truncated: the gzip stream ends inside its"
                    + " trailer, after all " + declared + " data bytes", e);
        } catch (java.util.zip.ZipException e) {
            throw new DatasetFormatException(file, "gzip compressed data is corrupt after the "
                    + declared + " data bytes the header declares (" + e.getMessage() + ")", e);
        }
        if (extra > 0) {
            throw new DatasetFormatException(file, "trailing data: " + extra
                    + " decompressed bytes follow the " + declared + " data bytes the header declares ("
                    + kind.describeDims(dims) + ")");
        }
    }

    private static void checkMagic(Path file, Kind kind, int magic) {
        if (magic == kind.magic) {
            return;
        }
        String reason;
        int type = (magic >>> 8) & 0xFF;
        int rank = magic & 0xFF;
        if ((magic >>> 16) != 0) {
            reason = "the first two bytes must be zero; this is not an IDX file";
        } else if (type != 0x08) {
            reason = "data type code 0x" + String.format("%02x", type)
                    + " is not 0x08 (unsigned byte)";
        } else {
            reason = "rank " + rank + ", expected rank " + kind.rank() + " ("
                    + String.join(", ", kind.dimNames) + ")"
                    + (rank == 1 && kind == Kind.IMAGES ? "; is this a labels file?" : "")
                    + (rank == 3 && kind == Kind.LABELS ? "; is this an images file?" : "");
        }
        throw new DatasetFormatException(file, "magic number at offset 0 is 0x" + hex(magic)
                + ", expected 0x" + hex(kind.magic) + " (" + kind.description + "): " + reason);
    }

    private static long checkDims(Path file, Kind kind, int[] dims) {
        for (int d = 0; d < dims.length; d++) {
            int min = d == 0 ? 0 : 1;
            if (dims[d] < min) {
                throw new DatasetFormatException(file, kind.dimNames[d] + " at offset " + (4 + 4 * d)
                        + " is " + dims[d] + ", expected " + (min == 0 ? "a non-negative number"
                                : "a positive number"));
            }
        }
        long perItem = 1;
        if (kind == Kind.IMAGES) {
            perItem = (long) dims[1] * dims[2];
            if (perItem > MAX_PIXELS_PER_IMAGE) {
                throw new DatasetFormatException(file, "rows x columns at offsets 8 and 12 are "
                        + dims[1] + " x " + dims[2] + " = " + perItem + " pixels, expected at most "
                        + MAX_PIXELS_PER_IMAGE + " per image");
            }
        }
        long declared = perItem * dims[0];
        if (declared > MAX_DATA_BYTES) {
            throw new DatasetFormatException(file, "the header declares " + kind.describeDims(dims)
                    + " = " + declared + " data bytes, expected at most " + MAX_DATA_BYTES
                    + " (the most one array can hold)");
        }
        return declared;
    }

    private static String hex(int value) {
        return String.format("%08x", value);
    }
}
