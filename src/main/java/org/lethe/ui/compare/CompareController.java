package org.lethe.ui.compare;

import java.io.File;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import org.jfree.chart.entity.XYItemEntity;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.fx.interaction.ChartMouseEventFX;
import org.jfree.chart.fx.interaction.ChartMouseListenerFX;
import org.lethe.ui.common.DialogService;
import org.lethe.ui.inspector.InspectorWindow;
import org.lethe.ui.inspector.SampleRef;
import org.lethe.ui.common.Strings;

/** Wires the dashboard's table, chart viewers, menus and buttons to its view model. */
public final class CompareController {

    /** Height of one chart row, in pixels. */
    static final double CHART_HEIGHT = 350;
    /** The table shows this many rows at most before it scrolls. */
    private static final int MAX_VISIBLE_ROWS = 8;

    private final CompareViewModel viewModel;
    private final InspectorWindow inspector;
    private final DialogService dialogs;
    private final Map<DashboardChart, ChartViewer> viewers = new EnumMap<>(DashboardChart.class);

    @FXML private ComboBox<String> scatterChoice;
    @FXML private Button exportReportButton;
    @FXML private Label summaryLabel;
    @FXML private VBox content;
    @FXML private VBox emptyState;
    @FXML private TableView<MetricRow> metricsTable;
    @FXML private TableColumn<MetricRow, MetricRow> modelColumn;
    @FXML private TableColumn<MetricRow, String> forgetColumn;
    @FXML private TableColumn<MetricRow, String> retainColumn;
    @FXML private TableColumn<MetricRow, String> testColumn;
    @FXML private TableColumn<MetricRow, String> miaAucColumn;
    @FXML private TableColumn<MetricRow, String> miaEfficacyColumn;
    @FXML private TableColumn<MetricRow, String> l2Column;
    @FXML private TableColumn<MetricRow, String> klColumn;
    @FXML private TableColumn<MetricRow, String> gapColumn;
    @FXML private TableColumn<MetricRow, String> secondsColumn;
    @FXML private TableColumn<MetricRow, String> speedupColumn;
    @FXML private TableColumn<MetricRow, String> rmiaAucColumn;
    @FXML private TableColumn<MetricRow, String> rmiaTprColumn;
    @FXML private CheckBox rmiaCheck;
    @FXML private Spinner<Integer> rmiaCount;
    @FXML private GridPane chartGrid;

    /** A controller for {@code viewModel}; clicks on scatter points open {@code inspector}. */
    public CompareController(CompareViewModel viewModel, InspectorWindow inspector, DialogService dialogs) {
        this.viewModel = viewModel;
        this.inspector = inspector;
        this.dialogs = dialogs;
    }

    @FXML
    private void initialize() {
        emptyState.visibleProperty().bind(viewModel.emptyProperty());
        content.visibleProperty().bind(viewModel.emptyProperty().not());
        summaryLabel.textProperty().bind(viewModel.summaryProperty());
        scatterChoice.setItems(viewModel.scatterChoices());
        scatterChoice.valueProperty().bindBidirectional(viewModel.scatterModelProperty());
        exportReportButton.disableProperty().bind(viewModel.canExportReportProperty().not());
        exportReportButton.setTooltip(new Tooltip(Strings.text("compare.exportReport.help")));
        exportReportButton.setOnAction(e -> exportReport());
        setUpTable();
        setUpCharts();
        setUpRmia();
    }

    /** The RMIA check box: on trains the reference models as a job, off drops RMIA's numbers. */
    private void setUpRmia() {
        rmiaCount.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(2, 16,
                viewModel.referenceCountProperty().get()));
        rmiaCount.valueProperty().addListener((obs, old, now) -> viewModel.referenceCountProperty().set(now));
        rmiaCount.disableProperty().bind(viewModel.hasRmiaProperty());
        rmiaCheck.disableProperty().bind(viewModel.emptyProperty());
        rmiaCheck.setSelected(viewModel.hasRmiaProperty().get());
        viewModel.hasRmiaProperty().addListener((obs, old, now) -> rmiaCheck.setSelected(now));
        rmiaCheck.setTooltip(new Tooltip("Offline RMIA: trains k reference models on random halves of train + test "
                + "(a job), then adds RMIA AUC and TPR at 1% FPR to the table and a log-log RMIA ROC"));
        rmiaCheck.setOnAction(e -> {
            if (rmiaCheck.isSelected() && !viewModel.hasRmiaProperty().get()) {
                try {
                    viewModel.computeRmia().setOnFailed(f -> rmiaCheck.setSelected(viewModel.hasRmiaProperty().get()));
                } catch (IllegalStateException ex) {
                    rmiaCheck.setSelected(false);
                    dialogs.showError("RMIA", ex);
                }
            } else if (!rmiaCheck.isSelected()) {
                viewModel.dropRmia();
            }
        });
        rmiaAucColumn.visibleProperty().bind(viewModel.hasRmiaProperty());
        rmiaTprColumn.visibleProperty().bind(viewModel.hasRmiaProperty());
    }

    private void setUpTable() {
        metricsTable.setItems(viewModel.rows());
        // as tall as its header and rows (between 2 and MAX_VISIBLE_ROWS), the rest of the height goes to
        // the charts; the row height comes from the theme's CSS and the header may wrap onto two lines
        DoubleProperty headerHeight = new SimpleDoubleProperty(this, "headerHeight", 0);
        metricsTable.skinProperty().addListener((obs, old, skin) -> {
            if (metricsTable.lookup(".column-header-background") instanceof Region header) {
                headerHeight.bind(header.heightProperty());
            }
        });
        metricsTable.prefHeightProperty().bind(Bindings.createDoubleBinding(() -> {
            double row = metricsTable.getFixedCellSize() > 0 ? metricsTable.getFixedCellSize() : 26;
            double header = headerHeight.get() > 0 ? headerHeight.get() : row;
            return row * Math.max(2, Math.min(MAX_VISIBLE_ROWS, viewModel.rows().size())) + header + 4;
        }, viewModel.rows(), metricsTable.fixedCellSizeProperty(), headerHeight));
        metricsTable.minHeightProperty().bind(metricsTable.prefHeightProperty());
        metricsTable.maxHeightProperty().bind(metricsTable.prefHeightProperty());
        modelColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        modelColumn.setCellFactory(c -> new ModelCell());
        number(forgetColumn, r -> MetricRow.format(r.forget(), 2));
        number(retainColumn, r -> MetricRow.format(r.retain(), 2));
        number(testColumn, r -> MetricRow.format(r.test(), 2));
        number(miaAucColumn, r -> MetricRow.format(r.miaAuc(), 2));
        number(miaEfficacyColumn, r -> MetricRow.format(r.miaEfficacy(), 2));
        number(l2Column, r -> MetricRow.format(r.l2(), 3));
        number(klColumn, r -> MetricRow.format(r.kl(), 3));
        number(gapColumn, r -> MetricRow.format(r.avgGap(), 2));
        number(secondsColumn, r -> MetricRow.format(r.seconds(), 1));
        number(rmiaAucColumn, r -> MetricRow.format(r.rmiaAuc(), 2));
        number(rmiaTprColumn, r -> MetricRow.format(r.tprAt1Fpr(), 2));
        number(speedupColumn, r -> r.methodId().equals("original") ? "\u2013" : MetricRow.formatSpeedup(r.speedup()));
        metricsTable.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(MetricRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().removeAll("warned-row", "reference-row");
                if (!empty && row != null) {
                    if (row.warned()) {
                        getStyleClass().add("warned-row");
                    } else if (row.methodId().equals("retrain")) {
                        getStyleClass().add("reference-row");
                    }
                }
            }
        });
    }

    private static void number(TableColumn<MetricRow, String> column, Function<MetricRow, String> text) {
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(text.apply(c.getValue())));
    }

    /** The model's label with its warnings as a badge beside it; the sentences in a tooltip. */
    private static final class ModelCell extends TableCell<MetricRow, MetricRow> {
        private final Label name = new Label();
        private final Label badge = new Label();
        private final HBox box = new HBox(6, name, badge);
        private final Tooltip tip = new Tooltip();

        ModelCell() {
            tip.setWrapText(true);
            tip.setMaxWidth(460);
            box.setAlignment(Pos.CENTER_LEFT);
            name.getStyleClass().add("model-name");
            badge.getStyleClass().add("warning-badge");
        }

        @Override
        protected void updateItem(MetricRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            name.setText(row.label());
            badge.setVisible(row.warned());
            badge.setManaged(row.warned());
            badge.setText(row.warned() ? "\u26a0 " + String.join(", ", row.warnings()) : "");
            // the full label (it may be cut short in a narrow column) and, for a warned row, why
            tip.setText(row.warned() ? row.label() + "\n" + row.warningText() : row.label());
            setTooltip(tip);
            setGraphic(box);
        }
    }

    private void setUpCharts() {
        place(DashboardChart.ACCURACY, 0, 0, 2, 1);
        place(DashboardChart.SCATTER, 2, 0, 1, 1);
        place(DashboardChart.MIA_ROC, 0, 1, 1, 1);
        place(DashboardChart.COST_GAP, 1, 1, 1, 1);
        place(DashboardChart.CONFIDENCE, 2, 1, 1, 2);
        place(DashboardChart.CLASS_ACCURACY, 0, 2, 2, 1);
        place(DashboardChart.RMIA_ROC, 0, 3, 1, 1);
        // the RMIA card takes room only while there is an RMIA chart
        javafx.scene.Node rmiaCard = viewers.get(DashboardChart.RMIA_ROC).getParent();
        rmiaCard.visibleProperty().bind(viewModel.charts().chartProperty(DashboardChart.RMIA_ROC).isNotNull());
        rmiaCard.managedProperty().bind(rmiaCard.visibleProperty());
        viewers.get(DashboardChart.SCATTER).addChartMouseListener(new ChartMouseListenerFX() {
            @Override
            public void chartMouseClicked(ChartMouseEventFX event) {
                if (event.getEntity() instanceof XYItemEntity item) {
                    String key = item.getDataset().getSeriesKey(item.getSeriesIndex()).toString();
                    viewModel.scatterSample(key, item.getItem()).ifPresent(CompareController.this::inspect);
                }
            }

            @Override
            public void chartMouseMoved(ChartMouseEventFX event) {
                // nothing: points show their sample only on click
            }
        });
    }

    private void place(DashboardChart kind, int column, int row, int columnSpan, int rowSpan) {
        ChartViewer viewer = new ChartViewer(viewModel.charts().chart(kind), false);
        viewer.setId("chart-" + kind.fileStem());
        viewer.getStyleClass().add("dashboard-chart");
        viewModel.charts().chartProperty(kind).addListener((obs, old, chart) -> viewer.setChart(chart));
        Label placeholder = new Label(kind == DashboardChart.SCATTER
                ? "The scatter appears when a second model has arrived." : kind.title());
        placeholder.getStyleClass().add("chart-placeholder");
        placeholder.visibleProperty().bind(viewModel.charts().chartProperty(kind).isNull());
        StackPane card = new StackPane(placeholder, viewer);
        card.getStyleClass().add("chart-card");
        double height = CHART_HEIGHT * rowSpan + chartGrid.getVgap() * (rowSpan - 1);
        card.setMinHeight(height);
        card.setPrefHeight(height);
        card.setMinWidth(0);
        viewer.setMinSize(0, 0);
        card.setOnContextMenuRequested(e -> {
            menuFor(kind).show(card, e.getScreenX(), e.getScreenY());
            e.consume();
        });
        viewers.put(kind, viewer);
        chartGrid.add(card, column, row, columnSpan, rowSpan);
    }

    private ContextMenu menuFor(DashboardChart kind) {
        MenuItem png = new MenuItem(Strings.format("compare.exportPng", kind.title()));
        png.setOnAction(e -> exportChart(kind, "png", Strings.text("compare.pngFiles")));
        MenuItem svg = new MenuItem(Strings.text("compare.exportSvg"));
        svg.setOnAction(e -> exportChart(kind, "svg", Strings.text("compare.svgFiles")));
        MenuItem csv = new MenuItem(Strings.text("compare.exportCsv"));
        csv.setOnAction(e -> exportChart(kind, "csv", Strings.text("compare.csvFiles")));
        ContextMenu menu = new ContextMenu(png, svg, csv);
        if (kind == DashboardChart.SCATTER) {
            MenuItem hint = new MenuItem(Strings.text("compare.scatterHint"));
            hint.setDisable(true);
            menu.getItems().addAll(new SeparatorMenuItem(), hint);
        }
        return menu;
    }

    private void exportChart(DashboardChart kind, String extension, String description) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Strings.format("compare.exportTitle", kind.title()));
        chooser.setInitialFileName(kind.fileStem() + "." + extension);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, "*." + extension));
        File file = chooser.showSaveDialog(chartGrid.getScene().getWindow());
        if (file != null) {
            exportChart(kind, file.toPath());
        }
    }

    /** Exports {@code kind} to {@code file} and reports a failure in the error dialog. */
    void exportChart(DashboardChart kind, Path file) {
        try {
            viewModel.exportChart(kind, file).whenComplete((path, error) -> {
                if (error != null) {
                    Platform.runLater(() -> dialogs.showError(Strings.format("compare.exportFailed", kind.title()),
                            error.getCause() == null ? error : error.getCause()));
                }
            });
        } catch (RuntimeException e) {
            dialogs.showError(Strings.format("compare.exportFailed", kind.title()), e);
        }
    }

    private void exportReport() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(Strings.text("compare.exportReportTitle"));
        File dir = chooser.showDialog(chartGrid.getScene().getWindow());
        if (dir != null) {
            viewModel.exportReport(dir.toPath());
        }
    }

    private void inspect(SampleRef ref) {
        try {
            inspector.open(ref);
        } catch (RuntimeException e) {
            dialogs.showError(Strings.text("compare.inspectFailed"), e);
        }
    }

    /** The chart viewer of {@code kind}. */
    ChartViewer viewer(DashboardChart kind) {
        return viewers.get(kind);
    }
}
