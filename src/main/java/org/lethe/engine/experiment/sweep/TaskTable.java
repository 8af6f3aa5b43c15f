package org.lethe.engine.experiment.sweep;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import org.lethe.engine.io.AtomicFiles;

/**
 * Writes {@code tasks.csv}: one row per task with where it ran and how long it took, the raw
 * material for spotting stragglers and for the scaling estimates in {@code docs/scaling.md}.
 */
public final class TaskTable {

    private TaskTable() {
    }

    /** Writes the rows of {@code results} to {@code file}, atomically. */
    public static void write(Collection<TaskResult> results, Path file) throws IOException {
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write("task,kind,seed,method,worker,wallSeconds\n");
            for (TaskResult r : results) {
                w.write(String.join(",", r.task().id(), r.task().kind().name(), Long.toString(r.task().seed()),
                        Integer.toString(r.task().method()), quote(r.info().worker()),
                        String.format(Locale.ROOT, "%.3f", r.info().wallSeconds())));
                w.write('\n');
            }
            w.flush();
        });
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
