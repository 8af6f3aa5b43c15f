package org.lethe.engine.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.lethe.engine.job.JobContext;

/**
 * The one front door for reading a dataset from disk: looks at what is at a path, picks the
 * reader, and reads it with progress and cancellation.
 *
 * <p>Recognised, in this order:
 * <ul>
 *   <li>a folder with MNIST-style IDX files ({@link IdxReader}); a single IDX file (by name or by
 *       its magic number) means the folder it sits in;</li>
 *   <li>a folder with CIFAR-10 batches, directly or in {@code cifar-10-batches-bin/}; a single
 *       {@code data_batch_N.bin}/{@code test_batch.bin} means its folder
 *       ({@link CifarBinaryReader});</li>
 *   <li>a tar or tar.gz archive (recognised by content) of CIFAR-10 batches, or a folder holding
 *       exactly one {@code cifar-10*.tar.gz};</li>
 *   <li>a folder with class sub-folders of images, or {@code train/} and {@code test/}
 *       ({@link ImageFolderReader}).</li>
 * </ul>
 */
public final class DatasetLoader {

    private static final String LOOKED_FOR = "expected an MNIST-style IDX folder"
            + " (train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz], t10k-images-idx3-ubyte[.gz],"
            + " t10k-labels-idx1-ubyte[.gz]), a CIFAR-10 binary folder (data_batch_N.bin, test_batch.bin,"
            + " batches.meta.txt, or a cifar-10-batches-bin sub-folder), a CIFAR-10 binary archive"
            + " (cifar-10-binary.tar.gz), or an image folder (one sub-folder of PNG/JPEG images per class,"
            + " optionally inside train/ and test/)";

    /** What {@link #detect} found: the format and the file or folder its reader takes. */
    public record Detection(DatasetFormat format, Path location, boolean archive) {

        public Detection {
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(location, "location");
        }
    }

    /** Creates a loader. Loaders hold no state. */
    public DatasetLoader() {
    }

    /**
     * Reads the dataset at {@code path}, naming it after what it finds (IDX folders whose name
     * mentions "fashion" get the Fashion-MNIST names, other IDX folders the digits 0-9).
     *
     * @throws DatasetFormatException when the path holds no dataset or a malformed one
     * @throws org.lethe.engine.job.JobCancelledException when {@code ctx} is cancelled
     */
    public ImageDataset load(Path path, JobContext ctx) {
        return load(DatasetSource.ofPath(path), ctx);
    }

    /**
     * Reads a dataset, using the source's display name and class names where it gives them.
     *
     * @throws DatasetFormatException when the path holds no dataset or a malformed one
     * @throws org.lethe.engine.job.JobCancelledException when {@code ctx} is cancelled
     */
    public ImageDataset load(DatasetSource source, JobContext ctx) {
        ctx.checkCancelled();
        ctx.progress(0, "Looking at " + source.path().getFileName());
        Detection found = detect(source.path());
        String name = source.displayName();
        List<String> classes = source.classNames();
        return switch (found.format()) {
            case IDX -> {
                String folderName = folderName(found.location()).toLowerCase(Locale.ROOT);
                boolean fashion = folderName.contains("fashion");
                if (classes.isEmpty()) {
                    classes = fashion ? DatasetCatalog.FASHION_MNIST_CLASSES : DatasetCatalog.MNIST_CLASSES;
                }
                if (name == null) {
                    name = fashion ? DatasetCatalog.FASHION_MNIST_DISPLAY_NAME
                            : folderName.contains("mnist") ? DatasetCatalog.MNIST_DISPLAY_NAME
                            : folderName(found.location());
                }
                yield IdxReader.read(found.location(), name, classes, ctx);
            }
            case CIFAR10_BINARY -> {
                String display = name == null ? DatasetCatalog.CIFAR10_DISPLAY_NAME : name;
                yield found.archive() ? CifarBinaryReader.readArchive(found.location(), display, ctx)
                        : CifarBinaryReader.readFolder(found.location(), display, ctx);
            }
            case IMAGE_FOLDER -> ImageFolderReader.read(found.location(),
                    name == null ? folderName(found.location()) : name, ctx);
        };
    }

    /**
     * Works out the format of what is at {@code path} without reading it all.
     *
     * @throws DatasetFormatException when the path does not exist or matches no known format; the
     *     message says what was looked for
     */
    public static Detection detect(Path path) {
        if (Files.isDirectory(path)) {
            return detectFolder(path);
        }
        if (Files.isRegularFile(path)) {
            return detectFile(path);
        }
        throw new DatasetFormatException(path, "does not exist; " + LOOKED_FOR);
    }

    private static Detection detectFolder(Path folder) {
        if (IdxReader.containsAnyIdxFile(folder)) {
            return new Detection(DatasetFormat.IDX, folder, false);
        }
        if (CifarBinaryReader.isCifarFolder(folder)) {
            return new Detection(DatasetFormat.CIFAR10_BINARY, folder, false);
        }
        List<Path> archives = new ArrayList<>();
        boolean hasSubFolder = false;
        boolean empty = true;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                empty = false;
                String lower = name.toLowerCase(Locale.ROOT);
                if (Files.isDirectory(entry)) {
                    hasSubFolder = true;
                } else if (lower.startsWith("cifar-10") && (lower.endsWith(".tar.gz")
                        || lower.endsWith(".tgz") || lower.endsWith(".tar"))) {
                    archives.add(entry);
                }
            }
        } catch (IOException e) {
            throw new DatasetFormatException(folder, "cannot list the folder: " + e.getMessage(), e);
        }
        if (archives.size() == 1) {
            return new Detection(DatasetFormat.CIFAR10_BINARY, archives.get(0), true);
        }
        if (archives.size() > 1) {
            archives.sort(null);
            throw new DatasetFormatException(folder, "holds " + archives.size() + " CIFAR-10 archives "
                    + archives.stream().map(p -> p.getFileName().toString()).toList()
                    + "; expected one, or give the archive's path");
        }
        if (hasSubFolder) {
            return new Detection(DatasetFormat.IMAGE_FOLDER, folder, false);
        }
        throw new DatasetFormatException(folder, (empty ? "is empty; " : "holds no dataset; ") + LOOKED_FOR);
    }

    private static Detection detectFile(Path file) {
        String name = file.getFileName().toString();
        Path parent = file.toAbsolutePath().getParent();
        if (IdxReader.isIdxFileName(name)) {
            return new Detection(DatasetFormat.IDX, parent, false);
        }
        if (name.equals(CifarBinaryReader.TEST_FILE) || name.matches("data_batch_\\d+\\.bin")
                || name.equals(CifarBinaryReader.META_FILE)) {
            return new Detection(DatasetFormat.CIFAR10_BINARY, parent, false);
        }
        byte[] head;
        try (InputStream in = DataStreams.openMaybeGzip(file)) {
            head = in.readNBytes(512);
        } catch (IOException e) {
            throw new DatasetFormatException(file, "cannot be read: " + e.getMessage(), e);
        }
        if (head.length >= 4 && head[0] == 0 && head[1] == 0 && head[2] == 0x08
                && (head[3] == 1 || head[3] == 3)) {
            return new Detection(DatasetFormat.IDX, parent, false);
        }
        if (head.length >= 262 && new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar")) {
            return new Detection(DatasetFormat.CIFAR10_BINARY, file, true);
        }
        throw new DatasetFormatException(file, "is neither an IDX file (magic number 0x00000803 or"
                + " 0x00000801, raw or gzip) nor a tar/tar.gz archive of CIFAR-10 batches; " + LOOKED_FOR);
    }

    private static String folderName(Path location) {
        Path abs = location.toAbsolutePath().normalize();
        Path fileName = abs.getFileName();
        return fileName == null ? abs.toString() : fileName.toString();
    }
}
