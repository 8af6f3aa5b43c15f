package org.lethe.ui.history;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.lethe.engine.evaluation.ModelMetrics;
import org.lethe.engine.io.AtomicFiles;
import org.lethe.ui.workbench.RunRecord;

/**
 * Writes the experiments history as CSV (RFC 4180 quoting, UTF-8, one header row, numbers with a
 * dot, empty cells for metrics a run does not have). No JavaFX; safe to call from a job.
 */
public final class HistoryCsv {

    /** The header row. */
    public static final List<String> COLUMNS = List.of("finished", "kind", "label", "method", "seed", "seconds",
            "dataset", "forget_count", "forget_acc", "retain_acc", "test_acc", "mia_auc", "mia_efficacy",
            "l2_to_retrained", "kl_to_retrained", "params");

    private HistoryCsv() {
    }

    /** The CSV text of {@code runs}. */
    public static String format(List<RunRecord> runs) {
        StringBuilder b = new StringBuilder();
        line(b, COLUMNS);
        for (RunRecord r : runs) {
            ModelMetrics m = r.metrics();
            line(b, List.of(r.finished().toString(), r.kind().name(), r.label(), r.methodId(), Long.toString(r.seed()),
                    number(r.seconds()), r.dataset(), Integer.toString(r.forgetCount()),
                    m == null ? "" : number(m.forgetAccuracy()), m == null ? "" : number(m.retainAccuracy()),
                    m == null ? "" : number(m.testAccuracy()), m == null ? "" : number(m.miaAuc()),
                    m == null ? "" : number(m.miaEfficacy()), m == null ? "" : number(m.l2ToRetrained()),
                    m == null ? "" : number(m.klToRetrained()), r.paramsJson()));
        }
        return b.toString();
    }

    /** Writes {@code runs} to {@code file} atomically. */
    public static void write(List<RunRecord> runs, Path file) throws IOException {
        String text = format(runs);
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write(text);
            w.flush();
        });
    }

    private static String number(Double v) {
        if (v == null || v.isNaN() || v.isInfinite()) {
            return v == null || v.isNaN() ? "" : v.toString();
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(7)).stripTrailingZeros().toPlainString();
    }

    private static void line(StringBuilder b, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(quote(cells.get(i)));
        }
        b.append("\r\n");
    }

    static String quote(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }
}
