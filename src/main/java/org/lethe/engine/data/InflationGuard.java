package org.lethe.engine.data;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * Sits between a decompressor and its reader and stops decompression bombs: it fails with a
 * {@link DatasetFormatException} once the decompressed bytes exceed a total cap, or exceed both a
 * floor and a fixed multiple of the compressed bytes consumed so far. Real image data barely
 * compresses (the official CIFAR-10 archive inflates 1.1 times); a bomb of zeros inflates about
 * 1,000 times.
 */
final class InflationGuard extends FilterInputStream {

    /**
     * The caps.
     *
     * @param maxTotalBytes the most decompressed bytes the whole stream may yield
     * @param maxRatio decompressed bytes may be at most this multiple of the compressed bytes ...
     * @param ratioFloor ... once more than this many decompressed bytes have been read
     */
    record Limits(long maxTotalBytes, int maxRatio, long ratioFloor) {

        /** 2 GiB in all, at most 200 times the compressed size beyond the first 16 MiB. */
        static final Limits DEFAULT = new Limits(DataStreams.MAX_ARRAY_BYTES, 200, 16L << 20);

        Limits {
            if (maxTotalBytes < 1 || maxRatio < 1 || ratioFloor < 0) {
                throw new IllegalArgumentException("inflation limits must be positive");
            }
        }
    }

    private final Path archive;
    private final LongSupplier compressedBytes;
    private final Limits limits;
    private long inflated;

    /**
     * Guards {@code inflated}.
     *
     * @param in the decompressed stream
     * @param archive the file being read, for messages
     * @param compressedBytes how many compressed bytes have been consumed so far
     * @param limits the caps
     */
    InflationGuard(InputStream in, Path archive, LongSupplier compressedBytes, Limits limits) {
        super(in);
        this.archive = archive;
        this.compressedBytes = compressedBytes;
        this.limits = limits;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            account(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            account(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // read instead of skipping, so that skipped bytes are counted too
        byte[] scratch = new byte[(int) Math.min(Math.max(n, 0), 1 << 16)];
        long done = 0;
        while (done < n) {
            int r = read(scratch, 0, (int) Math.min(scratch.length, n - done));
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }

    private void account(int n) {
        inflated += n;
        if (inflated > limits.maxTotalBytes()) {
            throw new DatasetFormatException(archive, "decompresses to more than " + limits.maxTotalBytes()
                    + " bytes, the most a dataset archive may hold; refusing to read on (a decompression bomb?)");
        }
        long compressed = Math.max(1, compressedBytes.getAsLong());
        if (inflated > limits.ratioFloor() && inflated > compressed * limits.maxRatio()) {
            throw new DatasetFormatException(archive, "decompresses to " + inflated + " bytes from only "
                    + compressed + " compressed bytes (over " + limits.maxRatio() + " times); refusing to read"
                    + " on (a decompression bomb?)");
        }
    }
}
