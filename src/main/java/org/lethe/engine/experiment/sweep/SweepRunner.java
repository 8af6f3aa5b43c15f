package org.lethe.engine.experiment.sweep;

import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.unlearning.MethodRegistry;

/**
 * Where a sweep's tasks run. A backend executes every task of a {@link SweepPlan} after the tasks it
 * depends on and collects their results; the scenario runner turns those into the report, the same
 * way for every backend. {@link InProcessSweepRunner} is the default; cluster backends come through
 * {@link SweepBackend}.
 */
public interface SweepRunner extends AutoCloseable {

    /**
     * Runs every task of {@code plan}.
     *
     * @param registry the methods (a remote backend's workers use {@link MethodRegistry#standard()})
     * @param catalog where the scenario's dataset is found (a remote backend sends its folders to the workers)
     * @throws org.lethe.engine.job.JobCancelledException if {@code ctx} is cancelled
     */
    SweepOutcome run(SweepPlan plan, MethodRegistry registry, DatasetCatalog catalog, JobContext ctx);

    /** A short description for logs, e.g. {@code in-process} or {@code spark local[2]}. */
    String describe();

    /** Releases what the backend holds (a Spark context); nothing by default. */
    @Override
    default void close() {
    }
}
