package org.lethe.cli;

import java.io.PrintWriter;
import org.lethe.engine.job.ProgressListener;

/** Prints a job's log lines (epochs, phases) to stderr so that stdout stays machine-readable. */
final class StderrProgress implements ProgressListener {

    private final PrintWriter err;
    private final boolean quiet;

    StderrProgress(PrintWriter err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
    }

    @Override
    public void log(String line) {
        if (!quiet) {
            err.println(line);
            err.flush();
        }
    }
}
