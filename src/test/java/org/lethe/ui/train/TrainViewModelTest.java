package org.lethe.ui.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.jfree.data.xy.XYSeries;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.model.Architecture;
import org.lethe.engine.model.ModelFileException;
import org.lethe.engine.model.TrainedModel;
import org.lethe.engine.model.optim.LrSchedule;
import org.lethe.engine.model.optim.OptimizerConfig;
import org.lethe.engine.job.QueuedJobRunner;
import org.lethe.engine.unlearning.UnlearningFixture;
import org.lethe.ui.common.UiServices;
import org.lethe.ui.jobs.JobsViewModel;
import org.lethe.ui.workbench.Workbench;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Train screen's state without its view: form rules, model files, bounded redraws. */
@ExtendWith(ApplicationExtension.class)
class TrainViewModelTest {

    private QueuedJobRunner jobs;
    private Workbench workbench;
    private TrainViewModel train;
    private final List<JobsViewModel.FailedJob> failures = new ArrayList<>();

    @Start
    void start(Stage stage) {
        jobs = new QueuedJobRunner();
        workbench = new Workbench(new UiServices(jobs, DatasetCatalog.fromEnvironment()));
        workbench.jobs().setOnFailure(failures::add);
        train = new TrainViewModel(workbench);
    }

    @AfterEach
    void stop() {
        jobs.close();
    }

    private static <T> T fx(Callable<T> action) throws Exception {
        return WaitForAsyncUtils.asyncFx(action).get(10, TimeUnit.SECONDS);
    }

    @Test
    void theFormFollowsTheDatasetAndTheArchitectureAndNamesEveryProblem() throws Exception {
        fx(() -> {
            assertThat(train.problemProperty().get()).contains("Load a dataset");
            assertThat(train.canStartProperty().get()).isFalse();
            workbench.browser().show(UnlearningFixture.DATA);
            assertThat(train.architectureProperty().get()).isEqualTo(Architecture.LENET);
            assertThat(train.hiddenWidths().value()).isEqualTo("500");
            assertThat(train.epochs().value()).isEqualTo("3");
            assertThat(train.problemProperty().get()).isNull();

            train.architectureProperty().set(Architecture.LOGREG);
            assertThat(train.hiddenWidthsEditableProperty().get()).isFalse();
            assertThat(train.batchNormEditableProperty().get()).isFalse();
            train.architectureProperty().set(Architecture.MLP);
            assertThat(train.hiddenWidths().value()).isEqualTo("300");
            train.hiddenWidths().textProperty().set("128, 64");
            assertThat(train.request().spec().hiddenWidths()).containsExactly(128, 64);
            train.hiddenWidths().textProperty().set("128, x");
            assertThat(train.problemProperty().get()).contains("Hidden widths").contains("'x'");
            train.hiddenWidths().textProperty().set("");
            assertThat(train.problemProperty().get()).contains("mlp needs at least one hidden width");
            train.hiddenWidths().textProperty().set("64");

            train.architectureProperty().set(Architecture.CIFAR_CNN);
            assertThat(train.batchNormEditableProperty().get()).isTrue();

            train.architectureProperty().set(Architecture.LOGREG);
            train.batchSize().textProperty().set("0");
            assertThat(train.problemProperty().get()).isEqualTo("Batch size must be between 1 and 4096, was 0");
            assertThat(train.canStartProperty().get()).isFalse();
            assertThat(train.start()).isNull();
            train.batchSize().textProperty().set("32");

            // momentum only matters for SGD
            train.momentum().textProperty().set("1.5");
            assertThat(train.problemProperty().get()).isNull();
            train.optimizerProperty().set(OptimizerConfig.Kind.SGD);
            assertThat(train.problemProperty().get()).startsWith("Momentum must be between 0 and 0.999");
            train.momentum().textProperty().set("0.9");
            train.scheduleProperty().set(ScheduleKind.STEP);
            train.stepSize().textProperty().set("2");
            train.gamma().textProperty().set("0.1");
            train.seed().textProperty().set("11");
            var req = train.request();
            assertThat(req.config().schedule()).isEqualTo(new LrSchedule.Step(1e-3, 2, 0.1));
            assertThat(req.config().optimizer()).isEqualTo(OptimizerConfig.sgd(0.9, 0));
            assertThat(req.spec().seed()).isEqualTo(11);
            assertThat(req.config().shuffleSeed()).isEqualTo(11);

            // fewer training images of the same dataset keep the form
            workbench.browser().trainLimitProperty().set(new org.lethe.ui.dataset.TrainLimit(1_000));
            return null;
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> fx(() -> workbench.datasetProperty().get().train().count() == 1_000));
        assertThat(fx(() -> train.architectureProperty().get())).isEqualTo(Architecture.LOGREG);
        assertThat(fx(() -> train.seed().value())).isEqualTo("11");
    }

    @Test
    void savesAndOpensModelsAndReportsBadFilesByName(@TempDir Path dir) throws Exception {
        TrainedModel original = UnlearningFixture.original();
        fx(() -> {
            workbench.browser().show(UnlearningFixture.DATA);
            workbench.originalProperty().set(original);
            assertThat(train.summaryProperty().get().parameters()).isEqualTo(String.format("%,d",
                    original.network().numParams()));
            assertThat(train.suggestedFileName()).isEqualTo("mlp-mnist-small.lethe");
            return null;
        });
        Path file = dir.resolve("mlp.lethe");
        var saved = fx(() -> train.save(file));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, saved::isDone);
        assertThat(file).exists();

        // a name without the extension is completed, but never onto an existing file
        assertThat(TrainViewModel.saveTarget(dir.resolve("other"))).isEqualTo(dir.resolve("other.lethe"));
        assertThatThrownBy(() -> TrainViewModel.saveTarget(dir.resolve("mlp")))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("mlp.lethe").hasMessageContaining("exists");
        assertThat(TrainViewModel.saveTarget(file)).isEqualTo(file);

        fx(() -> {
            workbench.originalProperty().set(null);
            return train.open(file);
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> workbench.originalProperty().get() != null));
        TrainedModel opened = fx(() -> workbench.originalProperty().get());
        assertThat(opened.paramsSha256()).isEqualTo(original.paramsSha256());
        assertThat(fx(() -> train.summaryProperty().get().warning())).isEmpty();

        Path broken = dir.resolve("broken.lethe");
        Files.writeString(broken, "not a model");
        fx(() -> train.open(broken));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> !failures.isEmpty()));
        assertThat(failures.get(0).title()).contains("broken.lethe");
        assertThat(failures.get(0).error()).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("broken.lethe");
        assertThat(fx(() -> workbench.originalProperty().get())).isSameAs(opened);
    }

    @Test
    void liveCurvesRedrawAtABoundedRate() throws Exception {
        int[] redrawsSeen = new int[1];
        ThrottledChart throttled = fx(() -> {
            ThrottledChart chart = new ThrottledChart(new org.lethe.viz.TrainingCurvesChart(10,
                    org.lethe.viz.ChartStyle.standard()).chart(), 2000);
            chart.chart().addChangeListener(e -> redrawsSeen[0]++);
            XYSeries loss = ((org.jfree.data.xy.XYSeriesCollection) ((org.jfree.chart.plot.XYPlot)
                    ((org.jfree.chart.plot.CombinedDomainXYPlot) chart.chart().getXYPlot()).getSubplots().get(0))
                    .getDataset()).getSeries(0);
            for (int i = 1; i <= 500; i++) {
                int step = i;
                chart.update(() -> loss.add(step, 1.0 / step));
            }
            assertThat(loss.getItemCount()).isEqualTo(500);
            return chart;
        });
        // one redraw at once, the other 499 changes folded into one more when the interval ends
        assertThat(throttled.redraws()).isEqualTo(1);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(throttled::redraws) == 2);
        Thread.sleep(500);
        assertThat(fx(throttled::redraws)).isEqualTo(2);
        assertThat(redrawsSeen[0]).isEqualTo(2);
    }

    @Test
    void aSlowRedrawStretchesTheIntervalBetweenRedraws() throws Exception {
        ThrottledChart throttled = fx(() -> {
            ThrottledChart chart = new ThrottledChart(new org.lethe.viz.TrainingCurvesChart(10,
                    org.lethe.viz.ChartStyle.standard()).chart(), 100);
            // a viewer that needs 60 ms per redraw (as a big chart in software rendering may)
            chart.chart().addChangeListener(e -> {
                long end = System.nanoTime() + 60_000_000L;
                while (System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
            });
            chart.update(() -> chart.chart().setTitle("one"));
            return chart;
        });
        assertThat(throttled.redraws()).isEqualTo(1);
        assertThat(throttled.intervalMillis()).isBetween(600L, ThrottledChart.MAX_INTERVAL_MILLIS);
        long stretched = throttled.intervalMillis();
        fx(() -> {
            throttled.update(() -> throttled.chart().setTitle("two"));
            return null;
        });
        Thread.sleep(300); // past the base interval of 100 ms, not past the stretched one
        assertThat(fx(throttled::redraws)).isEqualTo(1);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> fx(throttled::redraws) == 2);
        assertThat(stretched).isGreaterThanOrEqualTo(600);
    }
}
