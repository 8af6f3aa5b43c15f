package org.lethe.cli;

import org.lethe.engine.model.EngineThreads;
import org.lethe.engine.model.Parallelism;
import picocli.CommandLine.Option;

/** Engine options shared by the commands that train or evaluate models. */
final class EngineOptions {

    @Option(names = "--threads", description = "Engine threads (default: half the cores, or LETHE_THREADS).")
    Integer threads;

    @Option(names = "--parallelism", paramLabel = "MODE", converter = ParallelismConverter.class,
            description = "How training uses several threads: data-parallel (network copies share each batch) or "
                    + "intra-op (threads inside each operation); default intra-op, or LETHE_PARALLELISM.")
    Parallelism parallelism;

    /** Sets the engine's thread count and mode and returns the count. */
    int apply() {
        int count = threads == null ? EngineThreads.defaultCount() : threads;
        EngineThreads.set(count, parallelism == null ? EngineThreads.defaultParallelism() : parallelism);
        return count;
    }

    /** Reads a {@link Parallelism} from its id. */
    static final class ParallelismConverter implements picocli.CommandLine.ITypeConverter<Parallelism> {
        @Override
        public Parallelism convert(String value) {
            return Parallelism.fromId(value);
        }
    }
}
