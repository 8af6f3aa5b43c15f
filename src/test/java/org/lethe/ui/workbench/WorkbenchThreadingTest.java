package org.lethe.ui.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javafx.concurrent.Worker;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.stage.Stage;
import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.evaluation.EvaluatedModel;
import org.lethe.engine.evaluation.Predictions;
import org.lethe.engine.experiment.Comparison;
import org.lethe.engine.job.QueuedJobRunner;
import org.lethe.engine.model.Architecture;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.TrainedModel;
import org.lethe.engine.model.TrainingConfig;
import org.lethe.engine.unlearning.MethodDescriptor;
import org.lethe.engine.unlearning.UnlearningFixture;
import org.lethe.ui.common.DialogService;
import org.lethe.ui.common.UiServices;
import org.lethe.ui.compare.CompareScreen;
import org.lethe.ui.compare.DashboardChart;
import org.lethe.ui.compare.DashboardCharts;
import org.lethe.ui.inspector.SampleRef;
import org.lethe.ui.jobs.JobTask;
import org.lethe.ui.jobs.JobsViewModel;
import org.lethe.ui.train.TrainController;
import org.lethe.ui.train.TrainViewModel;
import org.lethe.viz.ChartStyle;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Threading stress (issue #8): while a training job runs through the workbench with the Train
 * screen's live curves on screen, the test hammers the Compare dashboard and the inspector from the
 * FX thread, and reads the comparison's predictions and builds charts from another thread. It then
 * checks that nothing threw, that every watched view-model property and list changed on the FX
 * thread only, that data read off the FX thread never changed under the reader (the engine objects
 * are immutable), and that the workbench ends consistent: the new original set, its history entry
 * added, and the next job running normally.
 */
@ExtendWith(ApplicationExtension.class)
class WorkbenchThreadingTest {

    /** Epochs of the long training: about 5 to 10 seconds of a small MLP on 1,200 images on an idle core. */
    private static final int EPOCHS = 6;

    private final FxThreadWatch watch = new FxThreadWatch();
    private final List<Throwable> fxErrors = Collections.synchronizedList(new ArrayList<>());
    private final List<JobsViewModel.FailedJob> failedJobs = Collections.synchronizedList(new ArrayList<>());
    private final AtomicReference<Comparison> latest = new AtomicReference<>();
    private QueuedJobRunner jobs;
    private Workbench workbench;
    private CompareScreen compare;
    private TrainViewModel train;
    private Thread.UncaughtExceptionHandler previousHandler;

    @Start
    void start(Stage stage) {
        jobs = new QueuedJobRunner();
        workbench = new Workbench(new UiServices(jobs, DatasetCatalog.fromEnvironment()));
        workbench.jobs().setOnFailure(failedJobs::add);
        DialogService dialogs = new DialogService(stage);
        compare = CompareScreen.create(workbench, dialogs);
        train = new TrainViewModel(workbench);
        stage.setScene(new Scene(new SplitPane(TrainController.load(train, dialogs), compare.root()), 1200, 760));
        stage.show();
        previousHandler = Thread.currentThread().getUncaughtExceptionHandler();
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> fxErrors.add(e));

        watch.watch("workbench.dataset", workbench.datasetProperty());
        watch.watch("workbench.original", workbench.originalProperty());
        watch.watch("workbench.comparison", workbench.comparisonProperty());
        watch.watch("workbench.history", workbench.history());
        watch.watch("workbench.jobs", workbench.jobs().activeJobs());
        watch.watch("forgetSelection.version", workbench.forgetSelection().versionProperty());
        watch.watch("forgetSelection.count", workbench.forgetSelection().countProperty());
        watch.watch("compare.shown", compare.viewModel().shownProperty());
        watch.watch("compare.rows", compare.viewModel().rows());
        watch.watch("compare.scatterChoices", compare.viewModel().scatterChoices());
        watch.watch("compare.scatterModel", compare.viewModel().scatterModelProperty());
        watch.watch("compare.summary", compare.viewModel().summaryProperty());
        for (DashboardChart kind : DashboardChart.values()) {
            watch.watch("compare.chart." + kind.fileStem(), compare.viewModel().charts().chartProperty(kind));
        }
        watch.watch("inspector.inspection", compare.inspector().viewModel().inspectionProperty());
        watch.watch("inspector.busy", compare.inspector().viewModel().busyProperty());
        watch.watch("train.running", train.runningProperty());
        watch.watch("train.progress", train.progressProperty());
        watch.watch("train.progressText", train.progressTextProperty());
        watch.watch("train.curves", train.curvesProperty());
        watch.watch("train.summary", train.summaryProperty());
        workbench.comparisonProperty().addListener((obs, old, now) -> {
            if (now != null) {
                latest.set(now);
            }
        });
        workbench.browser().show(UnlearningFixture.DATA);
    }

    @AfterEach
    void stop() throws Exception {
        fx(() -> {
            Thread.currentThread().setUncaughtExceptionHandler(previousHandler);
            return null;
        });
        jobs.close();
    }

    private static <T> T fx(java.util.concurrent.Callable<T> action) throws Exception {
        return WaitForAsyncUtils.asyncFx(action).get(30, TimeUnit.SECONDS);
    }

    private static void waitUntil(int seconds, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> fx(condition));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** How many models the dashboard's accuracy chart shows (FX thread; -1 before it has one). */
    private int accuracyBars() {
        JFreeChart chart = compare.viewModel().charts().chart(DashboardChart.ACCURACY);
        return chart == null ? -1 : ((org.jfree.chart.plot.CategoryPlot) chart.getPlot()).getDataset().getRowCount();
    }

    /** A checksum over everything a reader can take from a comparison's predictions. */
    private static double checksum(Comparison c) {
        double sum = c.rows().size();
        for (EvaluatedModel m : c.models()) {
            for (Predictions p : List.of(m.forget(), m.retain(), m.test())) {
                for (int i = 0; i < p.size(); i++) {
                    sum += p.probability(i, p.predicted()[i]) * (i % 7 + 1) + p.loss()[i] + p.indices()[i];
                }
            }
            sum += m.metrics().forgetAccuracy() + m.metrics().testAccuracy();
        }
        return sum;
    }

    @Test
    void dashboardAndInspectorStayOnTheFxThreadWhileTrainingRuns(@TempDir Path exports) throws Exception {
        // a first original and a comparison for the dashboard to show while the long training runs
        fx(() -> {
            workbench.forgetSelection().selectClass(3);
            return workbench.train(ModelSpec.logreg(UnlearningFixture.DATA.shape(), 10),
                    TrainingConfig.adam(1, 32, 1e-2, 1), points -> watch.record("train.liveMetrics"));
        });
        waitUntil(60, () -> workbench.originalProperty().get() != null);
        fx(() -> {
            for (String id : List.of("retrain", "ft")) {
                MethodDescriptor<?> m = workbench.methods().byId(id);
                workbench.unlearn(m, m.defaults(), m.displayName());
            }
            return null;
        });
        waitUntil(120, () -> workbench.history().size() == 3 && compare.viewModel().shownProperty().get() != null
                && compare.viewModel().shownProperty().get().rows().size() == 3);
        // the dashboard's chart worker has built the charts of all three models and the FX thread shows them
        waitUntil(30, () -> accuracyBars() == 3);
        TrainedModel firstOriginal = fx(() -> workbench.originalProperty().get());

        // the long training, started from the Train screen's form (it goes through Workbench.train)
        AtomicBoolean trainingDone = new AtomicBoolean();
        JobTask<TrainedModel> task = fx(() -> {
            train.architectureProperty().set(Architecture.MLP);
            train.hiddenWidths().textProperty().set("128");
            train.epochs().textProperty().set(Integer.toString(EPOCHS));
            train.batchSize().textProperty().set("32");
            assertThat(train.problemProperty().get()).isNull();
            JobTask<TrainedModel> t = train.start();
            watch.watch("trainTask.progress", t.progressProperty());
            watch.watch("trainTask.message", t.messageProperty());
            watch.watch("trainTask.state", t.stateProperty());
            t.stateProperty().addListener((obs, old, state) -> {
                if (state == Worker.State.SUCCEEDED || state == Worker.State.FAILED
                        || state == Worker.State.CANCELLED) {
                    trainingDone.set(true);
                }
            });
            return t;
        });
        long started = System.nanoTime();

        // another thread: read predictions, rebuild charts, run forward passes on shared networks
        List<Throwable> readerErrors = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger readerRounds = new AtomicInteger();
        List<String> changedUnderReader = Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            java.util.Map<Comparison, Double> seen = new java.util.IdentityHashMap<>();
            try {
                while (!trainingDone.get()) {
                    Comparison c = latest.get();
                    double now = checksum(c);
                    Double before = seen.putIfAbsent(c, now);
                    if (before != null && before != now) {
                        changedUnderReader.add("a comparison's predictions changed: " + before + " -> " + now);
                    }
                    for (DashboardChart kind : DashboardChart.values()) {
                        JFreeChart chart = DashboardCharts.build(kind, c, null, ChartStyle.standard());
                        // no scatter without a chosen model, no RMIA ROC without reference models
                        boolean optional = kind == DashboardChart.SCATTER || kind == DashboardChart.RMIA_ROC;
                        if (!optional && chart == null) {
                            changedUnderReader.add(kind + " could not be built");
                        }
                    }
                    TrainedModel ref = c.retrained().orElseThrow().result().model();
                    Predictions p = Predictions.compute(ref.network(),
                            new IndexView(c.splits().dataset().test(), new int[] {0, 1, 2, 3, 4}, "reader"));
                    Predictions stored = c.retrained().orElseThrow().evaluated().test();
                    for (int row = 0; row < p.size(); row++) {
                        int at = java.util.Arrays.stream(stored.indices()).boxed().toList().indexOf(row);
                        if (at >= 0 && stored.predicted()[at] != p.predicted()[row]) {
                            changedUnderReader.add("test image " + row + ": a forward pass predicts "
                                    + p.predicted()[row] + ", the comparison stored " + stored.predicted()[at]);
                        }
                    }
                    readerRounds.incrementAndGet();
                    Thread.sleep(40); // leave the training its share of the cores
                }
            } catch (Throwable e) { // NOPMD - every failure of the reader is a test failure
                readerErrors.add(e);
            }
        }, "test-reader");
        reader.setDaemon(true);
        reader.start();

        // the FX thread: switch the scatter, inspect images, read predictions, park and restore the
        // comparison (the dashboard redraws), export charts
        List<CompletableFuture<Path>> exported = new ArrayList<>();
        // at least ten rounds in all (a fast machine may finish the training sooner); the ones that
        // started while the training ran are what the test is about
        int fxRounds = 0;
        int roundsDuringTraining = 0;
        while (!trainingDone.get() || fxRounds < 10) {
            if (!trainingDone.get()) {
                roundsDuringTraining++;
            }
            int round = fxRounds++;
            fx(() -> {
                List<String> choices = List.copyOf(compare.viewModel().scatterChoices());
                if (!choices.isEmpty()) {
                    compare.viewModel().scatterModelProperty().set(choices.get(round % choices.size()));
                }
                compare.inspect(round % 2 == 0 ? SampleRef.train(round * 37 % 1200) : SampleRef.test(round * 11 % 500));
                Comparison c = workbench.comparisonProperty().get();
                if (c != null) {
                    checksum(c);
                }
                if (round % 6 == 2) {
                    workbench.forgetSelection().selectClass(5); // sets the comparison aside
                } else if (round % 6 == 3) {
                    workbench.forgetSelection().undo(); // brings it back
                }
                // every tenth round, and as soon as possible when none was exported yet (a fast machine
                // may finish the training in a dozen rounds); not while the comparison is set aside
                boolean due = round % 10 == 4 || exported.isEmpty() && round >= 4 && round % 6 != 2;
                if (due && compare.viewModel().shownProperty().get() != null) {
                    List<DashboardChart> kinds = java.util.Arrays.stream(DashboardChart.values())
                            .filter(k -> k != DashboardChart.RMIA_ROC).toList(); // no reference models here
                    DashboardChart kind = kinds.get(round / 10 % kinds.size());
                    exported.add(compare.viewModel().exportChart(kind, exports.resolve(round + "-" + kind.fileStem()
                            + ".png")));
                }
                return null;
            });
            Thread.sleep(25);
        }
        double trainingSeconds = (System.nanoTime() - started) / 1e9;
        reader.join(30_000);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(fx(task::getState)).isEqualTo(Worker.State.SUCCEEDED);
        assertThat(fxErrors).as("uncaught exceptions on the FX thread").isEmpty();
        assertThat(readerErrors).as("exceptions on the reading thread").isEmpty();
        assertThat(failedJobs).as("failed jobs").isEmpty();
        assertThat(changedUnderReader).isEmpty();
        assertThat(roundsDuringTraining).as("FX rounds during %.1f s of training", trainingSeconds)
                .isGreaterThanOrEqualTo(3);
        assertThat(readerRounds.get()).as("reader rounds during %.1f s of training", trainingSeconds)
                .isGreaterThanOrEqualTo(2);
        for (CompletableFuture<Path> f : exported) {
            assertThat(Files.size(f.get(30, TimeUnit.SECONDS))).isPositive();
        }
        assertThat(exported).isNotEmpty();

        // the workbench is consistent: the new original, its history entry, the comparison cleared
        waitUntil(30, () -> workbench.originalProperty().get() != firstOriginal && !train.runningProperty().get());
        fx(() -> {
            if (workbench.forgetSelection().indices().length == 0
                    || UnlearningFixture.DATA.train().label(workbench.forgetSelection().indices()[0]) != 3) {
                workbench.forgetSelection().selectClass(3);
            }
            return null;
        });
        TrainedModel trained = fx(() -> workbench.originalProperty().get());
        assertThat(trained).isSameAs(fx(task::getValue));
        assertThat(trained.spec().architecture()).isEqualTo(Architecture.MLP);
        List<RunRecord> history = fx(() -> List.copyOf(workbench.history()));
        assertThat(history).hasSize(4);
        assertThat(history.get(3).kind()).isEqualTo(RunRecord.Kind.TRAIN);
        assertThat(history.get(3).methodId()).isEqualTo("mlp");
        assertThat(fx(() -> workbench.comparisonProperty().get())).isNull();
        waitUntil(10, () -> compare.viewModel().shownProperty().get() == null);
        assertThat(fx(() -> train.summaryProperty().get())).isNotNull();
        assertThat(fx(() -> train.curvesProperty().get().redraws())).isPositive();

        // the next job runs normally on the new original
        fx(() -> {
            MethodDescriptor<?> ft = workbench.methods().byId("ft");
            return workbench.unlearn(ft, ft.defaults(), "FT after training");
        });
        waitUntil(120, () -> workbench.history().size() == 5 && compare.viewModel().shownProperty().get() != null);
        Comparison after = fx(() -> workbench.comparisonProperty().get());
        assertThat(after.rows()).extracting(Comparison.Row::label).containsExactly("Original", "FT after training");
        waitUntil(30, () -> accuracyBars() == 2);
        assertThat(fx(() -> workbench.jobs().activeJobs().isEmpty())).isTrue();

        // every view-model change, live-metric batch and task update happened on the FX thread
        assertThat(watch.offFxThread()).as("changes off the FX thread").isEmpty();
        assertThat(watch.changes("train.liveMetrics")).isPositive();
        assertThat(watch.changes("trainTask.progress")).isPositive();
        assertThat(watch.changes("compare.shown")).as("dashboard refreshes").isGreaterThanOrEqualTo(3);
        assertThat(watch.changes("inspector.inspection")).isGreaterThanOrEqualTo(fxRounds);
        assertThat(watch.changes("workbench.comparison")).isGreaterThanOrEqualTo(4);
    }
}
