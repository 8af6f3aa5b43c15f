package org.lethe.ui.lecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Consumer;
import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.experiment.study.Studies;
import org.lethe.engine.experiment.study.StudyFiles;
import org.lethe.engine.experiment.study.StudyReport;
import org.lethe.ui.common.Strings;
import org.lethe.ui.jobs.JobTask;
import org.lethe.ui.jobs.JobsViewModel;
import org.lethe.viz.ChartStyle;
import org.lethe.viz.report.StudyReportExport;

/**
 * Runs a study file (a SISA, DeltaGrad, amnesiac or unlearnable-examples sweep) as one background
 * job and writes its report folder, as {@code lethe run} would, under
 * {@code <user data>/reports/<file name>-<time>}; tells the caller where {@code report.html} is.
 */
final class StudyRunner {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    private final JobsViewModel jobs;
    private final DatasetCatalog catalog;
    private final Path reportsDir;

    StudyRunner(JobsViewModel jobs, DatasetCatalog catalog, Path reportsDir) {
        this.jobs = jobs;
        this.catalog = catalog;
        this.reportsDir = reportsDir;
    }

    /**
     * Reads {@code file} now (a bad file throws at once, with the file and field named) and queues
     * the run.
     *
     * @param done receives {@code report.html} once the report is written (on the FX thread)
     */
    JobTask<Path> start(Path file, Consumer<Path> done) {
        StudyFiles.LoadedStudy study = StudyFiles.read(file, Studies.standard());
        String stem = file.getFileName().toString().replaceFirst("\\.json$", "").replaceAll("[^A-Za-z0-9._-]", "-");
        Path out = reportsDir.resolve(stem + "-" + LocalDateTime.now().format(STAMP));
        return jobs.submit(Strings.format("lecture.studyJob", study.spec().name()), ctx -> {
            StudyReport report = study.run(catalog, ctx);
            try {
                StudyReportExport.write(report, out, ChartStyle.standard());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the report into " + out + ": " + e.getMessage(), e);
            }
            return out.resolve("report.html");
        }, done);
    }
}
