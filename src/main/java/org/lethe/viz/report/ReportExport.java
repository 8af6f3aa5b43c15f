package org.lethe.viz.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.lethe.engine.experiment.ReportFiles;
import org.lethe.engine.experiment.ScenarioRunner;
import org.lethe.viz.ChartStyle;

/**
 * Writes a complete report into a folder: {@code report.json}, {@code report.csv},
 * {@code charts/*.png|svg|csv} and {@code report.html}. {@code lethe run} and the workbench's
 * "Export report…" both go through here, so their folders look the same.
 */
public final class ReportExport {

    private ReportExport() {
    }

    /**
     * Writes every file of the report into {@code dir} (created when missing).
     *
     * @return the files written at the top of {@code dir}: report.json, report.csv, report.html
     */
    public static List<Path> write(ScenarioRunner.Result result, Path dir, ChartStyle style) throws IOException {
        Objects.requireNonNull(result, "result");
        Files.createDirectories(dir);
        Path json = ReportFiles.writeJson(result.report(), dir);
        Path csv = ReportFiles.writeCsv(result.report(), dir);
        Path html = HtmlReport.write(result.report(), ScenarioCharts.build(result, result.classNames(), style), dir);
        return List.of(json, csv, html);
    }
}
