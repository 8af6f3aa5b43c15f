package org.lethe.ui.main;

import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.lethe.ui.common.DialogService;
import org.lethe.ui.common.FxmlView;
import org.lethe.ui.common.UiServices;
import org.lethe.ui.forgetset.ForgetSelection;
import org.lethe.ui.train.TrainController;
import org.lethe.ui.train.TrainViewModel;
import org.lethe.ui.unlearn.UnlearnController;
import org.lethe.ui.unlearn.UnlearnViewModel;
import org.lethe.ui.common.Strings;

/** Builds and shows the main window. */
public final class MainWindow {

    /** The dataset the workbench opens on. */
    public static final String DEFAULT_DATASET = "mnist";

    private MainWindow() {
    }

    /**
     * Shows the main window on {@code stage} and starts loading {@code initialDataset}.
     *
     * @return the window's view model
     */
    public static MainViewModel open(Stage stage, UiServices services, String initialDataset) {
        MainViewModel viewModel = new MainViewModel(services);
        DialogService dialogs = new DialogService(stage);
        viewModel.jobs().setOnFailure(failed -> dialogs.showError(failed.title() + " failed", failed.error()));
        MainWindowController controller = new MainWindowController(viewModel);
        Parent root = FxmlView.MAIN_WINDOW.load(type -> controller);
        Scene scene = new Scene(root, 1200, 780);
        installScreens(controller, viewModel, dialogs, scene);
        viewModel.workbench().display().attach(scene);
        ForgetSelection selection = viewModel.browser().forgetSelection();
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN), selection::undo);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN), selection::redo);
        stage.setTitle(Strings.text("app.title"));
        stage.setScene(scene);
        stage.show();
        if (initialDataset != null) {
            viewModel.browser().load(initialDataset);
        }
        return viewModel;
    }

    /** Fills the screen tabs; each screen builds its own view from the shared workbench. */
    private static void installScreens(MainWindowController controller, MainViewModel viewModel,
            DialogService dialogs, Scene scene) {
        TrainViewModel train = new TrainViewModel(viewModel.workbench());
        controller.install(MainWindowController.Screen.TRAIN, TrainController.load(train, dialogs));
        UnlearnViewModel unlearn = new UnlearnViewModel(viewModel.workbench());
        controller.install(MainWindowController.Screen.UNLEARN, UnlearnController.load(unlearn));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN), () -> {
            controller.show(MainWindowController.Screen.TRAIN);
            train.start();
        });
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.U, KeyCombination.SHORTCUT_DOWN), () -> {
            controller.show(MainWindowController.Screen.UNLEARN);
            unlearn.queueSelected();
        });

        org.lethe.ui.compare.CompareScreen.install(controller, viewModel.workbench(), dialogs);
        org.lethe.ui.forgetset.ForgetSetScreen.install(controller, viewModel, dialogs);
        org.lethe.ui.download.DownloadWindow.install(controller, viewModel);
        org.lethe.ui.session.SessionMenu.install(controller, viewModel, dialogs);
        org.lethe.ui.history.HistoryScreen.install(controller, viewModel.workbench(), dialogs,
                org.lethe.ui.session.SessionMenu.EXPORT_MENU_ID);
        org.lethe.ui.lecture.LectureMode.install(controller, viewModel, dialogs,
                viewModel.workbench().services().catalog().sampleDataDir().resolve("scenarios"));
    }
}
