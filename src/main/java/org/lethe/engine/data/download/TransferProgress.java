package org.lethe.engine.data.download;

import java.util.Locale;
import org.lethe.engine.job.JobContext;

/**
 * Turns byte counts into progress reports such as {@code Downloading x.gz: 12.3 / 162.0 MB}, at most
 * one every {@value #INTERVAL_MILLIS} ms, with fractions that never go down and never pass 1.
 */
final class TransferProgress {

    static final long INTERVAL_MILLIS = 100;
    private static final long INTERVAL_NANOS = INTERVAL_MILLIS * 1_000_000L;
    private static final double MB = 1024.0 * 1024.0;

    private final JobContext ctx;
    private final String fileName;
    private final long total;
    private long lastReportNanos;
    private double lastFraction;

    /**
     * @param total expected number of bytes, or a negative number when unknown (reports are then
     *     indeterminate: negative fractions)
     */
    TransferProgress(JobContext ctx, String fileName, long total) {
        this.ctx = ctx;
        this.fileName = fileName;
        this.total = total;
    }

    /** Reports the start of the transfer. */
    void start() {
        report(0);
    }

    /** Reports {@code received} bytes if the last report is old enough. */
    void update(long received) {
        if (System.nanoTime() - lastReportNanos >= INTERVAL_NANOS) {
            report(received);
        }
    }

    private void report(long received) {
        lastReportNanos = System.nanoTime();
        String done = mb(received);
        if (total > 0) {
            double fraction = Math.max(lastFraction, Math.min(1.0, received / (double) total));
            lastFraction = fraction;
            ctx.progress(fraction, "Downloading " + fileName + ": " + done + " / " + mb(total) + " MB");
        } else {
            ctx.progress(-1, "Downloading " + fileName + ": " + done + " MB");
        }
    }

    /** A byte count in mebibytes with one decimal, e.g. {@code 162.2}. */
    static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / MB);
    }
}
