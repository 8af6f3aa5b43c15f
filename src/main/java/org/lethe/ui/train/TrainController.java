package org.lethe.ui.train;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.jfree.chart.fx.ChartViewer;
import org.lethe.engine.LetheException;
import org.lethe.engine.model.Architecture;
import org.lethe.engine.model.ModelStore;
import org.lethe.engine.model.Precision;
import org.lethe.engine.model.optim.OptimizerConfig;
import org.lethe.ui.common.DialogService;
import org.lethe.ui.common.FieldBinding;
import org.lethe.ui.common.FxmlView;
import org.lethe.ui.common.Strings;

/** Wires the Train screen's controls to its view model; holds no state of its own. */
public final class TrainController {

    private final TrainViewModel viewModel;
    private final DialogService dialogs;

    @FXML private Button startTrainingButton;
    @FXML private Button cancelTrainingButton;
    @FXML private ProgressBar trainProgress;
    @FXML private Label trainProgressText;
    @FXML private Label trainDataLabel;
    @FXML private ComboBox<Architecture> architectureChoice;
    @FXML private TextField hiddenWidthsField;
    @FXML private CheckBox batchNormCheck;
    @FXML private ComboBox<Precision> precisionChoice;
    @FXML private TextField epochsField;
    @FXML private TextField batchSizeField;
    @FXML private ComboBox<OptimizerConfig.Kind> optimizerChoice;
    @FXML private TextField learningRateField;
    @FXML private HBox momentumRow;
    @FXML private TextField momentumField;
    @FXML private TextField weightDecayField;
    @FXML private ComboBox<ScheduleKind> scheduleChoice;
    @FXML private HBox stepSizeRow;
    @FXML private TextField stepSizeField;
    @FXML private HBox gammaRow;
    @FXML private TextField gammaField;
    @FXML private TextField seedField;
    @FXML private Label trainProblemLabel;
    @FXML private StackPane chartHolder;
    @FXML private Label noModelLabel;
    @FXML private GridPane modelSummary;
    @FXML private Label summaryArchitecture;
    @FXML private Label summaryParameters;
    @FXML private Label summaryTestAccuracy;
    @FXML private Label summaryTime;
    @FXML private Label summaryData;
    @FXML private Label summaryRecipe;
    @FXML private Label summaryWarning;
    @FXML private Button saveModelButton;
    @FXML private Button openModelButton;

    private TrainController(TrainViewModel viewModel, DialogService dialogs) {
        this.viewModel = viewModel;
        this.dialogs = dialogs;
    }

    /** Loads the Train screen for {@code viewModel}. */
    public static Parent load(TrainViewModel viewModel, DialogService dialogs) {
        return FxmlView.TRAIN_VIEW.load(type -> new TrainController(viewModel, dialogs));
    }

    @FXML
    private void initialize() {
        architectureChoice.getItems().setAll(Architecture.values());
        architectureChoice.setConverter(named(Architecture::id));
        architectureChoice.valueProperty().bindBidirectional(viewModel.architectureProperty());
        FieldBinding.bind(hiddenWidthsField, viewModel.hiddenWidths());
        hiddenWidthsField.disableProperty().bind(viewModel.hiddenWidthsEditableProperty().not());
        batchNormCheck.selectedProperty().bindBidirectional(viewModel.batchNormProperty());
        batchNormCheck.disableProperty().bind(viewModel.batchNormEditableProperty().not());
        precisionChoice.getItems().setAll(Precision.values());
        precisionChoice.setConverter(named(p -> p == Precision.DOUBLE ? "float64" : "float32"));
        precisionChoice.valueProperty().bindBidirectional(viewModel.precisionProperty());

        FieldBinding.bind(epochsField, viewModel.epochs());
        FieldBinding.bind(batchSizeField, viewModel.batchSize());
        optimizerChoice.getItems().setAll(OptimizerConfig.Kind.values());
        optimizerChoice.setConverter(named(k -> k == OptimizerConfig.Kind.ADAM ? "Adam" : "SGD with momentum"));
        optimizerChoice.valueProperty().bindBidirectional(viewModel.optimizerProperty());
        FieldBinding.bind(learningRateField, viewModel.learningRate());
        FieldBinding.bind(momentumField, viewModel.momentum());
        ObservableValue<Boolean> sgd = viewModel.optimizerProperty().isEqualTo(OptimizerConfig.Kind.SGD);
        showWhen(sgd, momentumRow);
        FieldBinding.bind(weightDecayField, viewModel.weightDecay());
        scheduleChoice.getItems().setAll(ScheduleKind.values());
        scheduleChoice.valueProperty().bindBidirectional(viewModel.scheduleProperty());
        FieldBinding.bind(stepSizeField, viewModel.stepSize());
        FieldBinding.bind(gammaField, viewModel.gamma());
        showWhen(viewModel.scheduleProperty().isEqualTo(ScheduleKind.STEP), stepSizeRow, gammaRow);
        FieldBinding.bind(seedField, viewModel.seed());
        trainProblemLabel.textProperty().bind(viewModel.problemProperty());
        showWhen(viewModel.problemProperty().isNotNull(), trainProblemLabel);

        startTrainingButton.disableProperty().bind(viewModel.canStartProperty().not());
        startTrainingButton.setOnAction(e -> viewModel.start());
        cancelTrainingButton.disableProperty().bind(viewModel.runningProperty().not());
        cancelTrainingButton.setOnAction(e -> viewModel.cancel());
        trainProgress.progressProperty().bind(viewModel.progressProperty());
        trainProgressText.textProperty().bind(viewModel.progressTextProperty());
        trainDataLabel.textProperty().bind(Bindings.createStringBinding(() -> {
            var data = viewModel.datasetProperty().get();
            return data == null ? "" : String.format("%s: %,d training / %,d test images", data.name(),
                    data.train().count(), data.test().count());
        }, viewModel.datasetProperty()));

        ChartViewer viewer = new ChartViewer(viewModel.curvesProperty().get().chart());
        viewer.setId("trainingChart");
        chartHolder.getChildren().add(viewer);
        viewModel.curvesProperty().addListener((obs, old, now) -> viewer.setChart(now.chart()));

        showWhen(viewModel.summaryProperty().isNotNull(), modelSummary);
        showWhen(viewModel.summaryProperty().isNull(), noModelLabel);
        viewModel.summaryProperty().addListener((obs, old, now) -> showSummary(now));
        showSummary(viewModel.summaryProperty().get());
        saveModelButton.disableProperty().bind(viewModel.canSaveProperty().not());
        saveModelButton.setOnAction(e -> chooseSaveFile());
        openModelButton.disableProperty().bind(viewModel.datasetProperty().isNull());
        openModelButton.setOnAction(e -> chooseOpenFile());
    }

    /** Shows combo-box values by {@code name}. */
    private static <T> StringConverter<T> named(java.util.function.Function<T, String> name) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : name.apply(value);
            }

            @Override
            public T fromString(String text) {
                throw new UnsupportedOperationException("choices are not typed in");
            }
        };
    }

    private static void showWhen(ObservableValue<Boolean> condition, Node... nodes) {
        for (Node n : Arrays.asList(nodes)) {
            n.visibleProperty().bind(condition);
            n.managedProperty().bind(condition);
        }
    }

    private void showSummary(ModelSummary s) {
        summaryArchitecture.setText(s == null ? "" : s.architecture());
        summaryParameters.setText(s == null ? "" : s.parameters());
        summaryTestAccuracy.setText(s == null ? "" : s.testAccuracy());
        summaryTime.setText(s == null ? "" : s.time());
        summaryData.setText(s == null ? "" : s.data());
        summaryRecipe.setText(s == null ? "" : s.recipe());
        summaryWarning.setText(s == null ? "" : s.warning());
        summaryWarning.setVisible(s != null && !s.warning().isEmpty());
        summaryWarning.setManaged(summaryWarning.isVisible());
    }

    private FileChooser modelChooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Lethe models (*" + ModelStore.EXTENSION + ")", "*" + ModelStore.EXTENSION),
                new FileChooser.ExtensionFilter("All files", "*"));
        return chooser;
    }

    private void chooseSaveFile() {
        FileChooser chooser = modelChooser("Save the original model");
        ModelSummary s = viewModel.summaryProperty().get();
        chooser.setInitialFileName(viewModel.suggestedFileName());
        File file = chooser.showSaveDialog(chartHolder.getScene().getWindow());
        if (file == null || s == null) {
            return;
        }
        try {
            viewModel.save(TrainViewModel.saveTarget(file.toPath()));
        } catch (LetheException e) {
            dialogs.showError(Strings.text("train.saveFailed"), e);
        }
    }

    private void chooseOpenFile() {
        File file = modelChooser("Open a model").showOpenDialog(chartHolder.getScene().getWindow());
        if (file != null) {
            Path path = file.toPath();
            viewModel.open(path);
        }
    }
}
