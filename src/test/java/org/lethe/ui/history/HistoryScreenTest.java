package org.lethe.ui.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lethe.ui.FxTestSupport.fx;
import static org.lethe.ui.FxTestSupport.fxRun;
import static org.lethe.ui.FxTestSupport.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.engine.experiment.Comparison;
import org.lethe.engine.job.QueuedJobRunner;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.TrainingConfig;
import org.lethe.engine.session.SessionTestData;
import org.lethe.engine.unlearning.MethodDescriptor;
import org.lethe.engine.unlearning.MethodRegistry;
import org.lethe.engine.unlearning.UnlearningFixture;
import org.lethe.ui.FxTestSupport;
import org.lethe.ui.main.MainViewModel;
import org.lethe.ui.main.MainWindow;
import org.lethe.ui.workbench.RunRecord;
import org.lethe.ui.workbench.Workbench;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The history tab of the real main window: table, parameters, re-run, delete, CSV. */
@ExtendWith(ApplicationExtension.class)
class HistoryScreenTest {

    @TempDir
    static Path dir;
    private static Path dataFolder;

    private QueuedJobRunner jobs;
    private MainViewModel viewModel;

    @BeforeAll
    static void writeData() throws Exception {
        dataFolder = SessionTestData.writeIdx(UnlearningFixture.DATA, dir.resolve("tiny-mnist"));
    }

    @Start
    void start(Stage stage) throws Exception {
        jobs = new QueuedJobRunner();
        viewModel = MainWindow.open(stage, FxTestSupport.services(jobs, Files.createTempDirectory(dir, "user")),
                dataFolder.toString());
    }

    @AfterEach
    void stop() {
        jobs.close();
    }

    @Test
    void showsEveryRunAndReRunsDeletesAndExportsThem(FxRobot robot) throws Exception {
        Workbench wb = viewModel.workbench();
        waitUntil(60, () -> wb.datasetProperty().get() != null);
        fxRun(() -> {
            wb.forgetSelection().selectClass(3);
            wb.train(ModelSpec.logreg(wb.datasetProperty().get().shape(), 10), TrainingConfig.adam(1, 32, 1e-2, 1),
                    points -> { });
        });
        waitUntil(60, () -> wb.originalProperty().get() != null);
        fxRun(() -> {
            MethodDescriptor<?> retrain = wb.methods().byId("retrain");
            MethodDescriptor<?> ft = wb.methods().byId("ft");
            wb.unlearn(retrain, retrain.defaults(), "Retrain");
            wb.unlearn(ft, MethodRegistry.params(ft, Map.of("epochs", "1", "lr", "0.02")), "FT");
        });
        waitUntil(120, () -> wb.history().size() == 3);

        // Ctrl+5 brings the history to the front
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT5).release(KeyCode.CONTROL);
        waitUntil(5, () -> robot.lookup("#historyTable").tryQuery().map(Node::isVisible).orElse(false));
        TableView<RunRecord> table = robot.lookup("#historyTable").queryTableView();
        assertThat(table.getItems()).extracting(RunRecord::label).containsExactly("Original", "Retrain", "FT");
        assertThat(robot.lookup("#historyCountLabel").queryLabeled().getText()).isEqualTo("3 runs");

        // sorting by label (click the header) reorders the rows, the history itself stays in time order
        robot.clickOn(robot.lookup(".column-header").match(n -> "labelColumn".equals(n.getId())).queryAs(Node.class));
        assertThat(table.getItems()).extracting(RunRecord::label).containsExactly("FT", "Original", "Retrain");
        assertThat(fx(() -> List.copyOf(wb.history()))).extracting(RunRecord::label)
                .containsExactly("Original", "Retrain", "FT");

        // selecting a run shows its parameters
        robot.clickOn(robot.lookup(".table-cell").match(n -> n instanceof javafx.scene.control.TableCell<?, ?> c
                && "FT".equals(c.getText())).queryAs(Node.class));
        TextArea params = robot.lookup("#historyParams").queryAs(TextArea.class);
        assertThat(params.getText()).startsWith("FT (ft, seed 0").contains("\"lr\" : 0.02").contains("\"epochs\" : 1");

        // re-run: the same parameters again under the same label, replacing the row in the comparison
        RunRecord first = fx(() -> wb.history().get(2));
        robot.clickOn("#historyRerunButton");
        waitUntil(120, () -> wb.history().size() == 4);
        RunRecord second = fx(() -> wb.history().get(3));
        assertThat(second.label()).isEqualTo("FT");
        assertThat(second.paramsJson()).isEqualTo(first.paramsJson());
        assertThat(second.metrics().forgetAccuracy()).isEqualTo(first.metrics().forgetAccuracy());
        assertThat(fx(() -> wb.comparisonProperty().get().rows())).extracting(Comparison.Row::label)
                .containsExactly("Original", "Retrain", "FT");

        // deleting the older FT keeps the comparison's FT (it belongs to the newer run)
        fxRun(() -> table.getSelectionModel().select(first));
        robot.clickOn("#historyDeleteButton");
        assertThat(fx(() -> List.copyOf(wb.history()))).doesNotContain(first).contains(second);
        assertThat(fx(() -> wb.comparisonProperty().get().rows())).hasSize(3);
        // deleting the newer one takes FT out of the comparison too
        fxRun(() -> table.getSelectionModel().select(second));
        robot.clickOn("#historyDeleteButton");
        assertThat(fx(() -> List.copyOf(wb.history()))).extracting(RunRecord::label)
                .containsExactly("Original", "Retrain");
        assertThat(fx(() -> wb.comparisonProperty().get().rows())).extracting(Comparison.Row::label)
                .containsExactly("Original", "Retrain");
        assertThat(robot.lookup("#historyCountLabel").queryLabeled().getText()).isEqualTo("2 runs");

        // CSV export: one header and one line per run, in table order
        Path csv = dir.resolve("history.csv");
        HistoryCsv.write(fx(() -> List.copyOf(table.getItems())), csv);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("finished,kind,label,method,seed,seconds");
        assertThat(lines.get(1)).contains(",TRAIN,Original,logreg,");
        assertThat(lines.get(2)).contains(",UNLEARN,Retrain,retrain,");
        assertThat(lines.get(2).split(",", -1)[8]).isEqualTo(String.valueOf(
                new java.math.BigDecimal(fx(() -> wb.history().get(1)).metrics().forgetAccuracy())
                        .round(new java.math.MathContext(7)).stripTrailingZeros().toPlainString()));
    }

    @Test
    void reRunningWithoutAnOriginalExplainsWhy() throws Exception {
        Workbench wb = viewModel.workbench();
        waitUntil(60, () -> wb.datasetProperty().get() != null);
        RunRecord orphan = new RunRecord(java.time.Instant.now(), RunRecord.Kind.UNLEARN, "GA", "ga", "{}", 0, 1,
                "x", 5, null);
        HistoryViewModel history = fx(() -> new HistoryViewModel(wb));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fx(() -> history.rerun(orphan)))
                .hasRootCauseInstanceOf(org.lethe.engine.LetheException.class)
                .hasStackTraceContaining("there is no original model");
    }

    @Test
    void csvQuotesCellsWithCommasAndQuotes() {
        assertThat(HistoryCsv.quote("plain")).isEqualTo("plain");
        assertThat(HistoryCsv.quote("{\"a\":1,\"b\":2}")).isEqualTo("\"{\"\"a\"\":1,\"\"b\"\":2}\"");
    }
}
