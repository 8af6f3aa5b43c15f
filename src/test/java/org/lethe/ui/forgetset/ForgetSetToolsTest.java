package org.lethe.ui.forgetset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lethe.ui.FxTestSupport.fx;
import static org.lethe.ui.FxTestSupport.fxRun;
import static org.lethe.ui.FxTestSupport.waitUntil;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Spinner;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.controlsfx.control.GridView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.evaluation.Predictions;
import org.lethe.engine.job.QueuedJobRunner;
import org.lethe.engine.model.TrainedModel;
import org.lethe.engine.unlearning.UnlearningFixture;
import org.lethe.ui.FxTestSupport;
import org.lethe.ui.main.MainViewModel;
import org.lethe.ui.main.MainWindow;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The forget-set tools in the real main window on 1,200 MNIST digits: rubber band, hardest to
 * forget, sorting by the original model's confidence, index-list import and export.
 */
@ExtendWith(ApplicationExtension.class)
class ForgetSetToolsTest {

    private static final ImageDataset DATA = UnlearningFixture.DATA;

    @TempDir
    static Path userData;

    @TempDir
    Path files;

    private QueuedJobRunner jobs;
    private MainViewModel viewModel;

    @Start
    void start(Stage stage) {
        jobs = new QueuedJobRunner();
        viewModel = MainWindow.open(stage, FxTestSupport.services(jobs, userData), null);
        viewModel.browser().show(DATA);
    }

    @AfterEach
    void stop() {
        jobs.close();
    }

    private GridView<Integer> grid(FxRobot robot) {
        return robot.lookup("#thumbnailGrid").queryAs(GridView.class);
    }

    /** Waits until the grid shows cells; returns the cell at grid position {@code position}. */
    private IndexedCell<?> cellAt(FxRobot robot, int position) throws Exception {
        waitUntil(10, () -> visibleCell(robot, position) != null);
        return fx(() -> visibleCell(robot, position));
    }

    private static IndexedCell<?> visibleCell(FxRobot robot, int position) {
        return robot.lookup(".thumbnail-cell").queryAll().stream()
                .filter(n -> n instanceof IndexedCell<?> c && !c.isEmpty() && c.getIndex() == position && showing(n))
                .map(n -> (IndexedCell<?>) n).findFirst().orElse(null);
    }

    private static boolean showing(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private static Point2D centre(Node node) {
        Bounds b = node.localToScreen(node.getBoundsInLocal());
        return new Point2D(b.getCenterX(), b.getCenterY());
    }

    private int columns(FxRobot robot) throws Exception {
        GridView<Integer> grid = grid(robot);
        return fx(() -> ((impl.org.controlsfx.skin.GridViewSkin<?>) grid.getSkin()).computeMaxCellsInRow());
    }

    private void drag(FxRobot robot, int fromPosition, int toPosition, boolean ctrl) throws Exception {
        Point2D from = fx(() -> centre(cellAt(robot, fromPosition)));
        Point2D to = fx(() -> centre(cellAt(robot, toPosition)));
        if (ctrl) {
            robot.press(KeyCode.CONTROL);
        }
        robot.moveTo(from).press(MouseButton.PRIMARY).moveBy(3, 3).moveTo(to).release(MouseButton.PRIMARY);
        if (ctrl) {
            robot.release(KeyCode.CONTROL);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private int[] positionsToIndices(FxRobot robot, int... positions) throws Exception {
        List<Integer> items = fx(() -> List.copyOf(grid(robot).getItems()));
        return Arrays.stream(positions).map(items::get).sorted().toArray();
    }

    @Test
    void dragSelectsTheThumbnailsUnderTheBandAndCtrlAddsOrRemoves(FxRobot robot) throws Exception {
        ForgetSelection selection = viewModel.workbench().forgetSelection();
        cellAt(robot, 0);
        int cols = columns(robot);
        assertThat(cols).isGreaterThan(4);

        // plain drag: a 3 x 2 block of positions, nothing else
        drag(robot, 1, cols + 3, false);
        int[] block = positionsToIndices(robot, 1, 2, 3, cols + 1, cols + 2, cols + 3);
        assertThat(fx(selection::indices)).containsExactly(block);
        assertThat(fx(() -> cellAt(robot, 2).getStyleClass())).contains("forget-selected");
        assertThat(fx(() -> cellAt(robot, 0).getStyleClass())).doesNotContain("forget-selected");
        assertThat(robot.lookup("#forgetSummary").queryLabeled().getText()).startsWith("6 to forget:");

        // another plain drag replaces the selection (here: one column of two images); Ctrl+Z takes it back
        drag(robot, 2 * cols, 3 * cols, false);
        assertThat(fx(selection::indices)).containsExactly(positionsToIndices(robot, 2 * cols, 3 * cols));
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        assertThat(fx(selection::indices)).containsExactly(block);

        // ctrl-drag from an unselected image adds a second block
        drag(robot, 2 * cols, 3 * cols + 1, true);
        int[] added = positionsToIndices(robot, 1, 2, 3, cols + 1, cols + 2, cols + 3,
                2 * cols, 2 * cols + 1, 3 * cols, 3 * cols + 1);
        assertThat(fx(selection::indices)).containsExactly(added);

        // ctrl-drag starting on a selected image removes what the band covers
        drag(robot, cols + 2, cols + 3, true);
        assertThat(fx(selection::indices)).containsExactly(positionsToIndices(robot, 1, 2, 3, cols + 1,
                2 * cols, 2 * cols + 1, 3 * cols, 3 * cols + 1));
        // one undo per drag
        fxRun(selection::undo);
        assertThat(fx(selection::indices)).containsExactly(added);

        // a click (no drag) still selects just one image
        robot.clickOn(fx(() -> cellAt(robot, 5)));
        assertThat(fx(selection::indices)).containsExactly(positionsToIndices(robot, 5));
    }

    @Test
    void bandScrollsPastTheBottomEdgeAndScalesToTheWholeDataset(FxRobot robot) throws Exception {
        ForgetSelection selection = viewModel.workbench().forgetSelection();
        GridView<Integer> grid = grid(robot);
        cellAt(robot, 0);
        int cols = columns(robot);
        Point2D from = fx(() -> centre(cellAt(robot, 0)));
        Bounds gridOnScreen = fx(() -> grid.localToScreen(grid.getBoundsInLocal()));
        int onScreen = fx(() -> (int) robot.lookup(".thumbnail-cell").queryAll().stream()
                .filter(n -> showing(n) && n instanceof IndexedCell<?> c && !c.isEmpty()).count());
        robot.moveTo(from).press(MouseButton.PRIMARY).moveBy(3, 3)
                .moveTo(new Point2D(from.getX() + 2, gridOnScreen.getMaxY() + 40));
        Thread.sleep(2000);
        robot.release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        int count = fx(() -> selection.countProperty().get());
        System.out.printf("auto-scrolling band: %d rows selected, %d rows on screen%n", count, onScreen / cols);
        // the first column, over more rows than were ever on screen at once
        assertThat(count).isGreaterThan(onScreen / cols + 4);
        assertThat(fx(() -> visibleCell(robot, 0))).as("the grid scrolled down").isNull();
        List<Integer> items = fx(() -> List.copyOf(grid.getItems()));
        int[] expected = IntStream.range(0, count).map(r -> items.get(r * cols)).sorted().toArray();
        assertThat(fx(selection::indices)).containsExactly(expected);

        // on all 60,000 MNIST training images, one band update that covers every image costs little
        ImageDataset full = new ImageDataset("MNIST-60k", org.lethe.engine.data.DatasetFormat.IDX,
                DATA.classNames(), org.lethe.engine.model.MnistTestData.train(60_000),
                org.lethe.engine.model.MnistTestData.test(10));
        fxRun(() -> viewModel.browser().show(full));
        waitUntil(10, () -> grid.getItems().size() == 60_000);
        long[] nanos = new long[5];
        for (int round = 0; round < nanos.length; round++) {
            nanos[round] = fx(() -> {
                java.util.BitSet all = new java.util.BitSet();
                long start = System.nanoTime();
                selection.beginGesture();
                all.set(0, full.train().count());
                selection.preview(all);
                selection.preview(new java.util.BitSet());
                selection.preview(all);
                selection.endGesture();
                return (System.nanoTime() - start) / 3;
            });
            fxRun(selection::clear);
        }
        long best = Arrays.stream(nanos).min().orElseThrow();
        System.out.printf("band update over %,d images: %.2f ms (best of 5; first %.2f ms)%n",
                full.train().count(), best / 1e6, nanos[0] / 1e6);
        assertThat(best / 1e6).as("ms per band update on 60k images").isLessThan(100);
        fxRun(() -> selection.replaceWith(IntStream.range(0, 60_000).toArray()));
        assertThat(robot.lookup("#forgetSummary").queryLabeled().getText()).startsWith("60,000 to forget:");
    }

    /** The original model's probability of the true class, per training image. */
    private static double[] confidences(TrainedModel model) {
        int[] all = IntStream.range(0, DATA.train().count()).toArray();
        return Predictions.compute(model.network(), new IndexView(DATA.train(), all, "train")).trueClassProbability();
    }

    @Test
    void hardestToForgetPicksTheMostConfidentImagesOfTheFilter(FxRobot robot) throws Exception {
        Button hardest = robot.lookup("#hardestButton").queryButton();
        assertThat(hardest.isDisabled()).as("no model yet").isTrue();
        TrainedModel model = UnlearningFixture.original();
        fxRun(() -> viewModel.workbench().originalProperty().set(model));
        assertThat(hardest.isDisabled()).isFalse();

        robot.interact(() -> viewModel.browser().classFilterProperty().set(viewModel.browser().classFilters().get(4)));
        Spinner<Integer> count = robot.lookup("#hardestCount").queryAs(Spinner.class);
        robot.interact(() -> count.getValueFactory().setValue(7));
        robot.clickOn(hardest);
        ForgetSelection selection = viewModel.workbench().forgetSelection();
        waitUntil(30, () -> selection.countProperty().get() == 7);

        double[] confidence = confidences(model);
        int[] expected = IntStream.range(0, DATA.train().count()).filter(i -> DATA.train().label(i) == 3).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -confidence[i]).thenComparing(i -> i))
                .limit(7).mapToInt(Integer::intValue).sorted().toArray();
        assertThat(fx(selection::indices)).containsExactly(expected);
        double weakestPicked = Arrays.stream(expected).mapToDouble(i -> confidence[i]).min().orElseThrow();
        IntStream.range(0, DATA.train().count())
                .filter(i -> DATA.train().label(i) == 3 && Arrays.binarySearch(expected, i) < 0)
                .forEach(i -> assertThat(confidence[i]).isLessThanOrEqualTo(weakestPicked));
        fxRun(selection::undo);
        assertThat(fx(() -> selection.countProperty().get())).isZero();
    }

    @Test
    void sortingByConfidenceOrLossReordersTheGrid(FxRobot robot) throws Exception {
        ComboBox<GridSort> sort = robot.lookup("#sortChoice").queryComboBox();
        assertThat(sort.isDisabled()).isTrue();
        TrainedModel model = UnlearningFixture.original();
        fxRun(() -> viewModel.workbench().originalProperty().set(model));
        GridView<Integer> grid = grid(robot);
        List<Integer> indexOrder = fx(() -> List.copyOf(grid.getItems()));
        assertThat(indexOrder).isSorted();

        robot.interact(() -> sort.setValue(GridSort.CONFIDENCE_ASCENDING));
        double[] confidence = confidences(model);
        waitUntil(30, () -> !grid.getItems().equals(indexOrder));
        List<Integer> ascending = fx(() -> List.copyOf(grid.getItems()));
        assertThat(ascending).hasSize(DATA.train().count()).containsExactlyInAnyOrderElementsOf(indexOrder);
        for (int i = 1; i < ascending.size(); i++) {
            assertThat(confidence[ascending.get(i)]).isGreaterThanOrEqualTo(confidence[ascending.get(i - 1)]);
        }
        // the cells on screen follow: the first cell shows the least confident image
        waitUntil(10, () -> visibleCell(robot, 0) != null && ascending.get(0).equals(visibleCell(robot, 0).getItem()));

        robot.interact(() -> sort.setValue(GridSort.CONFIDENCE_DESCENDING));
        waitUntil(10, () -> !grid.getItems().equals(ascending));
        List<Integer> descending = fx(() -> List.copyOf(grid.getItems()));
        assertThat(confidence[descending.get(0)]).isGreaterThanOrEqualTo(confidence[descending.get(descending.size() - 1)]);
        robot.interact(() -> sort.setValue(GridSort.LOSS_DESCENDING));
        waitUntil(10, () -> !grid.getItems().equals(descending));
        List<Integer> byLoss = fx(() -> List.copyOf(grid.getItems()));
        double[] loss = Predictions.compute(model.network(), new IndexView(DATA.train(),
                IntStream.range(0, DATA.train().count()).toArray(), "train")).loss();
        for (int i = 1; i < byLoss.size(); i++) {
            assertThat(loss[byLoss.get(i)]).isLessThanOrEqualTo(loss[byLoss.get(i - 1)]);
        }
        assertThat(byLoss.get(0)).as("highest loss = lowest confidence").isEqualTo(ascending.get(0));

        // filter and order combine; index order comes back
        robot.interact(() -> viewModel.browser().classFilterProperty().set(viewModel.browser().classFilters().get(2)));
        List<Integer> ones = fx(() -> List.copyOf(grid.getItems()));
        assertThat(ones).allSatisfy(i -> assertThat(DATA.train().label(i)).isEqualTo(1));
        assertThat(ones).isNotEqualTo(ones.stream().sorted().toList());
        robot.interact(() -> sort.setValue(GridSort.INDEX));
        assertThat(fx(() -> List.copyOf(grid.getItems()))).isSorted();
    }

    @Test
    void exportThenImportRoundTripsAndABadFileNamesItsLine(FxRobot robot) throws Exception {
        ForgetSelection selection = viewModel.workbench().forgetSelection();
        ForgetSetViewModel tools = fx(() -> new ForgetSetViewModel(viewModel.workbench()));
        fxRun(() -> selection.selectRandom(0.05, 7));
        int[] picked = fx(selection::indices);
        assertThat(picked).hasSize(60);

        Path out = files.resolve("lists/forget.txt");
        fxRun(() -> tools.exportTo(out));
        waitUntil(10, () -> Files.exists(out) && tools.messageProperty().get().contains("60"));
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).startsWith("# Lethe forget set: 60 training images of MNIST-small");
        try (var listing = Files.list(out.getParent())) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("forget.txt");
        }

        fxRun(selection::clear);
        fxRun(() -> tools.importFrom(out));
        waitUntil(10, () -> selection.countProperty().get() == 60);
        assertThat(fx(selection::indices)).containsExactly(picked);
        assertThat(robot.lookup("#forgetSummary").queryLabeled().getText()).startsWith("60 to forget:");

        // comma-separated lists work too
        Path commas = Files.writeString(files.resolve("commas.txt"), "5, 9,11\n# note\n1000\n", StandardCharsets.UTF_8);
        fxRun(() -> tools.importFrom(commas));
        waitUntil(10, () -> selection.countProperty().get() == 4);
        assertThat(fx(selection::indices)).containsExactly(5, 9, 11, 1000);

        // a bad line: the error dialog names the file and the line; the selection stays
        Path bad = Files.writeString(files.resolve("bad.txt"), "1\n2\nthree\n", StandardCharsets.UTF_8);
        fxRun(() -> tools.importFrom(bad));
        waitUntil(10, () -> robot.lookup("#errorDialog").tryQuery().isPresent());
        DialogPane dialog = robot.lookup("#errorDialog").queryAs(DialogPane.class);
        assertThat(dialog.getContentText()).contains(bad.toString()).contains("line 3").contains("'three'");
        robot.clickOn(dialog.lookupButton(javafx.scene.control.ButtonType.OK));
        assertThat(fx(selection::indices)).containsExactly(5, 9, 11, 1000);

        Path outOfRange = Files.writeString(files.resolve("range.txt"), "1\n1200\n", StandardCharsets.UTF_8);
        fxRun(() -> tools.importFrom(outOfRange));
        waitUntil(10, () -> robot.lookup("#errorDialog").tryQuery().isPresent());
        assertThat(robot.lookup("#errorDialog").queryAs(DialogPane.class).getContentText())
                .contains("line 2").contains("1200 is out of range").contains("1200 samples");
    }
}
