package org.lethe.ui.history;

import java.io.File;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.stage.FileChooser;
import org.lethe.engine.evaluation.ModelMetrics;
import org.lethe.ui.common.DialogService;
import org.lethe.ui.workbench.RunRecord;
import org.lethe.ui.common.Strings;

/** Wires the history table and its buttons to a {@link HistoryViewModel}. */
public final class HistoryController {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final HistoryViewModel viewModel;
    private final DialogService dialogs;

    @FXML private TableView<RunRecord> historyTable;
    @FXML private TableColumn<RunRecord, java.time.Instant> timeColumn;
    @FXML private TableColumn<RunRecord, String> kindColumn;
    @FXML private TableColumn<RunRecord, String> labelColumn;
    @FXML private TableColumn<RunRecord, String> methodColumn;
    @FXML private TableColumn<RunRecord, Long> seedColumn;
    @FXML private TableColumn<RunRecord, Double> secondsColumn;
    @FXML private TableColumn<RunRecord, Double> forgetAccColumn;
    @FXML private TableColumn<RunRecord, Double> retainAccColumn;
    @FXML private TableColumn<RunRecord, Double> testAccColumn;
    @FXML private TableColumn<RunRecord, Double> miaColumn;
    @FXML private TableColumn<RunRecord, String> datasetColumn;
    @FXML private TableColumn<RunRecord, Integer> forgetCountColumn;
    @FXML private TextArea historyParams;
    @FXML private Button historyRerunButton;
    @FXML private Button historyDeleteButton;
    @FXML private Button historyExportButton;
    @FXML private Label historyCountLabel;

    private final javafx.beans.value.ObservableBooleanValue presenter;

    /**
     * A controller for {@code viewModel}; failures of its actions go to {@code dialogs}; the time,
     * seed and dataset columns hide while {@code presenter} is true.
     */
    public HistoryController(HistoryViewModel viewModel, DialogService dialogs,
            javafx.beans.value.ObservableBooleanValue presenter) {
        this.viewModel = viewModel;
        this.dialogs = dialogs;
        this.presenter = presenter;
    }

    @FXML
    private void initialize() {
        historyTable.setItems(viewModel.rows());
        viewModel.rows().comparatorProperty().bind(historyTable.comparatorProperty());
        value(timeColumn, RunRecord::finished, TIME::format);
        value(kindColumn, r -> r.kind() == RunRecord.Kind.TRAIN ? "train" : "unlearn", s -> s);
        value(labelColumn, RunRecord::label, s -> s);
        value(methodColumn, RunRecord::methodId, s -> s);
        value(seedColumn, RunRecord::seed, String::valueOf);
        value(secondsColumn, RunRecord::seconds, v -> String.format(Locale.ROOT, "%.1f", v));
        value(forgetAccColumn, metric(ModelMetrics::forgetAccuracy), HistoryController::percent);
        value(retainAccColumn, metric(ModelMetrics::retainAccuracy), HistoryController::percent);
        value(testAccColumn, metric(ModelMetrics::testAccuracy), HistoryController::percent);
        value(miaColumn, metric(ModelMetrics::miaAuc), HistoryController::percent);
        value(datasetColumn, RunRecord::dataset, s -> s);
        // labels and dataset names can be longer than their column: the full text in a tooltip
        withTooltip(labelColumn);
        withTooltip(datasetColumn);
        value(forgetCountColumn, r -> r.kind() == RunRecord.Kind.TRAIN ? null : r.forgetCount(),
                v -> String.format("%,d", v));

        for (TableColumn<RunRecord, ?> advanced : java.util.List.of(timeColumn, seedColumn, datasetColumn)) {
            advanced.visibleProperty().bind(Bindings.not(presenter));
        }
        viewModel.selectedProperty().bind(historyTable.getSelectionModel().selectedItemProperty());
        historyParams.textProperty().bind(viewModel.paramsTextProperty());
        historyRerunButton.disableProperty().bind(viewModel.canRerunProperty().not());
        historyDeleteButton.disableProperty().bind(viewModel.selectedProperty().isNull());
        historyExportButton.disableProperty().bind(Bindings.isEmpty(viewModel.rows()));
        historyCountLabel.textProperty().bind(Bindings.size(viewModel.rows()).asString("%d runs"));
        historyRerunButton.setOnAction(e -> rerun());
        historyDeleteButton.setOnAction(e -> {
            RunRecord r = viewModel.selectedProperty().get();
            if (r != null) {
                viewModel.delete(r);
            }
        });
        historyExportButton.setOnAction(e -> export());
    }

    private void rerun() {
        RunRecord r = viewModel.selectedProperty().get();
        if (r == null) {
            return;
        }
        try {
            viewModel.rerun(r);
        } catch (RuntimeException e) {
            dialogs.showError(Strings.format("history.rerunFailed", r.label()), e);
        }
    }

    /** Asks for a file and writes the history there as CSV. */
    void export() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Strings.text("history.exportTitle"));
        chooser.setInitialFileName("lethe-history.csv");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        File file = chooser.showSaveDialog(historyTable.getScene().getWindow());
        if (file != null) {
            viewModel.exportCsv(file.toPath());
        }
    }

    private static Function<RunRecord, Double> metric(Function<ModelMetrics, Double> f) {
        return r -> r.metrics() == null ? null : f.apply(r.metrics());
    }

    private static String percent(Double v) {
        return v.isNaN() ? "\u2013" : String.format(Locale.ROOT, "%.1f%%", v);
    }

    /** Shows each cell's full text in a tooltip (one per cell, its text kept up to date). */
    private static void withTooltip(TableColumn<RunRecord, String> column) {
        column.setCellFactory(c -> new TableCell<>() {
            private final Tooltip tip = new Tooltip();

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                boolean none = empty || item == null;
                setText(none ? null : item);
                tip.setText(none ? "" : item);
                setTooltip(none ? null : tip);
            }
        });
    }

    /** Fills {@code column} with {@code value} (sorted by it) and shows it through {@code text}. */
    private static <T> void value(TableColumn<RunRecord, T> column, Function<RunRecord, T> value,
            Function<T, String> text) {
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : text.apply(item));
            }
        });
    }
}
