package org.lethe.ui.inspector;

import java.util.List;
import java.util.Locale;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.lethe.ui.common.ThumbnailRenderer;
import org.lethe.ui.common.Strings;

/** Draws the view model's inspection: the image and its facts on the left, one block per model. */
public final class InspectorController {

    private final InspectorViewModel viewModel;
    private final ThumbnailRenderer renderer = new ThumbnailRenderer(64);

    @FXML private ImageView image;
    @FXML private Label titleLabel;
    @FXML private Label labelLabel;
    @FXML private Label forgetLabel;
    @FXML private Label noteLabel;
    @FXML private ProgressIndicator busyIndicator;
    @FXML private VBox modelsBox;

    /** A controller showing {@code viewModel}'s inspection. */
    public InspectorController(InspectorViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        busyIndicator.visibleProperty().bind(viewModel.busyProperty());
        busyIndicator.managedProperty().bind(viewModel.busyProperty());
        viewModel.inspectionProperty().addListener((obs, old, now) -> show(now));
        show(viewModel.inspectionProperty().get());
    }

    private void show(SampleInspection s) {
        modelsBox.getChildren().clear();
        forgetLabel.getStyleClass().removeAll("in-forget-set");
        if (s == null) {
            image.setImage(null);
            titleLabel.setText("");
            labelLabel.setText("");
            forgetLabel.setText("");
            noteLabel.setText(Strings.text("inspector.pick"));
            return;
        }
        boolean train = s.ref().origin() == SampleRef.Origin.TRAIN;
        image.setImage(renderer.render(viewModel.splitOf(s.ref()), s.ref().index()));
        titleLabel.setText(Strings.format(train ? "inspector.trainImage" : "inspector.testImage", s.ref().index()));
        labelLabel.setText(Strings.format("inspector.trueLabel", s.className()));
        if (s.inForgetSet()) {
            forgetLabel.setText(Strings.text("inspector.inForgetSet"));
            forgetLabel.getStyleClass().add("in-forget-set");
        } else {
            forgetLabel.setText(Strings.text(train ? "inspector.kept" : "inspector.testSet"));
        }
        noteLabel.setText(s.note());
        noteLabel.setVisible(!s.note().isEmpty());
        noteLabel.setManaged(!s.note().isEmpty());
        List<String> classNames = viewModel.classNames();
        for (ModelOpinion o : s.models()) {
            modelsBox.getChildren().add(block(o, s.label(), classNames));
        }
    }

    private static VBox block(ModelOpinion o, int label, List<String> classNames) {
        Label name = new Label(o.model());
        name.getStyleClass().add("opinion-model");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        String predicted = o.predicted() < classNames.size() ? classNames.get(o.predicted())
                : Integer.toString(o.predicted());
        Label facts = new Label(String.format(Locale.ROOT, "predicts %s \u00b7 loss %.3f \u00b7 p(true) %.3f",
                predicted, o.loss(), o.trueClassConfidence()));
        facts.getStyleClass().add("opinion-facts");
        Label mia = new Label(o.member() == null ? "MIA: \u2026" : o.member() ? "MIA: member" : "MIA: non-member");
        mia.getStyleClass().addAll("opinion-mia", o.member() == null ? "mia-pending"
                : o.member() ? "mia-member" : "mia-non-member");
        HBox header = new HBox(12, name, facts, gap, mia);
        header.getStyleClass().add("opinion-header");
        ProbabilityBars bars = new ProbabilityBars(classNames, o.probabilities(), label, o.predicted());
        VBox block = new VBox(4, header, bars);
        block.getStyleClass().add("model-opinion");
        if (o.predicted() != label) {
            block.getStyleClass().add("misclassified");
        }
        block.setUserData(o.model());
        if (o.computed()) {
            facts.setText(facts.getText() + " \u00b7 computed now");
        }
        return block;
    }
}
