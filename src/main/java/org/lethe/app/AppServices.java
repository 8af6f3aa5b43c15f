package org.lethe.app;

import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.job.QueuedJobRunner;
import org.lethe.engine.model.EngineThreads;
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
        QueuedJobRunner jobs = new QueuedJobRunner();
        // the first job loads the native engine, off the FX thread, before any other job runs
        jobs.submit("Start the engine", ctx -> {
            EngineThreads.set(EngineThreads.defaultCount());
            return null;
        });
        return new AppServices(jobs, DatasetCatalog.fromEnvironment());
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
