package org.lethe.ui;

import static org.assertj.core.api.Assertions.assertThat;

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
