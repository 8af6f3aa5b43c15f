package org.lethe.engine.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.lethe.engine.evaluation.ModelMetrics;
import org.lethe.engine.io.AtomicFiles;

/**
 * Writes a {@link ScenarioReport} as {@code report.json} (the stable schema) and {@code report.csv}
 * (one row per model and seed), each atomically. The CSV gains the four RMIA columns only when the
 * scenario trained reference models.
 */
public final class ReportFiles {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The CSV columns added when the scenario trained RMIA reference models. */
    private static final String RMIA_COLUMNS = "rmiaAuc,rmiaAucRetain,tprAt1Fpr,tprAt01Fpr";

    private ReportFiles() {
    }

    /** Writes {@code report.json} into {@code dir}. */
    public static Path writeJson(ScenarioReport report, Path dir) throws IOException {
        Path file = dir.resolve("report.json");
        AtomicFiles.write(file, out -> JSON.writeValue(out, report));
        return file;
    }

    /** The report as JSON text. */
    public static String toJson(ScenarioReport report) {
        try {
            return JSON.writeValueAsString(report);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report as JSON", e);
        }
    }

    /** Writes {@code report.csv} into {@code dir}. */
    public static Path writeCsv(ScenarioReport report, Path dir) throws IOException {
        Path file = dir.resolve("report.csv");
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            boolean rmia = hasRmia(report);
            w.write("seed,model,method,seconds,avgGap,forgetAccuracy,retainAccuracy,testAccuracy,miaAuc,"
                    + "miaEfficacy,l2ToRetrained,klToRetrained" + (rmia ? "," + RMIA_COLUMNS : "") + "\n");
            for (ScenarioReport.SeedRecord s : report.perSeed()) {
                row(w, s.seed(), "original", "", s.trainSeconds(), Double.NaN, s.original(), rmia);
                row(w, s.seed(), "retrained", "retrain", s.retrainSeconds(), 0, s.retrained(), rmia);
                for (ScenarioReport.RunRecord r : s.runs()) {
                    row(w, s.seed(), r.label(), r.method(), r.seconds(), r.avgGap(), r.metrics(), rmia);
                }
            }
            w.flush();
        });
        return file;
    }

    private static void row(Writer w, long seed, String model, String method, double seconds, double gap,
            ModelMetrics m, boolean rmia) throws IOException {
        w.write(String.join(",", Long.toString(seed), quote(model), method, num(seconds), num(gap),
                num(m.forgetAccuracy()), num(m.retainAccuracy()), num(m.testAccuracy()), num(m.miaAuc()),
                num(m.miaEfficacy()), num(m.l2ToRetrained()), num(m.klToRetrained())));
        if (rmia) {
            w.write("," + String.join(",", num(m.rmiaAuc()), num(m.rmiaAucRetain()), num(m.tprAt1Fpr()),
                    num(m.tprAt01Fpr())));
        }
        w.write('\n');
    }

    /** Whether the report carries RMIA numbers (the scenario trained reference models). */
    public static boolean hasRmia(ScenarioReport report) {
        return report.original() != null && report.original().hasRmia();
    }

    private static String num(Double v) {
        return v == null || v.isNaN() ? "" : String.format(Locale.ROOT, "%.6g", v);
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
