package org.lethe.ui.compare;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.scene.Parent;
import org.lethe.ui.common.DialogService;
import org.lethe.ui.common.FxmlView;
import org.lethe.ui.inspector.InspectorViewModel;
import org.lethe.ui.inspector.InspectorWindow;
import org.lethe.ui.inspector.SampleRef;
import org.lethe.ui.main.MainWindowController;
import org.lethe.ui.workbench.Workbench;
import org.lethe.viz.ChartStyle;
import org.lethe.ui.common.Strings;

/**
 * Builds the dashboard and the inspector on the shared workbench and installs them: the dashboard
 * in the Compare tab, the inspector behind scatter clicks and the Data grid's double-click and
 * "Inspect" menu.
 */
public final class CompareScreen {

    private final CompareViewModel viewModel;
    private final InspectorWindow inspector;
    private final CompareController controller;
    private final Parent root;

    private CompareScreen(CompareViewModel viewModel, InspectorWindow inspector, CompareController controller,
            Parent root) {
        this.viewModel = viewModel;
        this.inspector = inspector;
        this.controller = controller;
        this.root = root;
    }

    /** Builds the screen on {@code workbench} and installs it into {@code main}. */
    public static CompareScreen install(MainWindowController main, Workbench workbench, DialogService dialogs) {
        CompareScreen screen = create(workbench, dialogs);
        main.install(MainWindowController.Screen.COMPARE, screen.root);
        main.setOnInspect(index -> {
            try {
                screen.inspect(SampleRef.train(index));
            } catch (RuntimeException e) {
                dialogs.showError(Strings.format("compare.inspectImageFailed", index), e);
            }
        });
        return screen;
    }

    /** Builds the screen without installing it (tests, other windows). */
    public static CompareScreen create(Workbench workbench, DialogService dialogs) {
        ExecutorService background = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "lethe-compare");
            t.setDaemon(true);
            return t;
        });
        CompareViewModel viewModel = new CompareViewModel(workbench, background, ChartStyle.standard());
        InspectorViewModel inspectorModel = new InspectorViewModel(workbench, background);
        Parent[] holder = new Parent[1];
        InspectorWindow inspector = new InspectorWindow(inspectorModel,
                () -> holder[0].getScene() == null ? null : holder[0].getScene().getWindow());
        CompareController controller = new CompareController(viewModel, inspector, dialogs);
        holder[0] = FxmlView.COMPARE_VIEW.load(type -> controller);
        return new CompareScreen(viewModel, inspector, controller, holder[0]);
    }

    /** Opens the inspector on {@code ref}. */
    public void inspect(SampleRef ref) {
        inspector.open(ref);
    }

    /** The dashboard's state. */
    public CompareViewModel viewModel() {
        return viewModel;
    }

    /** The inspector window. */
    public InspectorWindow inspector() {
        return inspector;
    }

    /** The dashboard's controller (tests reach its chart viewers through it). */
    CompareController controller() {
        return controller;
    }

    /** The dashboard's root node. */
    public Parent root() {
        return root;
    }
}
