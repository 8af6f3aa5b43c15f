package org.lethe.viz.report;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.lethe.engine.evaluation.ModelMetrics;
import org.lethe.engine.experiment.ReportFiles;
import org.lethe.engine.experiment.ScenarioReport;
import org.lethe.engine.io.AtomicFiles;
import org.lethe.viz.ChartExport;

/**
 * Writes a scenario's charts to {@code charts/} (PNG, SVG, CSV each) and {@code report.html}: one
 * self-contained page (charts embedded as PNG data) with the metrics table, the warnings and the
 * scenario's description.
 */
public final class HtmlReport {

    /** Chart size in the files, in pixels (PNGs are rendered at twice this for sharp projection). */
    public static final int WIDTH = 900;
    /** Chart height, in pixels. */
    public static final int HEIGHT = 520;

    private HtmlReport() {
    }

    /** Writes the chart files and {@code report.html} into {@code dir}. */
    public static Path write(ScenarioReport report, Map<String, JFreeChart> charts, Path dir) throws IOException {
        Path chartDir = dir.resolve("charts");
        Files.createDirectories(chartDir);
        StringBuilder figures = new StringBuilder();
        for (Map.Entry<String, JFreeChart> e : charts.entrySet()) {
            figures.append(figure(e.getValue(), chartDir, e.getKey(), e.getKey()));
        }
        Path html = dir.resolve("report.html");
        String page = page(report, figures.toString());
        AtomicFiles.write(html, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write(page);
            w.flush();
        });
        return html;
    }

    /**
     * Writes {@code chartDir/ID.png|svg|csv} and returns the HTML figure that embeds the PNG, captioned
     * {@code caption}.
     */
    static String figure(JFreeChart chart, Path chartDir, String id, String caption) throws IOException {
        Path png = chartDir.resolve(id + ".png");
        int height = heightOf(chart);
        ChartExport.writePng(chart, png, WIDTH, height, 2.0);
        ChartExport.writeSvg(chart, chartDir.resolve(id + ".svg"), WIDTH, height);
        ChartExport.writeCsv(chart, chartDir.resolve(id + ".csv"));
        String data = Base64.getEncoder().encodeToString(Files.readAllBytes(png));
        return "<figure><img alt=\"" + escape(caption) + "\" src=\"data:image/png;base64," + data + "\" width=\""
                + WIDTH + "\"><figcaption>" + escape(caption) + " (charts/" + escape(id)
                + ".svg, .csv)</figcaption></figure>\n";
    }

    /** The page's head and opening body tag, with the shared style sheet. */
    static String head(String title) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + " - Lethe report</title><style>"
                + "body{font-family:DejaVu Sans,Helvetica,Arial,sans-serif;margin:2em;color:#1d1d1f;max-width:1100px}"
                + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;"
                + "text-align:right}th{background:#f0f0ee}td:first-child,th:first-child{text-align:left}"
                + ".warn{color:#d55e00}figure{margin:1.5em 0}figcaption{color:#5f6368;font-size:90%}"
                + "</style></head><body>\n";
    }

    /** Charts with one panel per model (stacked plots) get 130 pixels per panel. */
    private static int heightOf(JFreeChart chart) {
        if (chart.getPlot() instanceof org.jfree.chart.plot.CombinedDomainXYPlot combined) {
            return Math.max(HEIGHT, 130 * combined.getSubplots().size() + 120);
        }
        return HEIGHT;
    }

    private static String page(ScenarioReport r, String figures) {
        StringBuilder b = new StringBuilder();
        b.append(head(r.scenario()));
        b.append("<h1>").append(escape(r.scenario())).append("</h1>\n<p>").append(escape(r.description()))
                .append("</p>\n<p>Dataset ").append(escape(r.dataset())).append(", forget set <code>")
                .append(escape(r.forget())).append("</code>, seeds ").append(r.seeds())
                .append(". Accuracies and MIA values in %; metrics are means over seeds. Forget accuracy is ")
                .append("AMUN's \"unlearn accuracy\" (SalUn's UA is 100 minus it). MIA AUC: forget vs. test by ")
                .append("true-class confidence, 50 = indistinguishable. Avg Gap: mean |difference| from Retrain ")
                .append("over forget, retain, test accuracy and MIA AUC.</p>\n");
        boolean rmia = ReportFiles.hasRmia(r);
        if (rmia) {
            b.append("<p>RMIA (offline, against reference models trained on random halves of train + test): ")
                    .append("AUC of forget vs. test (50 = forgotten samples look unseen) and of forget vs. retain, ")
                    .append("and the forget-vs-test true-positive rate at 1% and 0.1% false positives.</p>\n");
        }
        b.append("<table><tr><th>model</th><th>forget</th><th>retain</th><th>test</th><th>MIA AUC</th>")
                .append("<th>MIA efficacy</th><th>L2 to retrained</th><th>KL to retrained</th>");
        if (rmia) {
            b.append("<th>RMIA AUC</th><th>RMIA AUC vs retain</th><th>TPR @ 1% FPR</th><th>TPR @ 0.1% FPR</th>");
        }
        b.append("<th>Avg Gap</th><th>seconds</th><th>speed-up</th></tr>\n");
        row(b, "Original", r.original(), "", "", "", rmia);
        row(b, "Retrained", r.retrained(), "0", fmt(r.retrainSeconds()), "1", rmia);
        for (ScenarioReport.MethodSummary m : r.methods()) {
            String gap = fmt(m.avgGap().mean()) + (m.avgGap().hasSpread() ? " &plusmn; " + fmt(m.avgGap().std()) : "");
            row(b, m.label(), m.models().get("unlearned"), gap, fmt(m.seconds()), fmt(m.speedup()), rmia);
        }
        b.append("</table>\n");
        for (ScenarioReport.MethodSummary m : r.methods()) {
            for (String w : m.warnings()) {
                b.append("<p class=\"warn\">").append(escape(m.label())).append(": ").append(escape(w)).append("</p>\n");
            }
        }
        b.append(figures).append("<p>Made by Lethe. The same data as JSON: report.json; per seed: report.csv.</p>")
                .append("</body></html>\n");
        return b.toString();
    }

    private static void row(StringBuilder b, String name, ModelMetrics m, String gap, String seconds, String speedup,
            boolean rmia) {
        b.append("<tr><td>").append(escape(name)).append("</td><td>").append(fmt(m.forgetAccuracy()))
                .append("</td><td>").append(fmt(m.retainAccuracy())).append("</td><td>").append(fmt(m.testAccuracy()))
                .append("</td><td>").append(fmt(m.miaAuc())).append("</td><td>").append(fmt(m.miaEfficacy()))
                .append("</td><td>").append(fmt(m.l2ToRetrained())).append("</td><td>").append(fmt(m.klToRetrained()));
        if (rmia) {
            b.append("</td><td>").append(fmt(m.rmiaAuc())).append("</td><td>").append(fmt(m.rmiaAucRetain()))
                    .append("</td><td>").append(fmt(m.tprAt1Fpr())).append("</td><td>").append(fmt(m.tprAt01Fpr()));
        }
        b.append("</td><td>").append(gap).append("</td><td>").append(seconds).append("</td><td>")
                .append(speedup).append("</td></tr>\n");
    }

    private static String fmt(Double v) {
        return v == null || v.isNaN() ? "&ndash;" : String.format(Locale.ROOT, "%.2f", v);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
