package org.lethe.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lethe.engine.data.DataTestFiles.MNIST;
import static org.lethe.engine.data.DataTestFiles.gunzip;
import static org.lethe.engine.data.DataTestFiles.gzip;
import static org.lethe.engine.data.DataTestFiles.putInt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.lethe.engine.job.JobContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    private static final JobContext CTX = JobContext.detached();
    private static ImageDataset mnist;
    private static byte[] testImagesRaw;
    private static byte[] testLabelsRaw;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadSample() throws IOException {
        mnist = IdxReader.read(MNIST, "MNIST", DatasetCatalog.MNIST_CLASSES, CTX);
        testImagesRaw = gunzip(MNIST.resolve("t10k-images-idx3-ubyte.gz"));
        testLabelsRaw = gunzip(MNIST.resolve("t10k-labels-idx1-ubyte.gz"));
    }

    @Test
    void readsTheSampleMnist() {
        assertThat(mnist.train().count()).isEqualTo(60_000);
        assertThat(mnist.test().count()).isEqualTo(10_000);
        assertThat(mnist.shape()).isEqualTo(new ImageShape(1, 28, 28));
        assertThat(mnist.format()).isEqualTo(DatasetFormat.IDX);
        assertThat(mnist.train().label(0)).isEqualTo(5);
        assertThat(mnist.test().label(0)).isEqualTo(7);
        int[] train = mnist.train().countsPerClass(10);
        int[] test = mnist.test().countsPerClass(10);
        assertThat(Arrays.stream(train).sum()).isEqualTo(60_000);
        assertThat(Arrays.stream(test).sum()).isEqualTo(10_000);
        assertThat(train).containsExactly(5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949);
        assertThat(test).containsExactly(980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009);
        // pixel bytes are the file's bytes after the 16-byte header
        assertThat(mnist.test().pixel(0, 202)).isEqualTo(testImagesRaw[16 + 202] & 0xFF);
        assertThat(mnist.test().pixel(9999, 783)).isEqualTo(testImagesRaw[testImagesRaw.length - 1] & 0xFF);
    }

    @Test
    void rawFilesHashLikeTheGzippedOnes() throws IOException {
        for (String name : new String[] {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"}) {
            Files.write(dir.resolve(name), gunzip(MNIST.resolve(name + ".gz")));
        }
        ImageDataset raw = IdxReader.read(dir, "MNIST", DatasetCatalog.MNIST_CLASSES, CTX);
        assertThat(raw.sha256()).isEqualTo(mnist.sha256()).hasSize(64);
        assertThat(raw.train().count()).isEqualTo(60_000);
    }

    @Test
    void detectsGzipByContentNotByName() throws IOException {
        Path gzNamedRaw = dir.resolve("t10k-images-idx3-ubyte.gz");
        Path rawNamedGz = dir.resolve("t10k-labels-idx1-ubyte");
        Files.write(gzNamedRaw, testImagesRaw);
        Files.write(rawNamedGz, gzip(testLabelsRaw));
        ImageSplit split = IdxReader.readSplit("test", gzNamedRaw, rawNamedGz, 10, CTX);
        assertThat(split.count()).isEqualTo(10_000);
        assertThat(split.label(0)).isEqualTo(7);
    }

    @Test
    void acceptsDottedNameVariants() throws IOException {
        Files.copy(MNIST.resolve("t10k-images-idx3-ubyte.gz"), dir.resolve("train-images.idx3-ubyte.gz"));
        Files.copy(MNIST.resolve("t10k-labels-idx1-ubyte.gz"), dir.resolve("train-labels.idx1-ubyte.gz"));
        Files.write(dir.resolve("t10k-images.idx3-ubyte"), testImagesRaw);
        Files.write(dir.resolve("t10k-labels.idx1-ubyte"), testLabelsRaw);
        ImageDataset ds = IdxReader.read(dir, "x", DatasetCatalog.MNIST_CLASSES, CTX);
        assertThat(ds.train().count()).isEqualTo(10_000);
        assertThat(ds.test().count()).isEqualTo(10_000);
    }

    @Test
    void wrongMagicIsNamedWithOffsetExpectedAndFound() throws IOException {
        byte[] bytes = testImagesRaw.clone();
        bytes[3] = 0x04;
        Path file = dir.resolve("train-images-idx3-ubyte.gz");
        Files.write(file, gzip(bytes));
        assertThatThrownBy(() -> readImages(file))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("train-images-idx3-ubyte.gz: magic number at offset 0 is 0x00000804,"
                        + " expected 0x00000803 (IDX unsigned-byte images)")
                .hasMessageContaining("rank 4, expected rank 3");
    }

    @Test
    void wrongDataTypeCodeIsExplained() throws IOException {
        byte[] bytes = testImagesRaw.clone();
        bytes[2] = 0x09;
        Path file = write("t10k-images-idx3-ubyte", bytes);
        assertThatThrownBy(() -> readImages(file))
                .hasMessageContaining("t10k-images-idx3-ubyte")
                .hasMessageContaining("0x00000903")
                .hasMessageContaining("data type code 0x09 is not 0x08");
    }

    @Test
    void labelsFileWhereImagesBelongIsAWrongRank() throws IOException {
        Path labels = write("t10k-labels-idx1-ubyte", testLabelsRaw);
        assertThatThrownBy(() -> IdxReader.readSplit("test", labels, labels, 10, CTX))
                .hasMessageContaining("magic number at offset 0 is 0x00000801, expected 0x00000803")
                .hasMessageContaining("rank 1, expected rank 3")
                .hasMessageContaining("labels file");
    }

    @Test
    void truncatedGzipSaysHowManyBytesWereExpectedAndFound() throws IOException {
        byte[] gz = Files.readAllBytes(MNIST.resolve("t10k-images-idx3-ubyte.gz"));
        Path file = dir.resolve("t10k-images-idx3-ubyte.gz");
        Files.write(file, Arrays.copyOf(gz, gz.length / 2));
        assertThatThrownBy(() -> readImages(file))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("t10k-images-idx3-ubyte.gz: truncated")
                .hasMessageContaining("10000 images of 28x28 = 7840000 data bytes")
                .hasMessageMatching("(?s).*ends after \\d+.*");
    }

    @Test
    void truncatedRawFileSaysHowManyBytesWereExpectedAndFound() throws IOException {
        Path file = write("t10k-images-idx3-ubyte", Arrays.copyOf(testImagesRaw, testImagesRaw.length - 100));
        assertThatThrownBy(() -> readImages(file))
                .hasMessageContaining("t10k-images-idx3-ubyte: truncated")
                .hasMessageContaining("7840000 data bytes")
                .hasMessageContaining("holds only 7839900");
    }

    @Test
    void fileEndingInsideTheHeaderIsTruncated() throws IOException {
        Path file = write("t10k-images-idx3-ubyte", Arrays.copyOf(testImagesRaw, 10));
        assertThatThrownBy(() -> readImages(file))
                .hasMessageContaining("t10k-images-idx3-ubyte: truncated")
                .hasMessageContaining("ends after 10 bytes, inside the 16-byte IDX header");
    }

    @Test
    void declaredCountLargerThanTheDataIsTruncation() throws IOException {
        byte[] bytes = testImagesRaw.clone();
        putInt(bytes, 4, 10_001);
        Path file = write("t10k-images-idx3-ubyte", bytes);
        assertThatThrownBy(() -> readImages(file))
                .hasMessageContaining("t10k-images-idx3-ubyte: truncated")
                .hasMessageContaining("10001 images of 28x28 = 7840784 data bytes")
                .hasMessageContaining("holds only 7840000");
    }

    @Test
    void hugeDeclaredCountInGzipIsReportedWithoutAllocatingIt() throws IOException {
        // 2,000,000 x 784 = 1.57 GB declared, 7.8 MB present: must fail on the data, not on memory
        byte[] bytes = testImagesRaw.clone();
        putInt(bytes, 4, 2_000_000);
        Path file = dir.resolve("t10k-images-idx3-ubyte.gz");
        Files.write(file, gzip(bytes));
        assertThatThrownBy(() -> readImages(file))
                .hasMessageContaining("truncated")
                .hasMessageContaining("2000000 images of 28x28 = 1568000000 data bytes")
                .hasMessageContaining("ends after 7840000");
    }

    @Test
    void overflowingDeclaredSizeIsRejected() throws IOException {
        byte[] bytes = testImagesRaw.clone();
        putInt(bytes, 4, Integer.MAX_VALUE);
        Path file = dir.resolve("t10k-images-idx3-ubyte.gz");
        Files.write(file, gzip(bytes));
        assertThatThrownBy(() -> readImages(file))
                .hasMessageContaining("t10k-images-idx3-ubyte.gz")
                .hasMessageContaining("2147483647 images of 28x28 = 1683627179248 data bytes")
                .hasMessageContaining("expected at most 2147483639");
    }

    @Test
    void hugeImageDimensionsAreRejected() throws IOException {
        byte[] bytes = testImagesRaw.clone();
        putInt(bytes, 8, 100_000);
        putInt(bytes, 12, 100_000);
        Path file = write("t10k-images-idx3-ubyte", bytes);
        assertThatThrownBy(() -> readImages(file))
                .hasMessageContaining("rows x columns at offsets 8 and 12 are 100000 x 100000");
    }

    @Test
    void negativeCountIsRejected() throws IOException {
        byte[] bytes = testLabelsRaw.clone();
        putInt(bytes, 4, -3);
        Path labels = write("t10k-labels-idx1-ubyte", bytes);
        Path images = write("t10k-images-idx3-ubyte", testImagesRaw);
        assertThatThrownBy(() -> IdxReader.readSplit("test", images, labels, 10, CTX))
                .hasMessageContaining("t10k-labels-idx1-ubyte: label count at offset 4 is -3,"
                        + " expected a non-negative number");
    }

    @Test
    void trailingGarbageInARawFileIsRejected() throws IOException {
        byte[] bytes = Arrays.copyOf(testImagesRaw, testImagesRaw.length + 10);
        Path file = write("t10k-images-idx3-ubyte", bytes);
        assertThatThrownBy(() -> readImages(file))
                .hasMessageContaining("t10k-images-idx3-ubyte: trailing data: 10 bytes follow the"
                        + " 7840000 data bytes");
    }

    @Test
    void trailingGarbageInAGzipFileIsRejected() throws IOException {
        byte[] bytes = Arrays.copyOf(testLabelsRaw, testLabelsRaw.length + 7);
        Path labels = dir.resolve("t10k-labels-idx1-ubyte.gz");
        Files.write(labels, gzip(bytes));
        Path images = write("t10k-images-idx3-ubyte", testImagesRaw);
        assertThatThrownBy(() -> IdxReader.readSplit("test", images, labels, 10, CTX))
                .hasMessageContaining("t10k-labels-idx1-ubyte.gz: trailing data: 7 decompressed bytes"
                        + " follow the 10000 data bytes");
    }

    @Test
    void imageAndLabelCountsMustMatch() {
        assertThatThrownBy(() -> IdxReader.readSplit("test", MNIST.resolve("t10k-images-idx3-ubyte.gz"),
                MNIST.resolve("train-labels-idx1-ubyte.gz"), 10, CTX))
                .hasMessageContaining("train-labels-idx1-ubyte.gz: label count at offset 4 is 60000,"
                        + " expected 10000 to match the image count of t10k-images-idx3-ubyte.gz");
    }

    @Test
    void labelOutOfRangeNamesFileSampleAndValue() throws IOException {
        byte[] bytes = testLabelsRaw.clone();
        bytes[8 + 17] = 10;
        Path labels = write("t10k-labels-idx1-ubyte", bytes);
        Path images = write("t10k-images-idx3-ubyte", testImagesRaw);
        assertThatThrownBy(() -> IdxReader.readSplit("test", images, labels, 10, CTX))
                .hasMessageContaining("t10k-labels-idx1-ubyte: label of sample 17 (offset 25) is 10,"
                        + " expected 0..9");
    }

    @Test
    void trainAndTestDimensionsMustAgree() throws IOException {
        write("train-images-idx3-ubyte", testImagesRaw);
        write("train-labels-idx1-ubyte", testLabelsRaw);
        byte[] reshaped = testImagesRaw.clone();
        putInt(reshaped, 8, 14);
        putInt(reshaped, 12, 56);
        write("t10k-images-idx3-ubyte", reshaped);
        write("t10k-labels-idx1-ubyte", testLabelsRaw);
        assertThatThrownBy(() -> IdxReader.read(dir, "x", DatasetCatalog.MNIST_CLASSES, CTX))
                .hasMessageContaining("t10k-images-idx3-ubyte: images are 14x56")
                .hasMessageContaining("train-images-idx3-ubyte are 28x28");
    }

    @Test
    void missingFilesAreListed() throws IOException {
        Files.copy(MNIST.resolve("train-labels-idx1-ubyte.gz"), dir.resolve("train-labels-idx1-ubyte.gz"));
        assertThatThrownBy(() -> IdxReader.read(dir, "x", DatasetCatalog.MNIST_CLASSES, CTX))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("missing IDX file(s) train-images-idx3-ubyte[.gz],"
                        + " t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz]");
    }

    private ImageSplit readImages(Path imagesFile) throws IOException {
        Path labels = dir.resolve("labels-for-test");
        Files.write(labels, testLabelsRaw);
        return IdxReader.readSplit("test", imagesFile, labels, 10, CTX);
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }
}
