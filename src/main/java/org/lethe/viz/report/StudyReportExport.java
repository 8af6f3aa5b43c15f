package org.lethe.viz.report;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.lethe.engine.experiment.study.StudyChart;
import org.lethe.engine.experiment.study.StudyFiles;
import org.lethe.engine.experiment.study.StudyReport;
import org.lethe.engine.io.AtomicFiles;
import org.lethe.viz.ChartStyle;
import org.lethe.viz.StudyLineChart;

/**
 * Writes a study's report folder: {@code report.json}, {@code report.csv},
 * {@code charts/ID.png|svg|csv} and a self-contained {@code report.html} with the table, the
 * notes and the charts; the same layout as a post-hoc scenario's ({@link ReportExport}).
 */
public final class StudyReportExport {

    private StudyReportExport() {
    }

    /**
     * Writes every file of the report into {@code dir} (created when missing).
     *
     * @return report.json, report.csv and report.html
     */
    public static List<Path> write(StudyReport report, Path dir, ChartStyle style) throws IOException {
        Objects.requireNonNull(report, "report");
        Files.createDirectories(dir);
        Path json = StudyFiles.writeJson(report, dir);
        Path csv = StudyFiles.writeCsv(report, dir);
        Path chartDir = dir.resolve("charts");
        StringBuilder figures = new StringBuilder();
        for (StudyChart spec : report.charts()) {
            Files.createDirectories(chartDir);
            figures.append(HtmlReport.figure(StudyLineChart.build(report, spec, style), chartDir, spec.id(),
                    spec.title()));
        }
        Path html = dir.resolve("report.html");
        String page = page(report, figures.toString());
        AtomicFiles.write(html, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write(page);
            w.flush();
        });
        return List.of(json, csv, html);
    }

    private static String page(StudyReport r, String figures) {
        StringBuilder b = new StringBuilder();
        b.append(HtmlReport.head(r.scenario()));
        b.append("<h1>").append(HtmlReport.escape(r.scenario())).append("</h1>\n<p>").append(HtmlReport.escape(r.description()))
                .append("</p>\n<p>Study <code>").append(HtmlReport.escape(r.kind())).append("</code> on ")
                .append(HtmlReport.escape(r.dataset())).append(", seeds ").append(r.seeds()).append(".</p>\n<table><tr>");
        for (StudyReport.Column c : r.columns()) {
            b.append("<th>").append(HtmlReport.escape(c.label())).append("</th>");
        }
        b.append("</tr>\n");
        for (Map<String, Object> row : r.rows()) {
            b.append("<tr>");
            for (StudyReport.Column c : r.columns()) {
                b.append("<td>").append(cell(row.get(c.id()), c.decimals())).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n");
        for (String note : r.notes()) {
            b.append("<p>").append(HtmlReport.escape(note)).append("</p>\n");
        }
        b.append(figures).append("<p>Made by Lethe. The same data as JSON: report.json; as a table: report.csv.</p>")
                .append("</body></html>\n");
        return b.toString();
    }

    private static String cell(Object value, int decimals) {
        if (value == null || value instanceof Double d && d.isNaN()) {
            return "&ndash;";
        }
        if (value instanceof Double || value instanceof Float) {
            return String.format(Locale.ROOT, "%,." + decimals + "f", ((Number) value).doubleValue());
        }
        if (value instanceof Number n) {
            return String.format(Locale.ROOT, "%,d", n.longValue());
        }
        return HtmlReport.escape(value.toString());
    }
}
