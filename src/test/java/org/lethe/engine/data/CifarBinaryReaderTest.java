package org.lethe.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lethe.engine.data.DataTestFiles.CIFAR_SUBSET;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.lethe.engine.job.JobContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarBinaryReaderTest {

    private static final JobContext CTX = JobContext.detached();
    private static final List<String> CIFAR_CLASSES = List.of("airplane", "automobile", "bird", "cat",
            "deer", "dog", "frog", "horse", "ship", "truck");

    @TempDir
    static Path extracted;

    private static ImageDataset subset;
    private static Path batches;
    private static byte[] batch1;
    private static byte[] testBatch;
    private static byte[] meta;

    @TempDir
    Path dir;

    @BeforeAll
    static void readSubset() throws IOException {
        subset = CifarBinaryReader.readArchive(CIFAR_SUBSET, "CIFAR-10", CTX);
        DataTestFiles.extractTarGz(CIFAR_SUBSET, extracted);
        batches = extracted.resolve("cifar-10-batches-bin");
        batch1 = Files.readAllBytes(batches.resolve("data_batch_1.bin"));
        testBatch = Files.readAllBytes(batches.resolve("test_batch.bin"));
        meta = Files.readAllBytes(batches.resolve("batches.meta.txt"));
    }

    @Test
    void readsTheShippedSubsetArchive() {
        assertThat(subset.format()).isEqualTo(DatasetFormat.CIFAR10_BINARY);
        assertThat(subset.shape()).isEqualTo(new ImageShape(3, 32, 32));
        assertThat(subset.classNames()).isEqualTo(CIFAR_CLASSES);
        assertThat(subset.train().count()).isEqualTo(5000);
        assertThat(subset.test().count()).isEqualTo(1000);
        assertThat(subset.train().countsPerClass(10)).containsOnly(500);
        assertThat(subset.test().countsPerClass(10)).containsOnly(100);
        assertThat(subset.train().label(0)).isEqualTo(batch1[0] & 0xFF);
        // channel-major as in the record: byte 1 is red (0,0), byte 1025 green (0,0), 2049 blue (0,0)
        assertThat(subset.train().pixel(0, 0)).isEqualTo(batch1[1] & 0xFF);
        assertThat(subset.train().pixel(0, 1024)).isEqualTo(batch1[1025] & 0xFF);
        assertThat(subset.train().pixel(0, 2048)).isEqualTo(batch1[2049] & 0xFF);
        assertThat(subset.train().label(4999)).isEqualTo(batch1[4999 * 3073] & 0xFF);
        assertThat(subset.train().pixel(4999, 3071)).isEqualTo(batch1[batch1.length - 1] & 0xFF);
        assertThat(subset.test().label(999)).isEqualTo(testBatch[999 * 3073] & 0xFF);
    }

    @Test
    void extractedFolderHashesLikeTheArchive() {
        ImageDataset fromBatches = CifarBinaryReader.readFolder(batches, "CIFAR-10", CTX);
        ImageDataset fromParent = CifarBinaryReader.readFolder(extracted, "CIFAR-10", CTX);
        assertThat(fromBatches.sha256()).isEqualTo(subset.sha256());
        assertThat(fromParent.sha256()).isEqualTo(subset.sha256());
    }

    @Test
    void trainingBatchesAreTakenInNumericOrder() throws IOException {
        // data_batch_10 sorts before data_batch_2 by name; the reader must use the number
        byte[] first = Arrays.copyOf(batch1, 3073 * 3);
        byte[] second = Arrays.copyOfRange(batch1, 3073 * 3, 3073 * 5);
        for (int i = 1; i <= 10; i++) {
            Files.write(dir.resolve("data_batch_" + i + ".bin"), i == 2 ? second : first);
        }
        Files.write(dir.resolve("test_batch.bin"), Arrays.copyOf(testBatch, 3073));
        Files.write(dir.resolve("batches.meta.txt"), meta);
        ImageDataset ds = CifarBinaryReader.readFolder(dir, "x", CTX);
        assertThat(ds.train().count()).isEqualTo(9 * 3 + 2);
        assertThat(ds.train().label(3)).isEqualTo(batch1[3 * 3073] & 0xFF);
        assertThat(ds.train().label(4)).isEqualTo(batch1[4 * 3073] & 0xFF);
    }

    @Test
    void metaFileIgnoresBlankLines() throws IOException {
        writeSmallFolder(dir);
        Files.writeString(dir.resolve("batches.meta.txt"), "\n" + String.join("\r\n\n", CIFAR_CLASSES) + "\n\n");
        assertThat(CifarBinaryReader.readFolder(dir, "x", CTX).classNames()).isEqualTo(CIFAR_CLASSES);
    }

    @Test
    void sizeNotAMultipleOfTheRecordIsRejected() throws IOException {
        writeSmallFolder(dir);
        Files.write(dir.resolve("data_batch_1.bin"), Arrays.copyOf(batch1, 3073 * 4 + 100));
        assertThatThrownBy(() -> CifarBinaryReader.readFolder(dir, "x", CTX))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("data_batch_1.bin: size 12392 bytes is not a multiple of the"
                        + " 3073-byte record")
                .hasMessageContaining("4 whole records and 100 bytes left over");
    }

    @Test
    void labelOutOfRangeNamesFileRecordAndValue() throws IOException {
        writeSmallFolder(dir);
        byte[] bad = Arrays.copyOf(batch1, 3073 * 5);
        bad[3 * 3073] = 10;
        Files.write(dir.resolve("data_batch_1.bin"), bad);
        assertThatThrownBy(() -> CifarBinaryReader.readFolder(dir, "x", CTX))
                .hasMessageContaining("data_batch_1.bin: record 3 (byte offset 9219) has label 10,"
                        + " expected 0..9");
    }

    @Test
    void missingTestBatchMetaOrNumberedBatchIsNamed() throws IOException {
        writeSmallFolder(dir);
        Files.delete(dir.resolve("test_batch.bin"));
        assertThatThrownBy(() -> CifarBinaryReader.readFolder(dir, "x", CTX))
                .hasMessageContaining("test_batch.bin is missing");

        Files.write(dir.resolve("test_batch.bin"), Arrays.copyOf(testBatch, 3073));
        Files.delete(dir.resolve("batches.meta.txt"));
        assertThatThrownBy(() -> CifarBinaryReader.readFolder(dir, "x", CTX))
                .hasMessageContaining("batches.meta.txt (class names, one per line) is missing");

        Files.write(dir.resolve("batches.meta.txt"), meta);
        Files.write(dir.resolve("data_batch_3.bin"), Arrays.copyOf(batch1, 3073));
        assertThatThrownBy(() -> CifarBinaryReader.readFolder(dir, "x", CTX))
                .hasMessageContaining("data_batch_2.bin is missing (found batches [1, 3])");
    }

    @Test
    void smallHandBuiltArchiveReads() throws IOException {
        Path archive = dir.resolve("small.tar.gz");
        Files.write(archive, tarGz(tar -> {
            addFile(tar, "cifar-10-batches-bin/batches.meta.txt", meta);
            addFile(tar, "cifar-10-batches-bin/test_batch.bin", Arrays.copyOf(testBatch, 3073 * 2));
            addFile(tar, "cifar-10-batches-bin/data_batch_1.bin", Arrays.copyOf(batch1, 3073 * 3));
            addFile(tar, "cifar-10-batches-bin/readme.html", "<p>ignored</p>".getBytes(StandardCharsets.UTF_8));
        }));
        ImageDataset ds = CifarBinaryReader.readArchive(archive, "x", CTX);
        assertThat(ds.train().count()).isEqualTo(3);
        assertThat(ds.test().count()).isEqualTo(2);
    }

    @Test
    void parentSegmentEntryIsRejected() throws IOException {
        Path archive = dir.resolve("evil.tar.gz");
        Files.write(archive, tarGz(tar -> {
            addFile(tar, "cifar-10-batches-bin/batches.meta.txt", meta);
            addFile(tar, "../evil", "x".getBytes(StandardCharsets.UTF_8));
        }));
        assertThatThrownBy(() -> CifarBinaryReader.readArchive(archive, "x", CTX))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("evil.tar.gz: entry '../evil' has a '..' segment");
        assertThat(dir.getParent().resolve("evil")).doesNotExist();
    }

    @Test
    void absoluteEntryIsRejected() throws IOException {
        Path archive = dir.resolve("abs.tar.gz");
        Files.write(archive, tarGz(tar -> {
            TarArchiveEntry entry = new TarArchiveEntry("/tmp/evil-cifar", true);
            entry.setSize(1);
            tar.putArchiveEntry(entry);
            tar.write('x');
            tar.closeArchiveEntry();
        }));
        assertThatThrownBy(() -> CifarBinaryReader.readArchive(archive, "x", CTX))
                .hasMessageContaining("abs.tar.gz: entry '/tmp/evil-cifar' has an absolute path");
    }

    @Test
    void symlinkAndHardlinkEntriesAreRejected() throws IOException {
        Path symlink = dir.resolve("symlink.tar.gz");
        Files.write(symlink, tarGz(tar -> addLink(tar, "cifar-10-batches-bin/test_batch.bin",
                "/etc/passwd", TarConstants.LF_SYMLINK)));
        assertThatThrownBy(() -> CifarBinaryReader.readArchive(symlink, "x", CTX))
                .hasMessageContaining("symlink.tar.gz: entry 'cifar-10-batches-bin/test_batch.bin' is a"
                        + " symbolic link (to '/etc/passwd')");

        Path hardlink = dir.resolve("hardlink.tar.gz");
        Files.write(hardlink, tarGz(tar -> addLink(tar, "cifar-10-batches-bin/data_batch_1.bin",
                "cifar-10-batches-bin/other", TarConstants.LF_LINK)));
        assertThatThrownBy(() -> CifarBinaryReader.readArchive(hardlink, "x", CTX))
                .hasMessageContaining("entry 'cifar-10-batches-bin/data_batch_1.bin' is a hard link");
    }

    @Test
    void absurdEntrySizeIsRejectedBeforeReading() throws IOException {
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(plain)) {
            addFile(tar, "cifar-10-batches-bin/data_batch_1.bin", new byte[10]);
        }
        byte[] bytes = plain.toByteArray();
        setTarSize(bytes, 1L << 31); // 2 GiB declared, 10 bytes present
        Path archive = dir.resolve("huge.tar.gz");
        Files.write(archive, DataTestFiles.gzip(bytes));
        assertThatThrownBy(() -> CifarBinaryReader.readArchive(archive, "x", CTX))
                .hasMessageContaining("huge.tar.gz: entry 'cifar-10-batches-bin/data_batch_1.bin' declares"
                        + " 2147483648 bytes, expected at most 1073741824 (1 GiB)");
    }

    @Test
    void archiveWithoutTestBatchIsNamed() throws IOException {
        Path archive = dir.resolve("partial.tar.gz");
        Files.write(archive, tarGz(tar -> {
            addFile(tar, "cifar-10-batches-bin/batches.meta.txt", meta);
            addFile(tar, "cifar-10-batches-bin/data_batch_1.bin", Arrays.copyOf(batch1, 3073));
        }));
        assertThatThrownBy(() -> CifarBinaryReader.readArchive(archive, "x", CTX))
                .hasMessageContaining("partial.tar.gz: test_batch.bin is missing in the archive");
    }

    @Test
    void truncatedArchiveIsReported() throws IOException {
        byte[] gz = Files.readAllBytes(CIFAR_SUBSET);
        Path archive = dir.resolve("cut.tar.gz");
        Files.write(archive, Arrays.copyOf(gz, gz.length / 3));
        assertThatThrownBy(() -> CifarBinaryReader.readArchive(archive, "x", CTX))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("cut.tar.gz: entry 'cifar-10-batches-bin/data_batch_1.bin':"
                        + " truncated: expected 15365000 bytes, but the data ends after");
    }

    private void writeSmallFolder(Path target) throws IOException {
        Files.write(target.resolve("data_batch_1.bin"), Arrays.copyOf(batch1, 3073 * 5));
        Files.write(target.resolve("test_batch.bin"), Arrays.copyOf(testBatch, 3073 * 2));
        Files.write(target.resolve("batches.meta.txt"), meta);
    }

    interface TarWriter {
        void write(TarArchiveOutputStream tar) throws IOException;
    }

    static byte[] tarGz(TarWriter writer) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out))) {
            writer.write(tar);
        }
        return out.toByteArray();
    }

    static void addFile(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    static void addLink(TarArchiveOutputStream tar, String name, String target, byte type)
            throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, type);
        entry.setLinkName(target);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    /** Rewrites the size field of the first tar header and its checksum. */
    static void setTarSize(byte[] tar, long size) {
        byte[] field = String.format("%011o", size).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(field, 0, tar, 124, 11);
        tar[135] = 0;
        Arrays.fill(tar, 148, 156, (byte) ' ');
        long sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += tar[i] & 0xFF;
        }
        byte[] checksum = String.format("%06o", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(checksum, 0, tar, 148, 6);
        tar[154] = 0;
        tar[155] = ' ';
    }
}
