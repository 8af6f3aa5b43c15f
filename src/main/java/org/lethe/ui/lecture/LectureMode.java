package org.lethe.ui.lecture;

import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.layout.BorderPane;
import org.lethe.ui.common.DialogService;
import org.lethe.ui.main.MainViewModel;
import org.lethe.ui.main.MainWindowController;
import org.lethe.ui.main.MainWindowController.Screen;
import org.lethe.ui.session.SessionViewModel;
import org.lethe.ui.common.Strings;

/**
 * Installs lecture mode into the main window: the View menu, the Scenarios menu and the welcome
 * banner with the first-run demo above the Data tab. Scenario runs and the demo land on the
 * Compare tab when their last job ends.
 */
public final class LectureMode {

    private final PresetRunner runner;
    private final WelcomeBanner banner;

    private LectureMode(PresetRunner runner, WelcomeBanner banner) {
        this.runner = runner;
        this.banner = banner;
    }

    /**
     * Installs lecture mode.
     *
     * @param scenarios the folder of scenario presets (normally {@code sample-data/scenarios})
     */
    public static LectureMode install(MainWindowController controller, MainViewModel viewModel, DialogService dialogs,
            Path scenarios) {
        SessionViewModel session = viewModel.session();
        PresetRunner runner = viewModel.presets();
        runner.statusProperty().addListener((obs, old, text) -> viewModel.setStatus(text));
        WelcomeBanner banner = new WelcomeBanner(viewModel.workbench(), session, runner, outcome -> {
            if (outcome.complete()) {
                controller.show(Screen.COMPARE);
            }
        });
        Node data = controller.content(Screen.DATA);
        controller.install(Screen.DATA, null);
        BorderPane wrapped = new BorderPane(data);
        wrapped.setTop(banner);
        controller.install(Screen.DATA, wrapped);

        ViewMenu.fill(controller, viewModel.workbench().display());
        StudyRunner studies = new StudyRunner(viewModel.jobs(), viewModel.workbench().services().catalog(),
                viewModel.workbench().services().catalog().userDataDir().resolve("reports"));
        ScenarioMenu.fill(controller.scenariosMenu(), scenarios, dialogs, () -> start(runner, dialogs, controller,
                banner.planProperty().get()), plan -> start(runner, dialogs, controller, plan),
                file -> studies.start(file, html -> viewModel.setStatus(Strings.format("lecture.studyDone", html))));
        return new LectureMode(runner, banner);
    }

    private static void start(PresetRunner runner, DialogService dialogs, MainWindowController controller,
            PresetPlan plan) {
        if (runner.runningProperty().get()) {
            dialogs.showError(Strings.text("lecture.presetRunning"), new org.lethe.engine.LetheException(
                    Strings.text("lecture.presetRunning.detail")));
            return;
        }
        controller.show(Screen.DATA);
        runner.start(plan, outcome -> {
            if (outcome.complete()) {
                controller.show(Screen.COMPARE);
            }
        });
    }

    /** Runs presets and the demo. */
    public PresetRunner runner() {
        return runner;
    }

    /** The welcome banner with the demo button. */
    public WelcomeBanner banner() {
        return banner;
    }
}
