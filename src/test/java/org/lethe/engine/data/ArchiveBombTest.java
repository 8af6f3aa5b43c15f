package org.lethe.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.engine.job.JobContext;

/**
 * Decompression bombs and special entries in dataset archives (issue #8). Escaping names, absolute
 * names, links and absurd declared sizes are covered by {@link CifarBinaryReaderTest}; here: a
 * gzip stream that inflates far more than image data can (whether the entry is read or skipped),
 * the cap on the total, device, FIFO and sparse entries, and that the real archive stays well
 * inside the limits.
 */
class ArchiveBombTest {

    private static final JobContext CTX = JobContext.detached();

    @TempDir
    Path dir;

    /** Adds an entry of {@code size} zero bytes, written in chunks. */
    private static void addZeros(TarArchiveOutputStream tar, String name, long size) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(size);
        tar.putArchiveEntry(entry);
        byte[] chunk = new byte[1 << 20];
        for (long left = size; left > 0; left -= chunk.length) {
            tar.write(chunk, 0, (int) Math.min(chunk.length, left));
        }
        tar.closeArchiveEntry();
    }

    @Test
    void aBatchOfZerosThatInflatesAThousandTimesIsStoppedEarly() throws IOException {
        long size = 3073L * 20_000; // 61 MB of zeros, a valid batch size
        Path archive = dir.resolve("bomb.tar.gz");
        Files.write(archive, CifarBinaryReaderTest.tarGz(tar ->
                addZeros(tar, "cifar-10-batches-bin/data_batch_1.bin", size)));
        assertThat(Files.size(archive)).isLessThan(size / 500);
        long heapBefore = allocatedBytes();
        assertThatThrownBy(() -> CifarBinaryReader.readArchive(archive, "x", CTX))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("bomb.tar.gz: decompresses to")
                .hasMessageContaining("over 200 times")
                .hasMessageContaining("decompression bomb");
        // stopped after the 16 MiB floor, long before the 61 MB were buffered
        assertThat(allocatedBytes() - heapBefore).isLessThan(48L << 20);
    }

    @Test
    void skippedEntriesCountToo() throws IOException {
        Path archive = dir.resolve("padding.tar.gz");
        Files.write(archive, CifarBinaryReaderTest.tarGz(tar ->
                addZeros(tar, "cifar-10-batches-bin/padding.bin", 64L << 20)));
        assertThatThrownBy(() -> CifarBinaryReader.readArchive(archive, "x", CTX))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("padding.tar.gz: decompresses to")
                .hasMessageContaining("decompression bomb");
    }

    @Test
    void theTotalDecompressedSizeIsCapped() throws IOException {
        Path archive = dir.resolve("big.tar.gz");
        byte[] record = new byte[3073];
        Files.write(archive, CifarBinaryReaderTest.tarGz(tar -> {
            CifarBinaryReaderTest.addFile(tar, "cifar-10-batches-bin/batches.meta.txt",
                    "a\nb\n".getBytes(StandardCharsets.UTF_8));
            CifarBinaryReaderTest.addFile(tar, "cifar-10-batches-bin/data_batch_1.bin", record);
            CifarBinaryReaderTest.addFile(tar, "cifar-10-batches-bin/test_batch.bin", record);
        }));
        InflationGuard.Limits tight = new InflationGuard.Limits(4096, 1_000_000, 0);
        assertThatThrownBy(() -> CifarBinaryReader.readArchive(archive, "x", CTX, tight))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("big.tar.gz: decompresses to more than 4096 bytes");
        // the same archive is fine under the default limits
        assertThat(CifarBinaryReader.readArchive(archive, "x", CTX).train().count()).isEqualTo(1);
    }

    @Test
    void devicesFifosAndSparseEntriesAreRejected() throws IOException {
        for (byte type : new byte[] {TarConstants.LF_CHR, TarConstants.LF_BLK, TarConstants.LF_FIFO,
            TarConstants.LF_GNUTYPE_SPARSE}) {
            Path archive = dir.resolve("special-" + (char) type + ".tar.gz");
            Files.write(archive, CifarBinaryReaderTest.tarGz(tar -> {
                TarArchiveEntry entry = new TarArchiveEntry("cifar-10-batches-bin/test_batch.bin", type);
                tar.putArchiveEntry(entry);
                tar.closeArchiveEntry();
            }));
            assertThatThrownBy(() -> CifarBinaryReader.readArchive(archive, "x", CTX))
                    .as("tar type %s", (char) type)
                    .isInstanceOf(DatasetFormatException.class)
                    .hasMessageContaining(archive.getFileName() + ": entry 'cifar-10-batches-bin/test_batch.bin' is a")
                    .hasMessageContaining("may hold only");
        }
    }

    @Test
    void theRealArchiveInflatesFarBelowTheRatioCap() throws IOException {
        Path archive = DataTestFiles.CIFAR_SUBSET;
        InflationGuard.Limits strict = new InflationGuard.Limits(InflationGuard.Limits.DEFAULT.maxTotalBytes(), 2, 0);
        ImageDataset data = CifarBinaryReader.readArchive(archive, "CIFAR-10", CTX, strict);
        assertThat(data.train().count()).isEqualTo(5000);
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
