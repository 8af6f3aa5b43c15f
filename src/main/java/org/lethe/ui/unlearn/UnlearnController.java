package org.lethe.ui.unlearn;

import java.util.HashMap;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.CheckBoxListCell;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.lethe.ui.common.FieldBinding;
import org.lethe.ui.common.FxmlView;
import org.lethe.ui.common.Strings;

/** Wires the Unlearn screen's controls to its view model; builds each method's form once. */
public final class UnlearnController {

    private final UnlearnViewModel viewModel;
    private final Map<MethodEntry, Node> forms = new HashMap<>();

    @FXML private Button queueButton;
    @FXML private Label queuePlan;
    @FXML private Button checkNoneButton;
    @FXML private ListView<MethodEntry> methodList;
    @FXML private javafx.scene.layout.VBox trainingTimeList;
    @FXML private Label methodTitle;
    @FXML private Label methodDescription;
    @FXML private Button resetParamsButton;
    @FXML private VBox paramHolder;
    @FXML private Label methodError;
    @FXML private Label unlearnForgetSummary;
    @FXML private Label unlearnForgetPerClass;
    @FXML private Label unlearnOriginal;
    @FXML private Label unlearnWarning;
    @FXML private Label comparedLabel;
    @FXML private Label queueProblem;

    private UnlearnController(UnlearnViewModel viewModel) {
        this.viewModel = viewModel;
    }

    /** Loads the Unlearn screen for {@code viewModel}. */
    public static Parent load(UnlearnViewModel viewModel) {
        return FxmlView.UNLEARN_VIEW.load(type -> new UnlearnController(viewModel));
    }

    @FXML
    private void initialize() {
        methodList.setItems(viewModel.methods());
        for (org.lethe.engine.unlearning.TrainingTimeMethod m : org.lethe.engine.unlearning.MethodRegistry.trainingTime()) {
            Label entry = new Label(m.displayName() + "  \u2013  " + m.command());
            entry.setId("training-time-" + m.id());
            entry.getStyleClass().add("training-time-method");
            javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip(m.description());
            tip.setWrapText(true);
            tip.setMaxWidth(420);
            entry.setTooltip(tip);
            trainingTimeList.getChildren().add(entry);
        }
        methodList.setCellFactory(CheckBoxListCell.forListView(MethodEntry::checkedProperty,
                new StringConverter<>() {
                    @Override
                    public String toString(MethodEntry entry) {
                        return entry == null ? "" : entry.displayName();
                    }

                    @Override
                    public MethodEntry fromString(String text) {
                        throw new UnsupportedOperationException();
                    }
                }));
        methodList.getSelectionModel().select(viewModel.selectedProperty().get());
        methodList.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                viewModel.selectedProperty().set(now);
            }
        });
        viewModel.selectedProperty().addListener((obs, old, now) -> show(now));
        show(viewModel.selectedProperty().get());
        resetParamsButton.setOnAction(e -> {
            MethodEntry entry = viewModel.selectedProperty().get();
            if (entry != null) {
                entry.resetDefaults();
            }
        });

        queueButton.disableProperty().bind(viewModel.canQueueProperty().not());
        queueButton.setOnAction(e -> viewModel.queueSelected());
        checkNoneButton.setOnAction(e -> viewModel.uncheckAll());
        queuePlan.textProperty().bind(viewModel.planProperty());
        unlearnForgetSummary.textProperty().bind(viewModel.forgetCountProperty());
        unlearnForgetPerClass.textProperty().bind(viewModel.forgetPerClassProperty());
        unlearnOriginal.textProperty().bind(viewModel.originalTextProperty());
        unlearnWarning.textProperty().bind(viewModel.warningProperty());
        showWhen(unlearnWarning, Bindings.isNotEmpty(viewModel.warningProperty()));
        comparedLabel.textProperty().bind(Bindings.when(Bindings.isEmpty(viewModel.comparedProperty()))
                .then("Nothing yet: queued runs join here as they finish.").otherwise(viewModel.comparedProperty()));
        queueProblem.textProperty().bind(viewModel.problemProperty());
        showWhen(queueProblem, viewModel.problemProperty().isNotNull());
    }

    private static void showWhen(Node node, javafx.beans.value.ObservableValue<Boolean> condition) {
        node.visibleProperty().bind(condition);
        node.managedProperty().bind(condition);
    }

    private void show(MethodEntry entry) {
        methodError.textProperty().unbind();
        if (entry == null) {
            methodTitle.setText("");
            methodDescription.setText("");
            paramHolder.getChildren().clear();
            methodError.setText("");
            return;
        }
        methodTitle.setText(entry.displayName() + "  (" + entry.id() + ")");
        methodDescription.setText(entry.description());
        paramHolder.getChildren().setAll(forms.computeIfAbsent(entry, UnlearnController::buildForm));
        methodError.textProperty().bind(entry.errorProperty());
        if (methodList.getSelectionModel().getSelectedItem() != entry) {
            methodList.getSelectionModel().select(entry);
        }
    }

    /** One row per parameter: name, editor, range; its description below. */
    private static Node buildForm(MethodEntry entry) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("param-grid");
        grid.setHgap(12);
        grid.setVgap(2);
        ColumnConstraints name = new ColumnConstraints();
        name.setMinWidth(120);
        ColumnConstraints editor = new ColumnConstraints(150, 170, 220);
        ColumnConstraints range = new ColumnConstraints();
        range.setMinWidth(90);
        range.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().setAll(name, editor, range);
        int row = 0;
        for (ParamField f : entry.fields()) {
            Label label = new Label(f.name());
            label.getStyleClass().add("param-name");
            Node control = editor(f);
            control.setId("param-" + f.name());
            Label rangeLabel = new Label(f.rangeText());
            rangeLabel.getStyleClass().add("param-range");
            grid.addRow(row++, label, control, rangeLabel);
            Label help = new Label(f.description());
            help.getStyleClass().add("param-help");
            help.setWrapText(true);
            grid.add(help, 0, row++, 3, 1);
        }
        if (entry.fields().isEmpty()) {
            grid.add(new Label(Strings.text("unlearn.noParameters")), 0, 0, 3, 1);
        }
        return grid;
    }

    private static Node editor(ParamField f) {
        switch (f.kind()) {
            case BOOLEAN -> {
                CheckBox box = new CheckBox();
                box.setSelected(Boolean.parseBoolean(f.text()));
                box.selectedProperty().addListener((obs, old, now) -> f.valueProperty().set(Boolean.toString(now)));
                f.valueProperty().addListener((obs, old, now) -> box.setSelected(Boolean.parseBoolean(now)));
                FieldBinding.markInvalid(box, f.errorProperty(), f.description());
                return box;
            }
            case CHOICE -> {
                ComboBox<String> combo = new ComboBox<>();
                combo.getItems().setAll(f.choices());
                combo.valueProperty().bindBidirectional(f.valueProperty());
                combo.setMaxWidth(Double.MAX_VALUE);
                FieldBinding.markInvalid(combo, f.errorProperty(), f.description());
                return combo;
            }
            default -> {
                TextField text = new TextField();
                text.textProperty().bindBidirectional(f.valueProperty());
                FieldBinding.markInvalid(text, f.errorProperty(), f.description());
                return text;
            }
        }
    }
}
