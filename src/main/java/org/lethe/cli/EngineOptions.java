package org.lethe.cli;

import org.lethe.engine.model.EngineThreads;
import picocli.CommandLine.Option;

/** Engine options shared by the commands that train or evaluate models. */
final class EngineOptions {

    @Option(names = "--threads", description = "Engine threads (default: half the cores, or LETHE_THREADS).")
    Integer threads;

    /** Sets the engine's thread count and returns it. */
    int apply() {
        int count = threads == null ? EngineThreads.defaultCount() : threads;
        EngineThreads.set(count);
        return count;
    }
}
