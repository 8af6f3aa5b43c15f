package org.lethe.ui.common;

import java.util.Objects;
import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.job.QueuedJobRunner;

/**
 * The engine services the screens use, handed in by the composition root (no singletons).
 *
 * @param jobs the queue that runs every long action
 * @param catalog resolves dataset names such as {@code mnist}
 */
public record UiServices(QueuedJobRunner jobs, DatasetCatalog catalog) {

    public UiServices {
        Objects.requireNonNull(jobs, "jobs");
        Objects.requireNonNull(catalog, "catalog");
    }
}
