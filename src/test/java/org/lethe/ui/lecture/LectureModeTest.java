package org.lethe.ui.lecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lethe.ui.FxTestSupport.fx;
import static org.lethe.ui.FxTestSupport.fxRun;
import static org.lethe.ui.FxTestSupport.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.experiment.Comparison;
import org.lethe.engine.experiment.Scenario;
import org.lethe.engine.experiment.ScenarioFiles;
import org.lethe.engine.job.QueuedJobRunner;
import org.lethe.ui.common.Themes;
import org.lethe.ui.common.UiServices;
import org.lethe.ui.main.MainViewModel;
import org.lethe.ui.main.MainWindow;
import org.lethe.ui.workbench.Workbench;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Lecture mode in the real main window: themes, text scale, presenter view, screen shortcuts, a
 * scenario preset from the Scenarios menu, and the first-run demo on a tiny setting.
 */
@ExtendWith(ApplicationExtension.class)
class LectureModeTest {

    @TempDir
    static Path dir;
    private static Path sampleData;

    private QueuedJobRunner jobs;
    private MainViewModel viewModel;
    private Scene scene;

    /** A sample-data folder with the real MNIST and one tiny scenario preset. */
    @BeforeAll
    static void sampleData() throws Exception {
        sampleData = dir.resolve("sample-data");
        Files.createDirectories(sampleData.resolve("scenarios"));
        Files.createSymbolicLink(sampleData.resolve("mnist"), Path.of("sample-data/mnist").toAbsolutePath());
        Files.writeString(sampleData.resolve("scenarios/tiny.json"), """
                {"name": "tiny", "dataset": "mnist", "trainLimit": 500, "model": {"architecture": "logreg"},
                 "training": {"epochs": 1, "batchSize": 32, "optimizer": "adam", "lr": 0.01, "momentum": 0.9,
                              "weightDecay": 0},
                 "forget": "random:0.1", "seeds": [7],
                 "methods": [{"id": "ft", "label": "FT quick", "params": {"epochs": 1}}]}
                """);
        Files.writeString(sampleData.resolve("scenarios/tiny-study.json"), """
                {"kind": "amnesiac-memory", "name": "tiny study", "dataset": "mnist", "trainLimit": 300,
                 "seeds": [3], "settings": {"counts": [5], "model": "mlp", "hiddenWidths": [16], "epochs": 1,
                                            "batchSize": 32, "lr": 0.05}}
                """);
    }

    @Test
    void aStudyFromTheMenuRunsAsAJobAndWritesItsReport(FxRobot robot) throws Exception {
        MenuItem entry = item(robot, "scenario-tiny-study");
        assertThat(entry.getText()).contains("amnesiac-memory");
        fxRun(entry::fire);
        waitUntil(120, () -> viewModel.statusProperty().get().contains("report.html"));
        String status = fx(() -> viewModel.statusProperty().get());
        Path html = Path.of(status.substring(status.indexOf(": ") + 2).trim());
        assertThat(html.getFileName().toString()).isEqualTo("report.html");
        assertThat(html.getParent().getFileName().toString()).startsWith("tiny-study-");
        assertThat(Files.readString(html)).contains("per-sample amnesiac").contains("data:image/png;base64,");
        assertThat(Files.readString(html.resolveSibling("report.json"))).contains("\"kind\" : \"amnesiac-memory\"");
    }

    @Start
    void start(Stage stage) throws Exception {
        jobs = new QueuedJobRunner();
        UiServices services = new UiServices(jobs, new DatasetCatalog(sampleData,
                Files.createTempDirectory(dir, "user")));
        viewModel = MainWindow.open(stage, services, MainWindow.DEFAULT_DATASET);
        scene = stage.getScene();
    }

    @AfterEach
    void stop() {
        jobs.close();
    }

    private MenuItem item(FxRobot robot, String id) {
        MenuBar bar = robot.lookup(".menu-bar").queryAs(MenuBar.class);
        return bar.getMenus().stream().flatMap(LectureModeTest::items).filter(i -> id.equals(i.getId())).findFirst()
                .orElseThrow(() -> new AssertionError("no menu item " + id));
    }

    private static Stream<MenuItem> items(MenuItem item) {
        return item instanceof Menu m ? Stream.concat(Stream.of(item), m.getItems().stream()
                .flatMap(LectureModeTest::items)) : Stream.of(item);
    }

    private String selectedTab(FxRobot robot) throws Exception {
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        return fx(() -> tabs.getSelectionModel().getSelectedItem().getId());
    }

    @Test
    void themesScaleThePresenterViewAndShortcutsChangeTheScene(FxRobot robot) throws Exception {
        assertThat(scene.getStylesheets()).contains(Themes.themeSheet(Themes.LIGHT));
        fxRun(() -> item(robot, "theme-dark").fire());
        assertThat(scene.getStylesheets()).contains(Themes.themeSheet(Themes.DARK))
                .doesNotContain(Themes.themeSheet(Themes.LIGHT));
        assertThat(scene.getRoot().getStyleClass()).contains("theme-dark").doesNotContain("theme-light");
        assertThat(fx(() -> viewModel.workbench().display().themeProperty().get())).isEqualTo(Themes.DARK);

        fxRun(() -> item(robot, "theme-projector").fire());
        assertThat(scene.getStylesheets()).contains(Themes.themeSheet(Themes.PROJECTOR));
        Node label = robot.lookup("#statusLabel").query();
        waitUntil(5, () -> ((javafx.scene.control.Label) label).getFont().getSize() == 20);

        robot.press(KeyCode.CONTROL).type(KeyCode.EQUALS).release(KeyCode.CONTROL);
        assertThat(fx(() -> viewModel.workbench().display().uiScaleProperty().get())).isEqualTo(ViewMenu.STEP);
        assertThat(scene.getRoot().getStyle()).isEqualTo("-fx-font-size: 23.0px;");
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT0).release(KeyCode.CONTROL);
        assertThat(scene.getRoot().getStyle()).isEmpty();

        // presenter view: advanced controls disappear and the root is marked
        Node export = robot.lookup("#historyExportButton").query();
        assertThat(export.isVisible()).isTrue();
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.P).release(KeyCode.SHIFT, KeyCode.CONTROL);
        assertThat(fx(() -> viewModel.workbench().display().presenterProperty().get())).isTrue();
        assertThat(export.isVisible()).isFalse();
        assertThat(export.isManaged()).isFalse();
        assertThat(scene.getRoot().getStyleClass()).contains("presenter");
        Node openFolder = robot.lookup("#openFolderButton").query();
        assertThat(openFolder.isVisible()).isFalse();
        assertThat(openFolder.getStyleClass()).contains("button", "advanced");
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.P).release(KeyCode.SHIFT, KeyCode.CONTROL);
        assertThat(fx(() -> ((javafx.scene.control.CheckMenuItem) item(robot, "presenterItem")).isSelected())).isFalse();
        assertThat(export.isVisible()).isTrue();
        assertThat(scene.getRoot().getStyleClass()).doesNotContain("presenter");

        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT4).release(KeyCode.CONTROL);
        assertThat(selectedTab(robot)).isEqualTo("compareTab");
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT2).release(KeyCode.CONTROL);
        assertThat(selectedTab(robot)).isEqualTo("trainTab");
        fxRun(() -> item(robot, "goto-data").fire());
        assertThat(selectedTab(robot)).isEqualTo("dataTab");
    }

    @Test
    void theDemoTrainsForgetsClassThreeAndLandsOnTheDashboard(FxRobot robot) throws Exception {
        Workbench wb = viewModel.workbench();
        waitUntil(90, () -> wb.datasetProperty().get() != null);
        WelcomeBanner banner = robot.lookup("#welcomeBanner").queryAs(WelcomeBanner.class);
        waitUntil(5, banner::isVisible);
        Node start = robot.lookup("#startDemoButton").query();
        assertThat(start.isVisible()).isTrue();
        assertThat(fx(() -> banner.planProperty().get())).isEqualTo(DemoPlans.standard());
        fxRun(() -> banner.planProperty().set(DemoPlans.plan(600, "logreg", 1, List.of("ft", "ga", "amun"))));

        robot.clickOn(start);
        waitUntil(300, () -> !viewModel.presets().runningProperty().get() && wb.comparisonProperty().get() != null
                && wb.comparisonProperty().get().rows().size() == 5);
        assertThat(selectedTab(robot)).isEqualTo("compareTab");
        ImageDataset data = fx(() -> wb.datasetProperty().get());
        assertThat(data.train().count()).isEqualTo(600);
        int[] forget = fx(() -> wb.forgetSelection().indices());
        assertThat(forget).isNotEmpty();
        assertThat(java.util.Arrays.stream(forget).map(i -> data.train().label(i)).distinct().toArray())
                .containsExactly(3);
        assertThat(forget).hasSize(data.train().countsPerClass(10)[3]);
        Comparison c = fx(() -> wb.comparisonProperty().get());
        assertThat(c.rows()).extracting(Comparison.Row::methodId).containsExactly("original", "retrain", "ft", "ga",
                "amun");
        assertThat(c.retrained().orElseThrow().evaluated().metrics().forgetAccuracy()).isZero();
        assertThat(fx(() -> wb.history().size())).isEqualTo(5);
        assertThat(robot.lookup(".welcome-title").queryLabeled().getText()).isEqualTo("Demo finished");
        assertThat(robot.lookup(".welcome-text").queryLabeled().getText()).contains("done in");
        assertThat(start.isVisible()).isFalse();
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT1).release(KeyCode.CONTROL);
        robot.clickOn("#dismissBannerButton");
        assertThat(banner.isVisible()).isFalse();
    }

    @Test
    void aScenarioFromTheMenuLoadsItsSettingsAndQueuesItsMethods(FxRobot robot) throws Exception {
        Workbench wb = viewModel.workbench();
        waitUntil(90, () -> wb.datasetProperty().get() != null);
        Scenario tiny = ScenarioFiles.read(sampleData.resolve("scenarios/tiny.json"));
        Optional<MenuItem> entry = Optional.of(item(robot, "scenario-tiny"));
        assertThat(entry.get().getText()).startsWith("tiny  (mnist, logreg, random:0.1, 2 methods)");
        assertThat(item(robot, "demoItem")).isNotNull();
        fxRun(() -> entry.get().fire());
        waitUntil(300, () -> !viewModel.presets().runningProperty().get() && wb.history().size() == 3);
        assertThat(selectedTab(robot)).isEqualTo("compareTab");
        ImageDataset data = fx(() -> wb.datasetProperty().get());
        assertThat(data.train().count()).isEqualTo(500);
        assertThat(fx(() -> wb.browser().originProperty().get().trainLimit())).isEqualTo(500);
        PresetPlan plan = PresetPlan.of(tiny);
        assertThat(fx(() -> wb.forgetSelection().indices())).containsExactly(
                java.util.Arrays.stream(plan.forgetIndices(data)).sorted().toArray());
        assertThat(fx(() -> wb.originalProperty().get().spec())).isEqualTo(plan.spec(data));
        assertThat(fx(() -> wb.originalProperty().get().provenance().training())).isEqualTo(plan.training());
        assertThat(fx(() -> wb.comparisonProperty().get().rows())).extracting(Comparison.Row::label)
                .containsExactly("Original", "Retrain", "FT quick");
        assertThat(fx(() -> wb.history().get(2).paramsJson())).contains("\"epochs\":1").contains("\"seed\":7");
    }
}
