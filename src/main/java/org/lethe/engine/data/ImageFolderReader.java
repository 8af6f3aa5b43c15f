package org.lethe.engine.data;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Iterator;
import java.util.Locale;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.lethe.engine.job.JobContext;

/**
 * Reads a folder of PNG/JPEG images with one sub-folder per class (class names are the sub-folder
 * names, sorted), or a folder with {@code train/} and {@code test/} sub-folders that each hold the
 * same class folders. Without {@code train/} and {@code test/} the test split is empty.
 *
 * <p>All images must have one size. The dataset has one channel when every image is grayscale and
 * three otherwise (grayscale images are then copied into all three channels). Images are taken
 * class by class, files sorted by name, so the order is reproducible. Hidden entries (names
 * starting with '.') and files of other types are ignored.
 */
public final class ImageFolderReader {

    /** File extensions read as images (lower case). */
    public static final List<String> IMAGE_EXTENSIONS = List.of("png", "jpg", "jpeg");

    /** The most pixels (width x height) one image may have. */
    public static final long MAX_PIXELS = 16_777_216L;

    private ImageFolderReader() {
    }

    /** Whether a file name has one of the {@link #IMAGE_EXTENSIONS}. */
    public static boolean isImageFileName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTENSIONS.contains(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** Whether {@code folder} has {@code train/} and {@code test/} sub-folders. */
    public static boolean hasSplitFolders(Path folder) {
        return Files.isDirectory(folder.resolve("train")) && Files.isDirectory(folder.resolve("test"));
    }

    /**
     * Whether {@code folder} looks like an image folder: split folders, or at least one sub-folder
     * that holds an image file.
     */
    public static boolean isImageFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        if (hasSplitFolders(folder)) {
            return true;
        }
        try {
            for (Path classDir : subFolders(folder)) {
                if (!imageFiles(classDir).isEmpty()) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /**
     * Reads an image folder.
     *
     * @param folder the folder with class sub-folders, or with {@code train/} and {@code test/}
     * @param name the display name
     * @throws DatasetFormatException when the folder is empty, a class has no image, an image is
     *     unreadable or differs in size, or train and test disagree on the classes
     */
    public static ImageDataset read(Path folder, String name, JobContext ctx) {
        if (!Files.isDirectory(folder)) {
            throw new DatasetFormatException(folder, "is not a folder; expected a folder with one"
                    + " sub-folder of PNG/JPEG images per class");
        }
        List<Entry> trainFiles;
        List<Entry> testFiles;
        List<String> classes;
        if (hasSplitFolders(folder)) {
            Path trainDir = folder.resolve("train");
            Path testDir = folder.resolve("test");
            List<String> trainClasses = classNames(trainDir);
            List<String> testClasses = classNames(testDir);
            if (!trainClasses.equals(testClasses)) {
                TreeSet<String> onlyTrain = new TreeSet<>(trainClasses);
                onlyTrain.removeAll(testClasses);
                TreeSet<String> onlyTest = new TreeSet<>(testClasses);
                onlyTest.removeAll(trainClasses);
                throw new DatasetFormatException(folder, "train/ and test/ must hold the same class"
                        + " folders; train/ has " + trainClasses + ", test/ has " + testClasses
                        + " (only in train/: " + onlyTrain + ", only in test/: " + onlyTest + ")");
            }
            classes = trainClasses;
            trainFiles = listImages(trainDir, classes);
            testFiles = listImages(testDir, classes);
        } else {
            classes = classNames(folder);
            trainFiles = listImages(folder, classes);
            testFiles = List.of();
        }
        if (classes.size() > 256) {
            throw new DatasetFormatException(folder, classes.size() + " class folders, expected at"
                    + " most 256 (labels are single bytes)");
        }

        int total = trainFiles.size() + testFiles.size();
        List<Decoded> trainImages = decodeAll(trainFiles, 0, total, ctx);
        List<Decoded> testImages = decodeAll(testFiles, trainFiles.size(), total, ctx);

        Decoded first = trainImages.get(0);
        checkSameSize(first, trainImages);
        checkSameSize(first, testImages);
        boolean allGray = trainImages.stream().allMatch(Decoded::gray)
                && testImages.stream().allMatch(Decoded::gray);
        ImageShape shape = new ImageShape(allGray ? 1 : 3, first.height(), first.width());
        ImageSplit train = assemble("train", shape, trainImages);
        ImageSplit test = testImages.isEmpty() ? ImageSplit.empty("test", shape)
                : assemble("test", shape, testImages);
        ctx.progress(1, "Read " + total + " images from " + folder.getFileName());
        return new ImageDataset(name, DatasetFormat.IMAGE_FOLDER, classes, train, test);
    }

    /** One image file and its class. */
    private record Entry(Path file, int label) {
    }

    /** A decoded image: one plane when gray, three (R, G, B) otherwise. */
    private record Decoded(Path file, int label, int width, int height, boolean gray, byte[] planes) {
    }

    private static List<String> classNames(Path folder) {
        List<Path> dirs;
        try {
            dirs = subFolders(folder);
        } catch (IOException e) {
            throw new DatasetFormatException(folder, "cannot list the folder: " + e.getMessage(), e);
        }
        if (dirs.isEmpty()) {
            throw new DatasetFormatException(folder, "holds no class folders; expected one sub-folder"
                    + " of PNG/JPEG images per class (or train/ and test/ folders holding them)");
        }
        List<String> names = new ArrayList<>();
        for (Path dir : dirs) {
            names.add(dir.getFileName().toString());
        }
        return names;
    }

    private static List<Entry> listImages(Path folder, List<String> classes) {
        List<Entry> entries = new ArrayList<>();
        for (int label = 0; label < classes.size(); label++) {
            Path classDir = folder.resolve(classes.get(label));
            List<Path> files;
            try {
                files = imageFiles(classDir);
            } catch (IOException e) {
                throw new DatasetFormatException(classDir, "cannot list the folder: " + e.getMessage(), e);
            }
            if (files.isEmpty()) {
                throw new DatasetFormatException(classDir, "class folder holds no images; expected"
                        + " files ending in " + String.join(", ", IMAGE_EXTENSIONS.stream()
                                .map(ext -> "." + ext).toList()));
            }
            for (Path file : files) {
                entries.add(new Entry(file, label));
            }
        }
        return entries;
    }

    private static List<Path> subFolders(Path folder) throws IOException {
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            for (Path p : stream) {
                if (Files.isDirectory(p) && !p.getFileName().toString().startsWith(".")) {
                    dirs.add(p);
                }
            }
        }
        dirs.sort(null);
        return dirs;
    }

    private static List<Path> imageFiles(Path folder) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            for (Path p : stream) {
                String name = p.getFileName().toString();
                if (!name.startsWith(".") && isImageFileName(name) && Files.isRegularFile(p)) {
                    files.add(p);
                }
            }
        }
        files.sort(null);
        return files;
    }

    private static List<Decoded> decodeAll(List<Entry> entries, int doneBefore, int total,
            JobContext ctx) {
        List<Decoded> out = new ArrayList<>(entries.size());
        int done = doneBefore;
        for (Entry entry : entries) {
            ctx.checkCancelled();
            if (done % 64 == 0) {
                ctx.progress((double) done / total, "Decoding " + entry.file().getFileName());
            }
            out.add(decode(entry));
            done++;
        }
        return out;
    }

    /**
     * Decodes one image. The size the file declares is read from its header first and checked
     * against {@link #MAX_PIXELS} before the decoder allocates the raster: a 200-byte PNG can
     * declare 30,000 x 30,000 pixels.
     */
    private static Decoded decode(Entry entry) {
        BufferedImage image;
        try (ImageInputStream in = ImageIO.createImageInputStream(entry.file().toFile())) {
            Iterator<ImageReader> readers = in == null ? java.util.Collections.emptyIterator()
                    : ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new DatasetFormatException(entry.file(), "is not a readable PNG/JPEG image (no"
                        + " decoder recognised its content)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long declaredWidth = reader.getWidth(0);
                long declaredHeight = reader.getHeight(0);
                if (declaredWidth < 1 || declaredHeight < 1 || declaredWidth * declaredHeight > MAX_PIXELS) {
                    throw new DatasetFormatException(entry.file(), "declares " + declaredWidth + "x"
                            + declaredHeight + " pixels (width x height), expected at least 1x1 and at most "
                            + MAX_PIXELS + " pixels per image");
                }
                image = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof DatasetFormatException d) {
                throw d;
            }
            throw new DatasetFormatException(entry.file(), "is not a readable PNG/JPEG image ("
                    + e.getMessage() + ")", e);
        }
        if (image == null) {
            throw new DatasetFormatException(entry.file(), "is not a readable PNG/JPEG image (no"
                    + " decoder recognised its content)");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        ColorModel cm = image.getColorModel();
        boolean gray = cm.getNumColorComponents() == 1 && !(cm instanceof java.awt.image.IndexColorModel);
        if (gray) {
            Raster raster = image.getRaster();
            int bits = cm.getComponentSize(0);
            byte[] plane = new byte[w * h];
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    plane[y * w + x] = (byte) scaleTo8Bits(row[x], bits);
                }
            }
            return new Decoded(entry.file(), entry.label(), w, h, true, plane);
        }
        byte[] planes = new byte[3 * w * h];
        int[] argb = new int[w];
        int plane = w * h;
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, argb, 0, w);
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                planes[p] = (byte) (argb[x] >> 16);
                planes[plane + p] = (byte) (argb[x] >> 8);
                planes[2 * plane + p] = (byte) argb[x];
            }
        }
        return new Decoded(entry.file(), entry.label(), w, h, false, planes);
    }

    private static int scaleTo8Bits(int sample, int bits) {
        if (bits == 8) {
            return sample;
        }
        if (bits > 8) {
            return sample >>> (bits - 8);
        }
        int max = (1 << bits) - 1;
        return Math.round(sample * 255f / max);
    }

    private static void checkSameSize(Decoded first, List<Decoded> images) {
        for (Decoded d : images) {
            if (d.width() != first.width() || d.height() != first.height()) {
                throw new DatasetFormatException(d.file(), "image is " + d.width() + "x" + d.height()
                        + " (width x height), but the first image " + first.file().getFileName()
                        + " is " + first.width() + "x" + first.height() + "; all images must have"
                        + " one size");
            }
        }
    }

    private static ImageSplit assemble(String splitName, ImageShape shape, List<Decoded> images) {
        int perImage = shape.pixelsPerImage();
        long totalBytes = (long) perImage * images.size();
        if (totalBytes > DataStreams.MAX_ARRAY_BYTES) {
            throw new DatasetFormatException(images.get(0).file().getParent(), images.size()
                    + " images of " + perImage + " bytes are more than one split can hold ("
                    + DataStreams.MAX_ARRAY_BYTES + " bytes)");
        }
        byte[] pixels = new byte[(int) totalBytes];
        byte[] labels = new byte[images.size()];
        int plane = shape.height() * shape.width();
        for (int i = 0; i < images.size(); i++) {
            Decoded d = images.get(i);
            labels[i] = (byte) d.label();
            int base = i * perImage;
            if (shape.channels() == 1 || !d.gray()) {
                System.arraycopy(d.planes(), 0, pixels, base, perImage);
            } else {
                for (int c = 0; c < 3; c++) {
                    System.arraycopy(d.planes(), 0, pixels, base + c * plane, plane);
                }
            }
        }
        return new ImageSplit(splitName, shape, pixels, labels);
    }
}
