package org.lethe.ui.inspector;

import java.util.Objects;
import java.util.function.Supplier;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.lethe.ui.common.FxmlView;
import org.lethe.ui.common.Themes;
import org.lethe.ui.common.Strings;

/**
 * The inspector's own window, created on first use and reused: inspecting another image replaces
 * its content and brings it to the front. It takes the main window's stylesheets, so it follows
 * the theme.
 */
public final class InspectorWindow {

    private final InspectorViewModel viewModel;
    private final Supplier<Window> owner;
    private Stage stage;

    /** A window for {@code viewModel}, owned by whatever {@code owner} returns when first opened. */
    public InspectorWindow(InspectorViewModel viewModel, Supplier<Window> owner) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        this.owner = Objects.requireNonNull(owner, "owner");
    }

    /** Inspects {@code ref} and shows the window. */
    public void open(SampleRef ref) {
        viewModel.inspect(ref);
        Stage s = stage();
        Window main = owner.get();
        if (main != null && main.getScene() != null) {
            s.getScene().getStylesheets().setAll(main.getScene().getStylesheets());
        }
        s.show();
        s.toFront();
    }

    /** The view model. */
    public InspectorViewModel viewModel() {
        return viewModel;
    }

    private Stage stage() {
        if (stage == null) {
            Parent root = FxmlView.INSPECTOR_VIEW.load(type -> new InspectorController(viewModel));
            stage = new Stage();
            Window main = owner.get();
            if (main != null) {
                stage.initOwner(main);
            }
            Scene scene = new Scene(root, 900, 760);
            Themes.apply(scene, Themes.LIGHT);
            stage.setScene(scene);
            stage.setTitle(Strings.text("inspector.title"));
        }
        return stage;
    }
}
