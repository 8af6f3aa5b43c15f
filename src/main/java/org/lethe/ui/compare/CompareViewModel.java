package org.lethe.ui.compare;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Duration;
import org.jfree.chart.JFreeChart;
import org.lethe.engine.evaluation.EvaluatedModel;
import org.lethe.engine.experiment.Comparison;
import org.lethe.engine.experiment.ComparisonReport;
import org.lethe.engine.experiment.ScenarioRunner;
import org.lethe.engine.model.TrainedModel;
import org.lethe.ui.inspector.SampleRef;
import org.lethe.ui.jobs.JobTask;
import org.lethe.ui.workbench.Workbench;
import org.lethe.viz.ChartExport;
import org.lethe.viz.ChartStyle;
import org.lethe.viz.Split;
import org.lethe.viz.report.HtmlReport;
import org.lethe.viz.report.ReportExport;

/**
 * State of the comparison dashboard. It follows the workbench's comparison at a bounded rate
 * (at most one redraw per {@link #REFRESH_INTERVAL}), keeps the metrics table rows and the charts
 * (built on their own worker thread and swapped in on the FX thread, see {@link DashboardCharts}),
 * and exports charts (PNG, SVG, CSV, on a background executor from a fresh copy of the chart) and
 * the whole report (as a job). Use on the FX thread.
 */
public final class CompareViewModel {

    /** Shortest time between two redraws of the dashboard. */
    public static final Duration REFRESH_INTERVAL = Duration.millis(250);

    private final Workbench workbench;
    private final Executor background;
    private final ChartStyle style;
    private final DashboardCharts charts;
    private final ReadOnlyObjectWrapper<Comparison> shown = new ReadOnlyObjectWrapper<>(this, "shown");
    private final ObservableList<MetricRow> rows = FXCollections.observableArrayList();
    private final ObservableList<String> scatterChoices = FXCollections.observableArrayList();
    private final ObjectProperty<String> scatterModel = new SimpleObjectProperty<>(this, "scatterModel");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final IntegerProperty referenceCount = new SimpleIntegerProperty(this, "referenceCount", 4);
    private final RefreshThrottle throttle;
    private boolean refreshing;

    /**
     * A dashboard on {@code workbench}'s comparison.
     *
     * @param background runs chart exports (cheap, never queued behind training jobs)
     */
    public CompareViewModel(Workbench workbench, Executor background, ChartStyle style) {
        this.workbench = Objects.requireNonNull(workbench, "workbench");
        this.background = Objects.requireNonNull(background, "background");
        this.style = Objects.requireNonNull(style, "style");
        this.charts = new DashboardCharts(style);
        charts.prewarm();
        this.throttle = new RefreshThrottle(REFRESH_INTERVAL, this::refresh);
        workbench.comparisonProperty().addListener((obs, old, now) -> throttle.request());
        scatterModel.addListener((obs, old, now) -> {
            if (!refreshing) {
                charts.update(shown.get(), now);
            }
        });
        refresh();
    }

    /** The comparison the dashboard shows (null: the empty state). */
    public ReadOnlyObjectProperty<Comparison> shownProperty() {
        return shown.getReadOnlyProperty();
    }

    /** True while there is nothing to show. */
    public BooleanBinding emptyProperty() {
        return shown.isNull();
    }

    /** True when a report can be written (it needs the retrained model). */
    public BooleanBinding canExportReportProperty() {
        return Bindings.createBooleanBinding(() -> shown.get() != null && shown.get().retrained().isPresent(), shown);
    }

    /** True when the shown comparison carries RMIA numbers (reference models were trained). */
    public BooleanBinding hasRmiaProperty() {
        return Bindings.createBooleanBinding(() -> shown.get() != null && shown.get().referenceModels().isPresent(),
                shown);
    }

    /** How many RMIA reference models {@link #computeRmia()} trains (2 to 16, 4 by default). */
    public IntegerProperty referenceCountProperty() {
        return referenceCount;
    }

    /** Trains the reference models and attacks every model with RMIA, as a job. */
    public JobTask<Comparison> computeRmia() {
        return workbench.addReferenceModels(referenceCount.get());
    }

    /** Drops RMIA's numbers and chart. */
    public void dropRmia() {
        workbench.dropReferenceModels();
    }

    /** The metrics table, one row per model. */
    public ObservableList<MetricRow> rows() {
        return rows;
    }

    /** The models the scatter can set against the original. */
    public ObservableList<String> scatterChoices() {
        return scatterChoices;
    }

    /** The model the scatter sets against the original. */
    public ObjectProperty<String> scatterModelProperty() {
        return scatterModel;
    }

    /** One line about what is compared. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The live charts. */
    public DashboardCharts charts() {
        return charts;
    }

    private void refresh() {
        Comparison c = workbench.comparisonProperty().get();
        if (c == shown.get()) {
            return;
        }
        refreshing = true;
        try {
            shown.set(c);
            if (c == null) {
                return;
            }
            rows.setAll(MetricRow.of(c));
            List<String> others = c.models().stream().skip(1).map(EvaluatedModel::name).toList();
            String wanted = scatterModel.get();
            boolean follow = wanted == null || !others.contains(wanted)
                    || (!scatterChoices.isEmpty() && wanted.equals(scatterChoices.get(scatterChoices.size() - 1)));
            scatterChoices.setAll(others);
            scatterModel.set(others.isEmpty() ? null : follow ? others.get(others.size() - 1) : wanted);
            charts.update(c, scatterModel.get());
            summary.set(summaryOf(c));
        } finally {
            refreshing = false;
        }
    }

    private static String summaryOf(Comparison c) {
        int n = c.models().size();
        return String.format(Locale.ROOT, "%s \u00b7 forget set of %,d images \u00b7 %d model%s%s",
                c.splits().dataset().name(), c.splits().forget().size(), n, n == 1 ? "" : "s",
                c.retrained().isPresent() ? "" : " \u00b7 queue Retrain for gaps and distances");
    }

    /**
     * The sample behind a point of the scatter.
     *
     * @param seriesKey the point's series ("Forget", "Retain" or "Test")
     * @param item the point's index in its series
     */
    public Optional<SampleRef> scatterSample(String seriesKey, int item) {
        return charts.scatterSample(seriesKey, item).map(p -> p.split() == Split.TEST
                ? SampleRef.test(p.sampleIndex()) : SampleRef.train(p.sampleIndex()));
    }

    /**
     * Writes chart {@code kind} of the shown comparison to {@code file}; the extension picks the
     * format (.png at twice the report size, .svg, or .csv with the chart's data). The chart is
     * rebuilt from the immutable comparison on the background executor, so the dashboard's live
     * charts are never touched off the FX thread.
     *
     * @throws IllegalStateException when nothing is shown
     * @throws IllegalArgumentException for another extension
     */
    public CompletableFuture<Path> exportChart(DashboardChart kind, Path file) {
        Comparison c = shown.get();
        if (c == null) {
            throw new IllegalStateException("no comparison to export yet");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".png") && !name.endsWith(".svg") && !name.endsWith(".csv")) {
            throw new IllegalArgumentException(file + ": expected a .png, .svg or .csv file name");
        }
        String scatter = scatterModel.get();
        return CompletableFuture.supplyAsync(() -> {
            JFreeChart chart = DashboardCharts.build(kind, c, scatter, style);
            if (chart == null) {
                throw new IllegalStateException(kind.title() + " has nothing to show yet");
            }
            try {
                int height = kind == DashboardChart.CONFIDENCE
                        ? Math.max(HtmlReport.HEIGHT, 130 * c.models().size() + 120) : HtmlReport.HEIGHT;
                if (name.endsWith(".png")) {
                    ChartExport.writePng(chart, file, HtmlReport.WIDTH, height, 2.0);
                } else if (name.endsWith(".svg")) {
                    ChartExport.writeSvg(chart, file, HtmlReport.WIDTH, height);
                } else {
                    ChartExport.writeCsv(chart, file);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            }
            return file;
        }, background);
    }

    /**
     * Writes the shown comparison as {@code lethe run} would (report.json, report.csv, charts/,
     * report.html) into {@code dir}, as a job.
     *
     * @throws IllegalStateException when nothing is shown
     */
    public JobTask<List<Path>> exportReport(Path dir) {
        Comparison c = shown.get();
        if (c == null) {
            throw new IllegalStateException("no comparison to export yet");
        }
        TrainedModel original = workbench.originalProperty().get();
        long seed = original == null ? 0 : original.spec().seed();
        String description = "Exported from the Lethe workbench: " + (original == null ? "a model"
                : original.spec().architecture().id() + " trained for " + String.format(Locale.ROOT, "%.1f s",
                        original.provenance().seconds())) + " on " + c.splits().dataset().name() + ", forgetting "
                + c.splits().forget().size() + " training images; one run per method.";
        String name = "Workbench comparison (" + c.splits().dataset().name() + ")";
        return workbench.jobs().submit("Export report to " + dir, ctx -> {
            ScenarioRunner.Result result = ComparisonReport.of(c, name, description, seed);
            return ReportExport.write(result, dir, style);
        }, paths -> { });
    }
}
