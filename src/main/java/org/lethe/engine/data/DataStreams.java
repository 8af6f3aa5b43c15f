package org.lethe.engine.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.lethe.engine.job.JobContext;

/**
 * Byte-level helpers shared by the readers: gzip sniffing, and reading a declared number of bytes
 * without trusting the declaration (the buffer grows only as data actually arrives).
 */
final class DataStreams {

    /** The largest array the JVM reliably hands out. */
    static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8L;

    /** Buffer size for file and inflater streams; large buffers matter for gzip speed. */
    static final int IO_BUFFER = 1 << 16;

    private static final int FIRST_CHUNK = 1 << 20;
    private static final int CANCEL_CHECK_BYTES = 4 << 20;

    private DataStreams() {
    }

    /** Whether the file starts with the gzip magic bytes 0x1f 0x8b. */
    static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(2);
            return head.length == 2 && (head[0] & 0xFF) == 0x1f && (head[1] & 0xFF) == 0x8b;
        }
    }

    /** Opens the file buffered, inflating it when it is gzip-compressed (by content, not name). */
    static InputStream openMaybeGzip(Path file) throws IOException {
        boolean gzip = isGzip(file);
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), IO_BUFFER);
        if (!gzip) {
            return raw;
        }
        try {
            return new GZIPInputStream(raw, IO_BUFFER);
        } catch (IOException e) {
            raw.close();
            throw e;
        }
    }

    /** The outcome of {@link #readUpTo}: the bytes that arrived, at most the number asked for. */
    record Chunk(byte[] bytes, boolean endedEarly, String failure) {

        int length() {
            return bytes.length;
        }
    }

    /**
     * Reads up to {@code expected} bytes. The buffer starts small and doubles as data arrives, so a
     * lying header costs no more memory than the data that is really there. A stream that ends
     * early (including a truncated gzip stream) yields the bytes read so far with
     * {@code endedEarly}; corrupt compressed data yields them with a {@code failure} description.
     */
    static Chunk readUpTo(InputStream in, int expected, JobContext ctx) throws IOException {
        byte[] buffer = new byte[Math.min(expected, FIRST_CHUNK)];
        int filled = 0;
        int sinceCheck = 0;
        String failure = null;
        boolean ended = false;
        while (filled < expected) {
            if (filled == buffer.length) {
                int grown = (int) Math.min((long) buffer.length * 2, expected);
                buffer = Arrays.copyOf(buffer, grown);
            }
            int n;
            try {
                n = in.read(buffer, filled, buffer.length - filled);
            } catch (EOFException e) {
                ended = true;
                break;
            } catch (java.util.zip.ZipException e) {
                failure = "compressed data is corrupt (" + e.getMessage() + ")";
                break;
            }
            if (n < 0) {
                ended = true;
                break;
            }
            filled += n;
            sinceCheck += n;
            if (sinceCheck >= CANCEL_CHECK_BYTES) {
                sinceCheck = 0;
                ctx.checkCancelled();
            }
        }
        byte[] bytes = filled == buffer.length ? buffer : Arrays.copyOf(buffer, filled);
        return new Chunk(bytes, ended, failure);
    }

    /**
     * Counts the bytes left in a stream, stopping at {@code limit}. Used to say how much trailing
     * data follows what a header declared.
     */
    static long countRemaining(InputStream in, long limit) throws IOException {
        byte[] scratch = new byte[IO_BUFFER];
        long total = 0;
        while (total < limit) {
            int n = in.read(scratch, 0, (int) Math.min(scratch.length, limit - total));
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    /** An input stream that counts the bytes taken from it, for progress reports. */
    static final class Counting extends java.io.FilterInputStream {

        private long count;

        Counting(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
