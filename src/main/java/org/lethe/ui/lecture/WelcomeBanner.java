package org.lethe.ui.lecture;

import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.lethe.ui.session.SessionViewModel;
import org.lethe.ui.workbench.Workbench;
import org.lethe.ui.common.Strings;

/**
 * The first-run banner above the Data tab: while the workbench shows the full sample MNIST with no
 * model, no runs and no opened session, it offers "Start the demo"; during the demo it shows what
 * runs; afterwards how long it took. Dismissable.
 */
public final class WelcomeBanner extends VBox {

    private final ObjectProperty<PresetPlan> plan = new SimpleObjectProperty<>(this, "plan");
    private final SimpleBooleanProperty dismissed = new SimpleBooleanProperty(this, "dismissed");
    private final Label title = new Label(Strings.text("lecture.welcome"));
    private final Label text = new Label();
    private final Button start = new Button(Strings.text("lecture.welcomeStart"));
    private final Button close = new Button("\u2715");

    /**
     * A banner over {@code workbench}; the demo runs through {@code runner} and {@code onDone}
     * receives its outcome (e.g. to show the dashboard).
     */
    public WelcomeBanner(Workbench workbench, SessionViewModel session, PresetRunner runner,
            Consumer<PresetRunner.Outcome> onDone) {
        setId("welcomeBanner");
        getStyleClass().add("welcome-banner");
        plan.set(DemoPlans.standard());
        title.getStyleClass().add("welcome-title");
        text.getStyleClass().add("welcome-text");
        text.setWrapText(true);
        start.setId("startDemoButton");
        start.getStyleClass().add("welcome-start");
        start.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        close.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        close.setId("dismissBannerButton");
        close.getStyleClass().add("welcome-close");
        VBox words = new VBox(2, title, text);
        HBox.setHgrow(words, Priority.ALWAYS);
        HBox row = new HBox(14, words, start, close);
        row.setAlignment(Pos.CENTER_LEFT);
        getChildren().add(row);

        // shown from the start (while the sample MNIST loads) so that the layout does not jump afterwards
        BooleanBinding firstRun = Bindings.createBooleanBinding(() -> {
            var origin = workbench.browser().originProperty().get();
            boolean mnist = workbench.datasetProperty().get() == null || origin != null && origin.isFull("mnist");
            return mnist && workbench.originalProperty().get() == null && workbench.history().isEmpty()
                    && !session.restoredProperty().get();
        }, workbench.browser().originProperty(), workbench.datasetProperty(), workbench.originalProperty(),
                workbench.history(), session.restoredProperty());
        start.disableProperty().bind(workbench.datasetProperty().isNull());
        SimpleBooleanProperty finished = new SimpleBooleanProperty();
        BooleanBinding shown = dismissed.not().and(firstRun.or(runner.runningProperty()).or(finished));
        visibleProperty().bind(shown);
        managedProperty().bind(shown);
        start.visibleProperty().bind(runner.runningProperty().not().and(finished.not()));
        start.managedProperty().bind(start.visibleProperty());

        text.textProperty().bind(Bindings.createStringBinding(() -> {
            if (runner.runningProperty().get() || finished.get()) {
                return runner.statusProperty().get();
            }
            PresetPlan p = plan.get();
            return p == null ? "" : Strings.format("lecture.welcomeText", p.trainLimit() == null ? 0 : p.trainLimit(),
                    String.join(", ", p.methods().stream().map(m -> m.id().toUpperCase(java.util.Locale.ROOT))
                            .toList()));
        }, runner.runningProperty(), runner.statusProperty(), finished, plan));

        start.setOnAction(e -> {
            finished.set(false);
            title.setText(Strings.text("lecture.demoRunning"));
            runner.start(plan.get(), outcome -> {
                finished.set(true);
                title.setText(Strings.text(outcome.complete() ? "lecture.demoFinished" : "lecture.demoStopped"));
                onDone.accept(outcome);
            });
        });
        close.setOnAction(e -> dismissed.set(true));
    }

    /** The demo the button starts (tests and lecturers may replace it). */
    public ObjectProperty<PresetPlan> planProperty() {
        return plan;
    }

    /** Hides the banner for good. */
    public void dismiss() {
        dismissed.set(true);
    }
}
