package org.lethe.ui.main;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.lethe.ui.common.UiServices;
import org.lethe.ui.dataset.DatasetBrowserViewModel;
import org.lethe.ui.jobs.JobsViewModel;

/** State of the main window: the jobs, the dataset browser and the status line. */
public final class MainViewModel {

    private final JobsViewModel jobs;
    private final DatasetBrowserViewModel browser;
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Ready");

    /** Builds the window's view models on the given services. */
    public MainViewModel(UiServices services) {
        this.jobs = new JobsViewModel(services.jobs());
        this.browser = new DatasetBrowserViewModel(jobs, services.catalog());
        browser.datasetProperty().addListener((obs, old, data) -> {
            if (data != null) {
                status.set("Loaded " + data);
            }
        });
    }

    /** The jobs panel. */
    public JobsViewModel jobs() {
        return jobs;
    }

    /** The dataset browser. */
    public DatasetBrowserViewModel browser() {
        return browser;
    }

    /** The status line. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
