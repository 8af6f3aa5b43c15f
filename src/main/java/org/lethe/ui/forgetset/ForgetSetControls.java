package org.lethe.ui.forgetset;

import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableColumn;
import javafx.scene.layout.Pane;
import org.controlsfx.control.GridView;
import org.lethe.ui.dataset.DatasetBrowserViewModel.ClassRow;

/**
 * The Data screen's forget-set controls that {@link ForgetSetScreen} wires, as the main window's
 * FXML declares them.
 *
 * @param grid the thumbnail grid
 * @param bandLayer the pane over the grid that the rubber band is drawn on
 * @param sort the grid-order chooser
 * @param hardest the "hardest to forget" button
 * @param hardestCount how many images it picks
 * @param importButton reads an index list
 * @param exportButton writes an index list
 * @param forgetColumn the per-class table's column of selected images
 */
public record ForgetSetControls(GridView<Integer> grid, Pane bandLayer, ComboBox<GridSort> sort, Button hardest,
        Spinner<Integer> hardestCount, Button importButton, Button exportButton,
        TableColumn<ClassRow, Integer> forgetColumn) {
}
