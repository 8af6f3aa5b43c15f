package org.lethe.ui.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.job.QueuedJobRunner;
import org.lethe.engine.model.Architecture;
import org.lethe.engine.unlearning.UnlearningFixture;
import org.lethe.ui.common.UiServices;
import org.lethe.ui.dataset.TrainLimit;
import org.lethe.ui.main.MainViewModel;
import org.lethe.ui.main.MainWindow;
import org.lethe.ui.workbench.RunRecord;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Drives the real Train tab: pick a model, mistype a field, start, watch the curves and the summary. */
@ExtendWith(ApplicationExtension.class)
class TrainScreenTest {

    private QueuedJobRunner jobs;
    private MainViewModel viewModel;

    @BeforeAll
    static void loadData() {
        assertThat(UnlearningFixture.DATA.train().count()).isEqualTo(1_200); // read once, off the FX setup
    }

    @Start
    void start(Stage stage) {
        jobs = new QueuedJobRunner();
        viewModel = MainWindow.open(stage, new UiServices(jobs, DatasetCatalog.fromEnvironment()), null);
        viewModel.browser().show(UnlearningFixture.DATA);
        viewModel.browser().forgetSelection().selectClass(3);
    }

    @AfterEach
    void stop() {
        jobs.close();
    }

    private static <T> T fx(Callable<T> action) throws Exception {
        return WaitForAsyncUtils.asyncFx(action).get(10, TimeUnit.SECONDS);
    }

    private static void replaceText(FxRobot robot, String field, String text) {
        robot.doubleClickOn(field).press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL).write(text);
    }

    @Test
    void trainsLogregLiveAndShowsTheModel(FxRobot robot) throws Exception {
        robot.clickOn("2  Train");
        ComboBox<Architecture> architecture = robot.lookup("#architectureChoice").queryComboBox();
        assertThat(architecture.getValue()).isEqualTo(Architecture.LENET); // MNIST-like images: LeNet
        robot.clickOn(architecture);
        robot.clickOn(robot.lookup(".list-cell").match(n -> n instanceof ListCell<?> c && "logreg".equals(c.getText()))
                .queryAs(Node.class));
        assertThat(architecture.getValue()).isEqualTo(Architecture.LOGREG);
        assertThat(robot.lookup("#hiddenWidthsField").query().isDisabled()).isTrue();

        Button start = robot.lookup("#startTrainingButton").queryButton();
        replaceText(robot, "#batchSizeField", "0");
        assertThat(start.isDisabled()).isTrue();
        assertThat(robot.lookup("#trainProblemLabel").queryLabeled().getText())
                .isEqualTo("Batch size must be between 1 and 4096, was 0");
        assertThat(robot.lookup("#batchSizeField").query().getPseudoClassStates())
                .anyMatch(p -> p.getPseudoClassName().equals("invalid"));
        replaceText(robot, "#batchSizeField", "32");
        replaceText(robot, "#epochsField", "2");
        assertThat(start.isDisabled()).isFalse();
        assertThat(robot.lookup("#trainProblemLabel").query().isVisible()).isFalse();

        robot.clickOn(start);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> fx(() -> viewModel.workbench().originalProperty().get() != null));
        WaitForAsyncUtils.waitForFxEvents();

        ChartViewer chart = robot.lookup("#trainingChart").queryAs(ChartViewer.class);
        CombinedDomainXYPlot plot = (CombinedDomainXYPlot) chart.getChart().getPlot();
        XYDataset loss = ((XYPlot) plot.getSubplots().get(0)).getDataset();
        XYDataset accuracy = ((XYPlot) plot.getSubplots().get(1)).getDataset();
        // 1,200 images in batches of 32: 38 steps per epoch, a loss point every few steps
        assertThat(loss.getItemCount(0)).isGreaterThan(10);
        assertThat(loss.getXValue(0, loss.getItemCount(0) - 1)).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.1));
        assertThat(accuracy.getItemCount(0)).isEqualTo(2); // train accuracy after each epoch
        assertThat(accuracy.getItemCount(1)).isEqualTo(2); // test accuracy after each epoch
        assertThat(accuracy.getYValue(1, 1)).isBetween(50.0, 100.0);

        assertThat(robot.lookup("#summaryArchitecture").queryLabeled().getText()).isEqualTo("logreg");
        assertThat(robot.lookup("#summaryParameters").queryLabeled().getText()).isEqualTo("7,850");
        double testAccuracy = viewModel.workbench().originalProperty().get().provenance().history().get(1).testAccuracy();
        assertThat(robot.lookup("#summaryTestAccuracy").queryLabeled().getText())
                .isEqualTo(String.format(java.util.Locale.ROOT, "%.2f %%", 100 * testAccuracy));
        assertThat(robot.lookup("#summaryData").queryLabeled().getText()).isEqualTo("MNIST-small, 1,200 training images");
        assertThat(robot.lookup("#summaryRecipe").queryLabeled().getText())
                .isEqualTo("Adam, lr 0.001 (constant), batch 32, seed 7");
        assertThat(robot.lookup("#saveModelButton").queryButton().isDisabled()).isFalse();

        // Ctrl+T trains again with the same form
        robot.press(KeyCode.CONTROL).type(KeyCode.T).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> viewModel.workbench().history().size() == 2));
        assertThat(fx(() -> viewModel.workbench().history().stream().map(RunRecord::kind).toList()))
                .containsExactly(RunRecord.Kind.TRAIN, RunRecord.Kind.TRAIN);

        // fewer training images: a new dataset view, so the model and the forget set start over
        robot.clickOn("1  Data & forget set");
        robot.clickOn("#trainLimitChoice");
        robot.clickOn(robot.lookup(".list-cell").match(n -> n instanceof ListCell<?> c && "1,000".equals(c.getText()))
                .queryAs(Node.class));
        assertThat(fx(() -> viewModel.browser().trainLimitProperty().get())).isEqualTo(new TrainLimit(1_000));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> fx(() -> viewModel.workbench().datasetProperty().get().train().count() == 1_000));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> viewModel.browser().visibleIndices().size())).isEqualTo(1_000);
        assertThat(fx(() -> viewModel.browser().forgetSelection().countProperty().get())).isZero();
        assertThat(fx(() -> viewModel.workbench().originalProperty().get())).isNull();
        assertThat(robot.lookup("#noModelLabel").query().isVisible()).isTrue();
    }
}
