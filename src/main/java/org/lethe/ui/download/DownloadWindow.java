package org.lethe.ui.download;

import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.MenuItem;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.lethe.engine.data.download.Downloader;
import org.lethe.engine.data.download.KnownDownloads;
import org.lethe.ui.common.FxmlView;
import org.lethe.ui.common.Strings;
import org.lethe.ui.main.MainViewModel;
import org.lethe.ui.main.MainWindowController;

/**
 * The "Download dataset" window, opened from the File menu. Closing it while a download runs keeps
 * the download going (the jobs panel shows it); it can be cancelled there or here.
 */
public final class DownloadWindow {

    /** Id of the File menu item that opens the window. */
    public static final String MENU_ID = "downloadDatasetItem";

    private final DownloadViewModel viewModel;
    private final Consumer<String> open;
    private final Supplier<Window> owner;
    private Stage stage;

    /**
     * A window on {@code viewModel}; "Open" hands the bundle's name to {@code open}.
     *
     * @param owner the window it belongs to (may supply null)
     */
    public DownloadWindow(DownloadViewModel viewModel, Consumer<String> open, Supplier<Window> owner) {
        this.viewModel = viewModel;
        this.open = open;
        this.owner = owner;
    }

    /** Adds "Download dataset…" to the main window's File menu, downloading into the user data folder. */
    public static DownloadWindow install(MainWindowController main, MainViewModel mainModel) {
        DownloadViewModel viewModel = new DownloadViewModel(mainModel.jobs(), new Downloader(),
                mainModel.workbench().services().catalog().userDataDir(), KnownDownloads.bundles());
        DownloadWindow window = new DownloadWindow(viewModel, name -> mainModel.browser().load(name),
                () -> main.sceneProperty().get() == null ? null : main.sceneProperty().get().getWindow());
        MenuItem item = new MenuItem(Strings.text("download.menu"));
        item.setId(MENU_ID);
        item.setOnAction(e -> window.show());
        int at = Math.min(2, main.fileMenu().getItems().size());
        main.fileMenu().getItems().add(at, item);
        return window;
    }

    /** Shows the window (built on first use) and brings it to the front. */
    public void show() {
        if (stage == null) {
            stage = new Stage();
            Window parent = owner.get();
            if (parent != null) {
                stage.initOwner(parent);
            }
            stage.initModality(Modality.NONE);
            stage.setTitle(Strings.text("download.title"));
            DownloadController controller = new DownloadController(viewModel, open, stage::hide);
            Parent root = FxmlView.DOWNLOAD_VIEW.load(type -> controller);
            stage.setScene(new Scene(root));
        }
        Window parent = owner.get();
        if (parent != null && parent.getScene() != null) {
            stage.getScene().getStylesheets().setAll(parent.getScene().getStylesheets()); // follow the theme
        }
        stage.show();
        stage.toFront();
    }

    /** The window's state. */
    public DownloadViewModel viewModel() {
        return viewModel;
    }

    /** The window's stage, once shown (null before). */
    public Stage stage() {
        return stage;
    }
}
