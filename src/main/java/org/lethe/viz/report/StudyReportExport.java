package org.lethe.viz.report;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.lethe.engine.experiment.study.StudyChart;
import org.lethe.engine.experiment.study.StudyFiles;
import org.lethe.engine.experiment.study.StudyReport;
import org.lethe.engine.io.AtomicFiles;
import org.lethe.viz.ChartExport;
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
            JFreeChart chart = StudyLineChart.build(report, spec, style);
            Path png = chartDir.resolve(spec.id() + ".png");
            ChartExport.writePng(chart, png, HtmlReport.WIDTH, HtmlReport.HEIGHT, 2.0);
            ChartExport.writeSvg(chart, chartDir.resolve(spec.id() + ".svg"), HtmlReport.WIDTH, HtmlReport.HEIGHT);
            ChartExport.writeCsv(chart, chartDir.resolve(spec.id() + ".csv"));
            figures.append("<figure><img alt=\"").append(escape(spec.title())).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(Files.readAllBytes(png))).append("\" width=\"")
                    .append(HtmlReport.WIDTH).append("\"><figcaption>").append(escape(spec.title()))
                    .append(" (charts/").append(escape(spec.id())).append(".svg, .csv)</figcaption></figure>\n");
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
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(r.scenario())).append(" - Lethe report</title><style>")
                .append("body{font-family:DejaVu Sans,Helvetica,Arial,sans-serif;margin:2em;color:#1d1d1f;max-width:1100px}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;")
                .append("text-align:right}th{background:#f0f0ee}td:first-child,th:first-child{text-align:left}")
                .append("figure{margin:1.5em 0}figcaption{color:#5f6368;font-size:90%}")
                .append("</style></head><body>\n");
        b.append("<h1>").append(escape(r.scenario())).append("</h1>\n<p>").append(escape(r.description()))
                .append("</p>\n<p>Study <code>").append(escape(r.kind())).append("</code> on ")
                .append(escape(r.dataset())).append(", seeds ").append(r.seeds()).append(".</p>\n<table><tr>");
        for (StudyReport.Column c : r.columns()) {
            b.append("<th>").append(escape(c.label())).append("</th>");
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
            b.append("<p>").append(escape(note)).append("</p>\n");
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
        return escape(value.toString());
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
