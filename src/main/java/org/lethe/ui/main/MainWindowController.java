package org.lethe.ui.main;

import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.Node;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import org.controlsfx.control.GridView;
import org.controlsfx.control.TaskProgressView;
import org.lethe.ui.common.ThumbnailRenderer;
import org.lethe.ui.dataset.DatasetBrowserViewModel;
import org.lethe.ui.dataset.DatasetBrowserViewModel.ClassRow;
import org.lethe.ui.dataset.DatasetChoice;
import org.lethe.ui.dataset.ClassFilter;
import org.lethe.ui.dataset.ThumbnailCell;
import org.lethe.ui.dataset.TrainLimit;
import org.lethe.ui.forgetset.ForgetSelection;
import org.lethe.ui.common.Strings;

/** Wires the main window's controls to its view model; holds no state of its own. */
public final class MainWindowController {

    private static final double THUMBNAIL = 56;
    /** Seed of "random 10%" (the forget set is reproducible). */
    private static final long RANDOM_SEED = 1;

    private final MainViewModel viewModel;
    private java.util.function.IntConsumer inspectAction = index -> { };

    @FXML private ComboBox<DatasetChoice> datasetChoice;
    @FXML private Button openFolderButton;
    @FXML private Button openFileButton;
    @FXML private ComboBox<ClassFilter> classFilter;
    @FXML private ComboBox<TrainLimit> trainLimitChoice;
    @FXML private Label countLabel;
    @FXML private Label forgetSummary;
    @FXML private Button selectClassButton;
    @FXML private Button randomButton;
    @FXML private Button clearButton;
    @FXML private Button undoButton;
    @FXML private Button redoButton;
    @FXML private GridView<Integer> thumbnailGrid;
    @FXML private Label summaryLabel;
    @FXML private TableView<ClassRow> classTable;
    @FXML private TableColumn<ClassRow, String> classColumn;
    @FXML private TableColumn<ClassRow, Integer> trainColumn;
    @FXML private TableColumn<ClassRow, Integer> testColumn;
    @FXML private TableColumn<ClassRow, Integer> forgetColumn;
    @FXML private javafx.scene.layout.Pane bandLayer;
    @FXML private ComboBox<org.lethe.ui.forgetset.GridSort> sortChoice;
    @FXML private Button hardestButton;
    @FXML private javafx.scene.control.Spinner<Integer> hardestCount;
    @FXML private Button importButton;
    @FXML private Button exportButton;
    @FXML private TaskProgressView<javafx.concurrent.Task<?>> jobsView;
    @FXML private TabPane tabs;
    @FXML private Tab dataTab;
    @FXML private Tab trainTab;
    @FXML private Tab unlearnTab;
    @FXML private Tab compareTab;
    @FXML private Tab historyTab;
    @FXML private Menu fileMenu;
    @FXML private Menu viewMenu;
    @FXML private Menu helpMenu;
    @FXML private Menu scenariosMenu;
    @FXML private MenuItem openFolderItem;
    @FXML private MenuItem openFileItem;
    @FXML private MenuItem quitItem;
    @FXML private MenuItem aboutItem;
    @FXML private Label statusLabel;

    MainWindowController(MainViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        DatasetBrowserViewModel browser = viewModel.browser();
        datasetChoice.getItems().setAll(DatasetBrowserViewModel.BUILT_IN);
        datasetChoice.getSelectionModel().select(0);
        datasetChoice.setOnAction(e -> {
            DatasetChoice choice = datasetChoice.getValue();
            if (choice != null) {
                browser.load(choice.id());
            }
        });
        openFolderButton.setOnAction(e -> chooseFolder());
        openFileButton.setOnAction(e -> chooseFile());
        openFolderItem.setOnAction(e -> chooseFolder());
        openFileItem.setOnAction(e -> chooseFile());
        quitItem.setOnAction(e -> thumbnailGrid.getScene().getWindow().hide());
        aboutItem.setOnAction(e -> viewModel.setStatus(Strings.format("menu.about.text", org.lethe.app.Launcher.class.getPackage()
                .getImplementationVersion())));

        classFilter.setItems(browser.classFilters());
        classFilter.valueProperty().bindBidirectional(browser.classFilterProperty());
        trainLimitChoice.getItems().setAll(TrainLimit.CHOICES);
        trainLimitChoice.valueProperty().bindBidirectional(browser.trainLimitProperty());

        ThumbnailRenderer renderer = new ThumbnailRenderer(4096);
        thumbnailGrid.setItems(browser.visibleIndices());
        thumbnailGrid.setCellWidth(THUMBNAIL + 6);
        thumbnailGrid.setCellHeight(THUMBNAIL + 6);
        ForgetSelection selection = browser.forgetSelection();
        thumbnailGrid.setCellFactory(grid -> new ThumbnailCell(browser.datasetProperty()::get, renderer, THUMBNAIL,
                selection, browser.visibleIndices(), index -> inspectAction.accept(index)));
        forgetSummary.textProperty().bind(selection.summaryProperty());
        selectClassButton.disableProperty().bind(Bindings.createBooleanBinding(
                () -> browser.classFilterProperty().get() == null
                        || browser.classFilterProperty().get().label() == ClassFilter.ALL,
                browser.classFilterProperty()));
        selectClassButton.setOnAction(e -> selection.selectClass(browser.classFilterProperty().get().label()));
        randomButton.setOnAction(e -> selection.selectRandom(0.1, RANDOM_SEED));
        clearButton.setOnAction(e -> selection.clear());
        undoButton.setOnAction(e -> selection.undo());
        redoButton.setOnAction(e -> selection.redo());
        countLabel.textProperty().bind(Bindings.size(browser.visibleIndices()).asString(Strings.text("dataset.count")));

        summaryLabel.textProperty().bind(browser.summaryTextProperty());
        classColumn.setCellValueFactory(row -> new ReadOnlyObjectWrapper<>(row.getValue().className()));
        trainColumn.setCellValueFactory(row -> new ReadOnlyObjectWrapper<>(row.getValue().train()));
        testColumn.setCellValueFactory(row -> new ReadOnlyObjectWrapper<>(row.getValue().test()));
        classTable.setItems(browser.classRows());

        Bindings.bindContent(jobsView.getTasks(), viewModel.jobs().activeJobs());
        jobsView.visibleProperty().bind(Bindings.isNotEmpty(viewModel.jobs().activeJobs()));
        jobsView.managedProperty().bind(jobsView.visibleProperty());
        statusLabel.textProperty().bind(viewModel.statusProperty());
    }

    /** The workbench's screens, one tab each. */
    public enum Screen { DATA, TRAIN, UNLEARN, COMPARE, HISTORY }

    private Tab tab(Screen screen) {
        return switch (screen) {
            case DATA -> dataTab;
            case TRAIN -> trainTab;
            case UNLEARN -> unlearnTab;
            case COMPARE -> compareTab;
            case HISTORY -> historyTab;
        };
    }

    /** Puts {@code content} into the tab of {@code screen}. */
    public void install(Screen screen, Node content) {
        tab(screen).setContent(content);
    }

    /** Brings {@code screen} to the front. */
    public void show(Screen screen) {
        tabs.getSelectionModel().select(tab(screen));
    }

    /** What double-clicking a thumbnail (or its "Inspect" menu item) does with the image's index. */
    public void setOnInspect(java.util.function.IntConsumer action) {
        this.inspectAction = java.util.Objects.requireNonNull(action, "action");
    }

    /** The File menu, for screens that add their own items (sessions, export). */
    public Menu fileMenu() {
        return fileMenu;
    }

    /** The View menu (themes, lecture mode). */
    public Menu viewMenu() {
        return viewMenu;
    }

    /** The Scenarios menu (lecture presets). */
    public Menu scenariosMenu() {
        return scenariosMenu;
    }

    /** What the tab of {@code screen} shows now (null while empty). */
    public Node content(Screen screen) {
        return tab(screen).getContent();
    }

    /** The window's scene, once the window is built; for shortcuts and window hooks. */
    public javafx.beans.property.ReadOnlyObjectProperty<javafx.scene.Scene> sceneProperty() {
        return tabs.sceneProperty();
    }

    /** The forget-set tools of the Data screen, for {@link org.lethe.ui.forgetset.ForgetSetScreen}. */
    public org.lethe.ui.forgetset.ForgetSetControls forgetSetControls() {
        return new org.lethe.ui.forgetset.ForgetSetControls(thumbnailGrid, bandLayer, sortChoice, hardestButton,
                hardestCount, importButton, exportButton, forgetColumn);
    }

    /** The Help menu. */
    public Menu helpMenu() {
        return helpMenu;
    }

    private void chooseFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(Strings.text("dataset.openFolder.title"));
        File folder = chooser.showDialog(thumbnailGrid.getScene().getWindow());
        if (folder != null) {
            viewModel.browser().load(folder.getPath());
        }
    }

    private void chooseFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Strings.text("dataset.openFile.title"));
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter(Strings.text("dataset.openFile.filter"), "*.tar.gz", "*.tgz",
                        "*-ubyte", "*-ubyte.gz"),
                new FileChooser.ExtensionFilter(Strings.text("files.all"), "*"));
        File file = chooser.showOpenDialog(thumbnailGrid.getScene().getWindow());
        if (file != null) {
            viewModel.browser().load(file.getPath());
        }
    }
}
