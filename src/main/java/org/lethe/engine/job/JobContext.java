package org.lethe.engine.job;

import java.util.Objects;

/**
 * What a running job sees of the outside: where to report, and whether to stop.
 *
 * @param listener receives progress, metrics and log lines
 * @param token polled between steps
 */
public record JobContext(ProgressListener listener, CancellationToken token) {

    public JobContext {
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(token, "token");
    }

    /** A context that reports nowhere and is never cancelled; for tests and batch code. */
    public static JobContext detached() {
        return new JobContext(ProgressListener.NONE, new CancellationToken());
    }

    /** Reports progress. */
    public void progress(double fraction, String message) {
        listener.progress(fraction, message);
    }

    /** Throws {@link JobCancelledException} if the job was cancelled. */
    public void checkCancelled() {
        token.throwIfCancelled();
    }

    /**
     * A context for a sub-step that covers {@code [from, to]} of this job's progress bar; it shares
     * this context's token.
     */
    public JobContext slice(double from, double to) {
        ProgressListener outer = listener;
        ProgressListener inner = new ProgressListener() {
            @Override
            public void progress(double fraction, String message) {
                outer.progress(fraction < 0 ? fraction : from + (to - from) * fraction, message);
            }

            @Override
            public void metric(String series, double x, double y) {
                outer.metric(series, x, y);
            }

            @Override
            public void log(String line) {
                outer.log(line);
            }
        };
        return new JobContext(inner, token);
    }
}
