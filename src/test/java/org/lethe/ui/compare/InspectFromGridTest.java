package org.lethe.ui.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.controlsfx.control.GridCell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.evaluation.EvaluatedModel;
import org.lethe.engine.evaluation.Predictions;
import org.lethe.engine.experiment.Comparison;
import org.lethe.engine.experiment.ComparisonFixture;
import org.lethe.engine.job.QueuedJobRunner;
import org.lethe.engine.model.Network;
import org.lethe.engine.unlearning.UnlearningFixture;
import org.lethe.ui.common.UiServices;
import org.lethe.ui.forgetset.ForgetSelection;
import org.lethe.ui.main.MainViewModel;
import org.lethe.ui.main.MainWindow;
import org.lethe.ui.workbench.Workbench;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Opening the inspector from the Data tab's grid of the real main window. */
@ExtendWith(ApplicationExtension.class)
class InspectFromGridTest {

    private QueuedJobRunner jobs;
    private MainViewModel viewModel;

    @Start
    void start(Stage stage) {
        jobs = new QueuedJobRunner();
        viewModel = MainWindow.open(stage, new UiServices(jobs, DatasetCatalog.fromEnvironment()), null);
        viewModel.browser().show(UnlearningFixture.DATA);
    }

    @AfterEach
    void stop() {
        jobs.close();
    }

    private static <T> T fx(Callable<T> action) throws Exception {
        return WaitForAsyncUtils.asyncFx(action).get(30, TimeUnit.SECONDS);
    }

    @Test
    void doubleClickInspectsAnImageTheComparisonNeverEvaluatedAndKeepsTheForgetSet(FxRobot robot) throws Exception {
        Comparison full = ComparisonFixture.full();
        Workbench workbench = viewModel.workbench();
        ForgetSelection selection = workbench.forgetSelection();
        fx(() -> {
            workbench.originalProperty().set(UnlearningFixture.original());
            selection.selectClass(3);
            workbench.comparisonProperty().set(full);
            return null;
        });
        int[] forget = fx(selection::indices);
        assertThat(forget).isEqualTo(full.splits().forget().toArray());
        Set<Integer> evaluated = Arrays.stream(full.original().retain().indices()).boxed().collect(Collectors.toSet());
        Arrays.stream(forget).forEach(evaluated::add);

        // a kept image outside the 400-image retain sample: every model needs a forward pass
        GridCell<?> cell = visibleCells(robot).stream().filter(c -> !evaluated.contains((Integer) c.getItem()))
                .findFirst().orElseThrow();
        int index = (Integer) cell.getItem();
        doubleClick(robot, cell);
        CompareViewTest.awaitInspection(robot, 3);

        assertThat(fx(selection::indices)).isEqualTo(forget);
        assertThat(fx(() -> workbench.comparisonProperty().get())).isSameAs(full);
        assertThat(robot.lookup(".inspector-title").queryLabeled().getText()).isEqualTo("Training image #" + index);
        assertThat(robot.lookup(".inspector-label").queryLabeled().getText())
                .isEqualTo("True label: " + UnlearningFixture.DATA.train().label(index));
        assertThat(robot.lookup(".inspector-membership").queryLabeled().getText())
                .isEqualTo("Not in the forget set (kept)");
        Map<String, Network> networks = Map.of("Original", UnlearningFixture.original().network(),
                "Retrain", full.retrained().orElseThrow().result().model().network(),
                "FT", full.unlearned().get(0).result().model().network());
        for (EvaluatedModel model : full.models()) {
            Predictions p = Predictions.compute(networks.get(model.name()),
                    new IndexView(UnlearningFixture.DATA.train(), new int[] {index}, "check"));
            float[] shown = CompareViewTest.bars(robot, model.name());
            for (int k = 0; k < 10; k++) {
                assertThat(shown[k]).as(model.name() + " class " + k).isEqualTo(p.probability(0, k));
            }
            Label facts = (Label) CompareViewTest.block(robot, model.name()).lookup(".opinion-facts");
            assertThat(facts.getText()).contains(String.format(java.util.Locale.ROOT, "loss %.3f", p.loss()[0]))
                    .endsWith("computed now");
        }

        // "Inspect" from a forget-set image's context menu: the comparison's own predictions
        GridCell<?> threeCell = visibleCells(robot).stream().filter(c -> UnlearningFixture.DATA.train()
                .label((Integer) c.getItem()) == 3).findFirst().orElseThrow();
        int three = (Integer) threeCell.getItem();
        fx(() -> {
            javafx.stage.Window.getWindows().stream().filter(w -> w instanceof Stage st
                    && st.getTitle().contains("inspector")).toList().forEach(javafx.stage.Window::hide);
            return null;
        });
        robot.rightClickOn(threeCell);
        assertThat(fx(selection::indices)).isEqualTo(forget);
        // Monocle does not turn a right click into a context-menu request (GTK does): ask as glass would
        fx(() -> {
            if (!threeCell.getContextMenu().isShowing()) {
                javafx.geometry.Point2D at = threeCell.localToScreen(20, 20);
                javafx.event.Event.fireEvent(threeCell, new javafx.scene.input.ContextMenuEvent(
                        javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED, 20, 20, at.getX(), at.getY(),
                        false, null));
            }
            return null;
        });
        robot.clickOn("Inspect");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> robot.lookup(".inspector-title")
                .queryLabeled().getText().equals("Training image #" + three)));
        CompareViewTest.awaitInspection(robot, 3);
        assertThat(robot.lookup(".inspector-membership").queryLabeled().getText()).isEqualTo("In the forget set");
        int row = Arrays.binarySearch(full.original().forget().indices(), three);
        for (EvaluatedModel model : full.models()) {
            float[] shown = CompareViewTest.bars(robot, model.name());
            for (int k = 0; k < 10; k++) {
                assertThat(shown[k]).isEqualTo(model.forget().probability(row, k));
            }
        }
        assertThat(fx(selection::indices)).isEqualTo(forget);
    }

    /**
     * A real double-click: TestFX's {@code doubleClickOn} waits for the FX thread between its
     * clicks, which on a loaded machine can outlast the 500 ms double-click time, so the four
     * button events are queued back to back instead.
     */
    private static void doubleClick(FxRobot robot, Node node) {
        robot.moveTo(node);
        var base = robot.robotContext().getBaseRobot();
        base.pressMouse(javafx.scene.input.MouseButton.PRIMARY);
        base.releaseMouse(javafx.scene.input.MouseButton.PRIMARY);
        base.pressMouse(javafx.scene.input.MouseButton.PRIMARY);
        base.releaseMouse(javafx.scene.input.MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The grid cells wholly on screen that show an image, by index. */
    private static List<GridCell<?>> visibleCells(FxRobot robot) {
        Node grid = robot.lookup("#thumbnailGrid").query();
        javafx.geometry.Bounds view = grid.localToScene(grid.getLayoutBounds());
        return robot.lookup(".thumbnail-cell").queryAll().stream()
                .filter(InspectFromGridTest::showing).filter(n -> n.getUserData() != null)
                .filter(n -> view.contains(n.localToScene(n.getLayoutBounds())))
                .<GridCell<?>>map(n -> (GridCell<?>) n)
                .sorted(java.util.Comparator.comparingInt(c -> (Integer) c.getItem())).toList();
    }

    private static boolean showing(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }
}
