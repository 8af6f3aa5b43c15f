package org.lethe.ui.history;

import javafx.scene.Parent;
import org.lethe.ui.common.DialogService;
import org.lethe.ui.common.FxmlView;
import org.lethe.ui.workbench.Workbench;

/** Builds the history screen from {@code fxml/history_view.fxml}. */
public final class HistoryScreen {

    private HistoryScreen() {
    }

    /** The screen's view over {@code workbench}'s history. */
    public static Parent create(Workbench workbench, DialogService dialogs) {
        HistoryViewModel viewModel = new HistoryViewModel(workbench);
        return FxmlView.HISTORY_VIEW.load(type -> new HistoryController(viewModel, dialogs));
    }
}
