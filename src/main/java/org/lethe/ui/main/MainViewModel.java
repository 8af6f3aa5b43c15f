package org.lethe.ui.main;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.lethe.ui.common.UiServices;
import org.lethe.ui.dataset.DatasetBrowserViewModel;
import org.lethe.ui.jobs.JobsViewModel;
import org.lethe.ui.workbench.Workbench;
import org.lethe.ui.common.Strings;

/** State of the main window: the shared workbench and the status line. */
public final class MainViewModel {

    private final Workbench workbench;
    private final org.lethe.ui.session.SessionViewModel session;
    private final org.lethe.ui.lecture.PresetRunner presets;
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(Strings.text("status.ready"));

    /** Builds the window's view models on the given services. */
    public MainViewModel(UiServices services) {
        this.workbench = new Workbench(services);
        this.session = new org.lethe.ui.session.SessionViewModel(workbench,
                services.catalog().userDataDir().resolve("sessions"));
        this.presets = new org.lethe.ui.lecture.PresetRunner(workbench);
        workbench.datasetProperty().addListener((obs, old, data) -> {
            if (data != null) {
                status.set(Strings.format("status.loaded", data));
            }
        });
        workbench.originalProperty().addListener((obs, old, model) -> {
            if (model != null) {
                status.set(Strings.format("status.original", model.spec().architecture().id(),
                        model.provenance().seconds()));
            }
        });
    }

    /** The state every screen shares. */
    public Workbench workbench() {
        return workbench;
    }

    /** The session: its file, unsaved changes, open/save/autosave. */
    public org.lethe.ui.session.SessionViewModel session() {
        return session;
    }

    /** Runs scenario presets and the first-run demo. */
    public org.lethe.ui.lecture.PresetRunner presets() {
        return presets;
    }

    /** The jobs panel. */
    public JobsViewModel jobs() {
        return workbench.jobs();
    }

    /** The dataset browser. */
    public DatasetBrowserViewModel browser() {
        return workbench.browser();
    }

    /** The status line. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Replaces the status line. */
    public void setStatus(String text) {
        status.set(text);
    }
}
