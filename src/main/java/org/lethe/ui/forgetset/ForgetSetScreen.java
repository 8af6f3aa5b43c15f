package org.lethe.ui.forgetset;

import java.io.File;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TableColumn;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.lethe.ui.common.DialogService;
import org.lethe.ui.common.Strings;
import org.lethe.ui.dataset.DatasetBrowserViewModel.ClassRow;
import org.lethe.ui.main.MainViewModel;
import org.lethe.ui.main.MainWindowController;

/**
 * Wires the forget-set tools of the Data screen: the rubber band on the grid, the grid's order,
 * "hardest to forget", index-list import and export, and the per-class "Forget" column.
 */
public final class ForgetSetScreen {

    private final ForgetSetViewModel viewModel;
    private final RubberBand band;

    private ForgetSetScreen(ForgetSetViewModel viewModel, RubberBand band) {
        this.viewModel = viewModel;
        this.band = band;
    }

    /** Builds the tools on the main window's workbench and wires them into its Data screen. */
    public static ForgetSetScreen install(MainWindowController main, MainViewModel mainModel, DialogService dialogs) {
        ForgetSetViewModel viewModel = new ForgetSetViewModel(mainModel.workbench());
        ForgetSetControls controls = main.forgetSetControls();
        ForgetSelection selection = mainModel.workbench().forgetSelection();
        RubberBand band = RubberBand.install(controls.grid(), controls.bandLayer(), selection);

        controls.sort().getItems().setAll(GridSort.values());
        controls.sort().valueProperty().bindBidirectional(viewModel.sortProperty());
        controls.sort().disableProperty().bind(viewModel.modelReadyBinding().not());

        controls.hardestCount().setValueFactory(
                new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 1_000_000, ForgetSetViewModel.DEFAULT_HARDEST, 10));
        controls.hardestCount().getValueFactory().valueProperty().addListener((obs, old, n) -> {
            if (n != null) {
                viewModel.hardestCountProperty().set(n);
            }
        });
        controls.hardestCount().disableProperty().bind(viewModel.modelReadyBinding().not());
        controls.hardest().disableProperty().bind(viewModel.modelReadyBinding().not().or(viewModel.scoringProperty()));
        controls.hardest().setOnAction(e -> viewModel.selectHardest());

        controls.importButton().disableProperty().bind(mainModel.workbench().datasetProperty().isNull());
        controls.exportButton().disableProperty().bind(selection.countProperty().isEqualTo(0));
        controls.importButton().setOnAction(e -> {
            File file = chooser(Strings.text("forget.import.title")).showOpenDialog(window(controls));
            if (file != null) {
                viewModel.importFrom(file.toPath());
            }
        });
        controls.exportButton().setOnAction(e -> {
            FileChooser chooser = chooser(Strings.text("forget.export.title"));
            chooser.setInitialFileName("forget-set.txt");
            File file = chooser.showSaveDialog(window(controls));
            if (file != null) {
                viewModel.exportTo(file.toPath());
            }
        });
        viewModel.messageProperty().addListener((obs, old, text) -> {
            if (text != null && !text.isEmpty()) {
                mainModel.setStatus(text);
            }
        });
        bindForgetColumn(controls.forgetColumn(), selection);
        return new ForgetSetScreen(viewModel, band);
    }

    private static void bindForgetColumn(TableColumn<ClassRow, Integer> column, ForgetSelection selection) {
        int[][] counts = {selection.perClassCounts()};
        column.setCellValueFactory(cell -> {
            int row = cell.getTableView().getItems().indexOf(cell.getValue());
            return new ReadOnlyObjectWrapper<>(row >= 0 && row < counts[0].length ? counts[0][row] : 0);
        });
        selection.versionProperty().addListener((obs, old, now) -> {
            counts[0] = selection.perClassCounts();
            if (column.getTableView() != null) {
                column.getTableView().refresh();
            }
        });
    }

    private static FileChooser chooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter(Strings.text("forget.files.indexList"), "*.txt", "*.csv"),
                new FileChooser.ExtensionFilter(Strings.text("files.all"), "*"));
        return chooser;
    }

    private static Window window(ForgetSetControls controls) {
        return controls.grid().getScene() == null ? null : controls.grid().getScene().getWindow();
    }

    /** The tools' state. */
    public ForgetSetViewModel viewModel() {
        return viewModel;
    }

    /** The rubber band on the grid. */
    public RubberBand band() {
        return band;
    }
}
