package org.lethe.ui.unlearn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.experiment.Comparison;
import org.lethe.engine.job.QueuedJobRunner;
import org.lethe.engine.unlearning.UnlearningFixture;
import org.lethe.ui.common.UiServices;
import org.lethe.ui.main.MainViewModel;
import org.lethe.ui.main.MainWindow;
import org.lethe.ui.workbench.RunRecord;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Drives the real Unlearn tab: check methods, see a bad parameter block the queue, queue, compare. */
@ExtendWith(ApplicationExtension.class)
class UnlearnScreenTest {

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
    }

    @AfterEach
    void stop() {
        jobs.close();
    }

    private static <T> T fx(Callable<T> action) throws Exception {
        return WaitForAsyncUtils.asyncFx(action).get(10, TimeUnit.SECONDS);
    }

    private static Node methodCell(FxRobot robot, String name) {
        return robot.lookup(".list-cell").match(n -> n instanceof ListCell<?> c && name.equals(c.getText()))
                .queryAs(Node.class);
    }

    private static void check(FxRobot robot, String name) {
        robot.clickOn(methodCell(robot, name).lookup(".check-box"));
    }

    private static void replaceText(FxRobot robot, String field, String text) {
        robot.doubleClickOn(field).press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL).write(text);
    }

    private int unlearnRuns(String methodId) throws Exception {
        return fx(() -> (int) viewModel.workbench().history().stream()
                .filter(r -> r.kind() == RunRecord.Kind.UNLEARN && r.methodId().equals(methodId)).count());
    }

    @Test
    void queuesRetrainAndTheCheckedMethodsOnlyWithValidParameters(FxRobot robot) throws Exception {
        robot.clickOn("3  Unlearn");
        Button queue = robot.lookup("#queueButton").queryButton();
        assertThat(robot.lookup("#unlearnWarning").queryLabeled().getText())
                .contains("No original model").contains("The forget set is empty");
        check(robot, "Fine-tune (FT)");
        check(robot, "Gradient ascent (GA)");
        assertThat(queue.isDisabled()).isTrue();

        var original = UnlearningFixture.original();
        robot.interact(() -> {
            viewModel.browser().forgetSelection().selectClass(3);
            viewModel.workbench().originalProperty().set(original);
        });
        int threes = UnlearningFixture.DATA.train().countsPerClass(10)[3];
        assertThat(robot.lookup("#unlearnWarning").query().isVisible()).isFalse();
        assertThat(robot.lookup("#unlearnForgetSummary").queryLabeled().getText())
                .startsWith(threes + " images to forget (");
        assertThat(robot.lookup("#unlearnForgetPerClass").queryLabeled().getText()).isEqualTo("3\u00a0\u00d7\u00a0" + threes);
        assertThat(queue.isDisabled()).isFalse();
        assertThat(robot.lookup("#queuePlan").queryLabeled().getText())
                .isEqualTo("Queue: Retrain, Fine-tune (FT), Gradient ascent (GA)");

        // FT's form: description and defaults from the registry; an out-of-range rate blocks the queue
        robot.clickOn(methodCell(robot, "Fine-tune (FT)"));
        assertThat(robot.lookup("#methodTitle").queryLabeled().getText()).startsWith("Fine-tune (FT)");
        assertThat(robot.lookup("#methodDescription").queryLabeled().getText()).contains("retain set");
        assertThat(robot.lookup("#param-lr").queryTextInputControl().getText()).isEqualTo("0.01");
        replaceText(robot, "#param-lr", "5");
        assertThat(queue.isDisabled()).isTrue();
        assertThat(robot.lookup("#methodError").queryLabeled().getText()).contains("lr").contains("was 5");
        assertThat(robot.lookup("#queueProblem").queryLabeled().getText()).startsWith("Fine-tune (FT): ft: lr");
        assertThat(robot.lookup("#param-lr").query().getPseudoClassStates())
                .anyMatch(p -> p.getPseudoClassName().equals("invalid"));
        robot.press(KeyCode.CONTROL).type(KeyCode.U).release(KeyCode.CONTROL); // blocked: queues nothing
        assertThat(fx(() -> viewModel.jobs().activeJobs().size())).isZero();

        replaceText(robot, "#param-lr", "0.02");
        assertThat(queue.isDisabled()).isFalse();
        robot.clickOn(queue);
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> fx(() -> viewModel.workbench().history().size() == 3));
        Comparison c = fx(() -> viewModel.workbench().comparisonProperty().get());
        assertThat(c.rows()).extracting(Comparison.Row::methodId).containsExactly("original", "retrain", "ft", "ga");
        assertThat(c.rows()).extracting(Comparison.Row::label)
                .containsExactly("Original", "Retrain", "Fine-tune (FT)", "Gradient ascent (GA)");
        assertThat(fx(() -> viewModel.workbench().history().get(1).paramsJson())).contains("\"lr\":0.02");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#comparedLabel").queryLabeled().getText()).contains("Retrain").contains("Fine-tune (FT)");

        // with Retrain in the comparison, Ctrl+U queues only the checked methods
        robot.clickOn("#checkNoneButton");
        check(robot, "Random labels (RL)");
        assertThat(robot.lookup("#queuePlan").queryLabeled().getText()).isEqualTo("Queue: Random labels (RL)");
        robot.press(KeyCode.CONTROL).type(KeyCode.U).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> unlearnRuns("rl") == 1);
        assertThat(unlearnRuns("retrain")).isEqualTo(1);
        assertThat(fx(() -> viewModel.workbench().comparisonProperty().get().rows()))
                .extracting(Comparison.Row::methodId).containsExactly("original", "retrain", "ft", "ga", "rl");
    }

    @Test
    void everyRegisteredMethodHasAFormWithItsDefaults(FxRobot robot) throws Exception {
        robot.clickOn("3  Unlearn");
        var methods = viewModel.workbench().methods().all();
        assertThat(robot.lookup("#methodList").queryListView().getItems()).hasSize(methods.size());
        for (var m : methods) {
            robot.interact(() -> robot.lookup("#methodList").queryListView().scrollTo(methods.indexOf(m)));
            robot.clickOn(methodCell(robot, m.displayName()));
            assertThat(robot.lookup("#methodDescription").queryLabeled().getText()).isEqualTo(m.description());
            for (var p : m.params()) {
                Node editor = robot.lookup("#param-" + p.name()).query();
                if (editor instanceof CheckBox box) {
                    assertThat(box.isSelected()).isEqualTo(p.defaultValue());
                } else if (editor instanceof TextField text) {
                    assertThat(Double.parseDouble(text.getText())).isEqualTo(((Number) p.defaultValue()).doubleValue());
                } else {
                    assertThat(((ComboBox<?>) editor).getValue()).isEqualTo(((Enum<?>) p.defaultValue()).name());
                }
            }
            assertThat(robot.lookup("#methodError").queryLabeled().getText()).isNullOrEmpty();
        }
        // the training-time methods are listed with the command that runs them
        for (var m : org.lethe.engine.unlearning.MethodRegistry.trainingTime()) {
            assertThat(robot.lookup("#training-time-" + m.id()).queryLabeled().getText()).contains(m.command());
        }
    }
}
