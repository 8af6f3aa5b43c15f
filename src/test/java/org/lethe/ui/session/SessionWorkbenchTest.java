package org.lethe.ui.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lethe.ui.FxTestSupport.fx;
import static org.lethe.ui.FxTestSupport.fxRun;
import static org.lethe.ui.FxTestSupport.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.concurrent.Worker;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.engine.LetheException;
import org.lethe.engine.experiment.Comparison;
import org.lethe.engine.job.QueuedJobRunner;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.TrainingConfig;
import org.lethe.engine.session.SessionStore;
import org.lethe.engine.session.SessionTestData;
import org.lethe.engine.unlearning.MethodDescriptor;
import org.lethe.engine.unlearning.MethodRegistry;
import org.lethe.engine.unlearning.UnlearningFixture;
import org.lethe.ui.FxTestSupport;
import org.lethe.ui.jobs.JobTask;
import org.lethe.ui.main.MainViewModel;
import org.lethe.ui.main.MainWindow;
import org.lethe.ui.workbench.RunRecord;
import org.lethe.ui.workbench.Workbench;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Sessions through the real main window: build a comparison on a tiny IDX dataset, save it, open it
 * in a fresh workbench and compare; a damaged session shows the error dialog and nothing breaks.
 */
@ExtendWith(ApplicationExtension.class)
class SessionWorkbenchTest {

    @TempDir
    static Path dir;
    private static Path dataFolder;

    private QueuedJobRunner jobs;
    private MainViewModel viewModel;
    private Path userData;

    @BeforeAll
    static void writeData() throws Exception {
        dataFolder = SessionTestData.writeIdx(UnlearningFixture.DATA, dir.resolve("tiny-mnist"));
    }

    @Start
    void start(Stage stage) throws Exception {
        jobs = new QueuedJobRunner();
        userData = Files.createTempDirectory(dir, "user");
        viewModel = MainWindow.open(stage, FxTestSupport.services(jobs, userData), dataFolder.toString());
    }

    @AfterEach
    void stop() {
        jobs.close();
    }

    private Workbench workbench() {
        return viewModel.workbench();
    }

    /** Trains a logreg on the tiny data, forgets class 3 with Retrain and one epoch of FT. */
    private void buildComparison() throws Exception {
        waitUntil(60, () -> workbench().datasetProperty().get() != null);
        fxRun(() -> {
            workbench().forgetSelection().selectClass(3);
            workbench().train(ModelSpec.logreg(workbench().datasetProperty().get().shape(), 10),
                    TrainingConfig.adam(1, 32, 1e-2, 1), points -> { });
        });
        waitUntil(60, () -> workbench().originalProperty().get() != null);
        fxRun(() -> {
            MethodDescriptor<?> retrain = workbench().methods().byId("retrain");
            MethodDescriptor<?> ft = workbench().methods().byId("ft");
            workbench().unlearn(retrain, retrain.defaults(), "Retrain");
            workbench().unlearn(ft, MethodRegistry.params(ft, Map.of("epochs", "1")), "FT");
        });
        waitUntil(120, () -> workbench().history().size() == 3);
    }

    private static void awaitSuccess(JobTask<?> task) throws Exception {
        waitUntil(120, () -> task.getState() == Worker.State.SUCCEEDED || task.getState() == Worker.State.FAILED);
        assertThat(fx(task::getState)).as(String.valueOf(fx(task::getException))).isEqualTo(Worker.State.SUCCEEDED);
    }

    @Test
    void aSavedSessionOpensInAFreshWorkbenchWithTheSameState() throws Exception {
        buildComparison();
        SessionViewModel session = viewModel.session();
        assertThat(fx(() -> session.dirtyProperty().get())).isTrue();
        Path file = dir.resolve("lecture" + SessionStore.EXTENSION);
        awaitSuccess(fx(() -> session.save(file)));
        assertThat(fx(() -> session.dirtyProperty().get())).isFalse();
        assertThat(fx(() -> session.currentFileProperty().get())).isEqualTo(file);
        assertThat(fx(() -> List.copyOf(session.recent()))).containsExactly(file);

        QueuedJobRunner otherJobs = new QueuedJobRunner();
        try {
            Workbench fresh = fx(() -> new Workbench(FxTestSupport.services(otherJobs, userData)));
            SessionViewModel reopened = fx(() -> new SessionViewModel(fresh, userData.resolve("sessions")));
            awaitSuccess(fx(() -> reopened.open(file)));

            Workbench before = workbench();
            assertThat(fx(() -> fresh.datasetProperty().get().sha256()))
                    .isEqualTo(fx(() -> before.datasetProperty().get().sha256()));
            assertThat(fx(() -> fresh.browser().originProperty().get()))
                    .isEqualTo(fx(() -> before.browser().originProperty().get()));
            assertThat(fx(() -> fresh.forgetSelection().indices()))
                    .containsExactly(fx(() -> before.forgetSelection().indices()));
            assertThat(fx(() -> fresh.originalProperty().get().paramsSha256()))
                    .isEqualTo(fx(() -> before.originalProperty().get().paramsSha256()));
            assertThat(fx(() -> List.copyOf(fresh.history()))).isEqualTo(fx(() -> List.copyOf(before.history())));
            Comparison again = fx(() -> fresh.comparisonProperty().get());
            Comparison original = fx(() -> before.comparisonProperty().get());
            assertThat(again.rows()).extracting(Comparison.Row::label).containsExactly("Original", "Retrain", "FT");
            assertThat(again.rows()).extracting(r -> r.evaluated().metrics())
                    .containsExactlyElementsOf(original.rows().stream().map(r -> r.evaluated().metrics()).toList());
            assertThat(again.unlearned().get(0).result().model().paramsSha256())
                    .isEqualTo(original.unlearned().get(0).result().model().paramsSha256());
            assertThat(fx(() -> reopened.dirtyProperty().get())).isFalse();
            assertThat(fx(() -> reopened.currentFileProperty().get())).isEqualTo(file);

            // the restored comparison is the base of the next run: a new method joins it
            fxRun(() -> {
                MethodDescriptor<?> ga = fresh.methods().byId("ga");
                fresh.unlearn(ga, MethodRegistry.params(ga, Map.of("epochs", "1")), "GA");
            });
            waitUntil(120, () -> fresh.history().size() == 4);
            assertThat(fx(() -> fresh.comparisonProperty().get().rows())).extracting(Comparison.Row::label)
                    .containsExactly("Original", "Retrain", "FT", "GA");
            assertThat(fx(() -> reopened.dirtyProperty().get())).isTrue();
        } finally {
            otherJobs.close();
        }
    }

    @Test
    void aDamagedSessionShowsTheErrorDialogAndTheWorkbenchKeepsWorking(FxRobot robot) throws Exception {
        buildComparison();
        Path damaged = dir.resolve("damaged" + SessionStore.EXTENSION);
        Files.write(damaged, new byte[] {'P', 'K', 3, 4, 0, 0, 1, 2, 3});
        List<RunRecord> history = fx(() -> List.copyOf(workbench().history()));
        Comparison comparison = fx(() -> workbench().comparisonProperty().get());

        fxRun(() -> viewModel.session().open(damaged));
        waitUntil(30, () -> robot.lookup("#errorDialog").tryQuery().isPresent());
        DialogPane dialog = robot.lookup("#errorDialog").queryAs(DialogPane.class);
        assertThat(dialog.getContentText()).contains(damaged.toString()).contains("not a readable Lethe session");
        robot.clickOn(dialog.lookupButton(javafx.scene.control.ButtonType.OK));

        assertThat(fx(() -> List.copyOf(workbench().history()))).isEqualTo(history);
        assertThat(fx(() -> workbench().comparisonProperty().get())).isSameAs(comparison);
        // still usable: another run joins the comparison
        fxRun(() -> {
            MethodDescriptor<?> ga = workbench().methods().byId("ga");
            workbench().unlearn(ga, MethodRegistry.params(ga, Map.of("epochs", "1")), "GA");
        });
        waitUntil(120, () -> workbench().history().size() == 4);
        assertThat(fx(() -> workbench().comparisonProperty().get().rows())).hasSize(4);
    }

    @Test
    void autosaveGoesToTheUserFolderAndNeverToTheUsersFile() throws Exception {
        buildComparison();
        SessionViewModel session = viewModel.session();
        Path mine = dir.resolve("mine" + SessionStore.EXTENSION);
        awaitSuccess(fx(() -> session.save(mine)));
        byte[] saved = Files.readAllBytes(mine);
        assertThat(fx(session::autosave)).as("nothing changed since the save").isNull();

        fxRun(() -> workbench().forgetSelection().selectClass(5));
        JobTask<Path> autosave = fx(session::autosave);
        awaitSuccess(autosave);
        assertThat(fx(autosave::getValue)).isEqualTo(userData.resolve("sessions").resolve(SessionViewModel.AUTOSAVE_NAME));
        assertThat(Files.readAllBytes(mine)).isEqualTo(saved);
        assertThat(new SessionStore().load(fx(autosave::getValue)).forget())
                .hasSize(fx(() -> workbench().forgetSelection().countProperty().get()));
        assertThat(fx(() -> session.dirtyProperty().get())).isTrue();
        assertThatThrownBy(() -> fx(() -> session.save(session.autosaveFile())))
                .hasRootCauseInstanceOf(LetheException.class).hasStackTraceContaining("autosave file");

        // opening the autosave restores it without making it the current file
        int autosaved = fx(() -> workbench().forgetSelection().countProperty().get());
        fxRun(() -> workbench().forgetSelection().clear());
        awaitSuccess(fx(() -> session.open(session.autosaveFile())));
        assertThat(fx(() -> session.currentFileProperty().get())).isNull();
        assertThat(fx(() -> workbench().forgetSelection().countProperty().get())).isEqualTo(autosaved);
        assertThat(fx(() -> session.needsOverwriteConfirmation(mine))).isTrue();
    }
}
