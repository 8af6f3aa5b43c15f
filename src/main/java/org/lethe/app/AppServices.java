package org.lethe.app;

import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.job.QueuedJobRunner;
import org.lethe.ui.common.UiServices;

/**
 * Builds and owns the engine services of one workbench process.
 *
 * @param jobs the background job queue (one job at a time)
 * @param catalog where named datasets live
 */
public record AppServices(QueuedJobRunner jobs, DatasetCatalog catalog) implements AutoCloseable {

    /** The services of a normal desktop session. */
    public static AppServices create() {
        return new AppServices(new QueuedJobRunner(), DatasetCatalog.fromEnvironment());
    }

    /** What the GUI needs of these services. */
    public UiServices ui() {
        return new UiServices(jobs, catalog);
    }

    @Override
    public void close() {
        jobs.close();
    }
}
