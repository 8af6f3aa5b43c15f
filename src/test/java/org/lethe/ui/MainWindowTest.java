package org.lethe.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import org.controlsfx.control.GridView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.job.QueuedJobRunner;
import org.lethe.ui.common.UiServices;
import org.lethe.ui.dataset.ClassFilter;
import org.lethe.ui.main.MainViewModel;
import org.lethe.ui.main.MainWindow;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Drives the real main window (headless under Monocle in CI) on the bundled MNIST. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

    private QueuedJobRunner jobs;
    private MainViewModel viewModel;

    @Start
    void start(Stage stage) {
        jobs = new QueuedJobRunner();
        viewModel = MainWindow.open(stage, new UiServices(jobs, DatasetCatalog.fromEnvironment()), MainWindow.DEFAULT_DATASET);
    }

    @AfterEach
    void stop() {
        jobs.close();
    }

    private ImageDataset awaitDataset(String name) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> {
            ImageDataset d = viewModel.browser().datasetProperty().get();
            return d != null && d.name().equals(name);
        }).get());
        WaitForAsyncUtils.waitForFxEvents();
        return viewModel.browser().datasetProperty().get();
    }

    @Test
    void opensOnSampleMnistAndFiltersToClassThree(FxRobot robot) throws Exception {
        ImageDataset mnist = awaitDataset("MNIST");
        GridView<Integer> grid = robot.lookup("#thumbnailGrid").queryAs(GridView.class);
        assertThat(grid.getItems()).hasSize(60_000);

        robot.clickOn("#classFilter");
        robot.clickOn(robot.lookup(".list-cell").match(node -> node instanceof javafx.scene.control.ListCell<?> c
                && "3".equals(c.getText())).queryAs(Node.class));
        WaitForAsyncUtils.waitForFxEvents();

        ComboBox<ClassFilter> filter = robot.lookup("#classFilter").queryComboBox();
        assertThat(filter.getValue().label()).isEqualTo(3);
        int threes = mnist.train().countsPerClass(10)[3];
        assertThat(threes).isEqualTo(6131);
        assertThat(grid.getItems()).hasSize(threes)
                .allSatisfy(index -> assertThat(mnist.train().label(index)).isEqualTo(3));

        // the grid re-lays out its cells on the next pulse: wait until the cells on screen show only 3s
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> WaitForAsyncUtils.asyncFx(() -> shownLabels(robot)).get().equals(Set.of(3)));
        assertThat(WaitForAsyncUtils.asyncFx(() -> shownLabels(robot)).get()).containsExactly(3);
        assertThat(robot.lookup("#countLabel").queryLabeled().getText()).isEqualTo("6,131 images");
    }

    @Test
    void picksTheForgetSetByClickingWithUndoAndRedo(FxRobot robot) throws Exception {
        ImageDataset mnist = awaitDataset("MNIST");
        var selection = viewModel.browser().forgetSelection();
        List<Node> cells = robot.lookup(".thumbnail-cell").queryAll().stream()
                .filter(MainWindowTest::showing).filter(n -> n.getUserData() != null).toList();
        robot.clickOn(cells.get(0));
        assertThat(selection.countProperty().get()).isEqualTo(1);
        robot.press(javafx.scene.input.KeyCode.CONTROL).clickOn(cells.get(1)).release(javafx.scene.input.KeyCode.CONTROL);
        assertThat(selection.countProperty().get()).isEqualTo(2);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(cells.get(0).getStyleClass()).contains("forget-selected");
        assertThat(robot.lookup("#forgetSummary").queryLabeled().getText()).startsWith("2 to forget:");

        robot.interact(() -> viewModel.browser().classFilterProperty().set(
                viewModel.browser().classFilters().get(4)));
        robot.clickOn("#selectClassButton");
        int threes = mnist.train().countsPerClass(10)[3];
        int expected = threes + (int) java.util.Arrays.stream(selection.indices())
                .filter(i -> mnist.train().label(i) != 3).count();
        assertThat(selection.countProperty().get()).isEqualTo(expected);
        robot.press(javafx.scene.input.KeyCode.CONTROL).type(javafx.scene.input.KeyCode.Z)
                .release(javafx.scene.input.KeyCode.CONTROL);
        assertThat(selection.countProperty().get()).isEqualTo(2);
        robot.clickOn("#redoButton");
        assertThat(selection.countProperty().get()).isEqualTo(expected);
        robot.clickOn("#randomButton");
        assertThat(selection.countProperty().get()).isEqualTo(6_000);
        robot.clickOn("#clearButton");
        assertThat(selection.countProperty().get()).isZero();
        assertThat(robot.lookup("#forgetSummary").queryLabeled().getText()).isEqualTo("Nothing selected to forget");
    }

    /** The class labels of the thumbnail cells currently on screen. */
    private static Set<Object> shownLabels(FxRobot robot) {
        return robot.lookup(".thumbnail-cell").queryAll().stream()
                .filter(MainWindowTest::showing)
                .map(Node::getUserData)
                .filter(java.util.Objects::nonNull)
                .collect(Collectors.toSet());
    }

    /** Whether a node and all its ancestors are visible (recycled grid cells are hidden, not removed). */
    private static boolean showing(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    @Test
    void aBadDatasetShowsTheErrorDialogAndTheWorkbenchKeepsWorking(FxRobot robot) throws Exception {
        awaitDataset("MNIST");
        robot.interact(() -> viewModel.browser().load("/nonexistent/lethe-dataset"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> robot.lookup("#errorDialog").tryQuery().isPresent());
        DialogPane dialog = robot.lookup("#errorDialog").queryAs(DialogPane.class);
        assertThat(dialog.getContentText()).contains("/nonexistent/lethe-dataset");
        robot.clickOn(dialog.lookupButton(javafx.scene.control.ButtonType.OK));

        robot.interact(() -> viewModel.browser().load("cifar10"));
        ImageDataset cifar = awaitDataset("CIFAR-10");
        assertThat(cifar.train().count()).isEqualTo(5_000);
        GridView<Integer> grid = robot.lookup("#thumbnailGrid").queryAs(GridView.class);
        assertThat(grid.getItems()).hasSize(5_000);
    }
}
