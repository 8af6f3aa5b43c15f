package org.lethe.ui.history;

import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import org.lethe.ui.common.DialogService;
import org.lethe.ui.common.FxmlView;
import org.lethe.ui.main.MainWindowController;
import org.lethe.ui.workbench.Workbench;
import org.lethe.ui.common.Strings;

/** Builds the history screen from {@code fxml/history_view.fxml} and puts it into the main window. */
public final class HistoryScreen {

    /** Id of the File > Export item that writes the history as CSV. */
    public static final String EXPORT_ITEM_ID = "exportHistoryItem";

    private HistoryScreen() {
    }

    /**
     * Installs the screen into the History tab and, when the File menu has an Export submenu with
     * id {@code exportMenuId}, an "Experiments history as CSV…" item in it.
     */
    public static void install(MainWindowController main, Workbench workbench, DialogService dialogs,
            String exportMenuId) {
        HistoryViewModel viewModel = new HistoryViewModel(workbench);
        HistoryController controller = new HistoryController(viewModel, dialogs,
                workbench.display().presenterProperty());
        main.install(MainWindowController.Screen.HISTORY, FxmlView.HISTORY_VIEW.load(type -> controller));
        main.fileMenu().getItems().stream()
                .filter(item -> item instanceof Menu && exportMenuId.equals(item.getId()))
                .findFirst()
                .ifPresent(export -> {
                    MenuItem item = new MenuItem(Strings.text("history.exportMenu"));
                    item.setId(EXPORT_ITEM_ID);
                    item.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(workbench.history()));
                    item.setOnAction(e -> controller.export());
                    ((Menu) export).getItems().add(item);
                });
    }
}
