package org.lethe.engine.experiment.sweep;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * A cluster engine that can run sweeps, found at run time through {@link ServiceLoader} so the
 * engine's libraries stay off the class path of builds that do not include it (the Spark backend
 * is built only with the {@code spark} Maven profile).
 */
public interface SweepBackend {

    /** The name users pick it by, e.g. {@code spark}. */
    String name();

    /**
     * Opens a runner.
     *
     * @param target where to run, in the engine's own terms (for Spark a master URL such as
     *     {@code local[2]} or {@code spark://host:7077}; empty to take the engine's configured default)
     * @param workspace the folder the tasks' models and results go to; every worker must reach it
     *     under the same path
     * @param settings engine settings passed through as they are (for Spark, {@code spark.*} keys)
     */
    SweepRunner open(String target, Path workspace, Map<String, String> settings);

    /**
     * Whether the engine's libraries are on the class path (a backend class left over from another
     * build can be present without them).
     */
    default boolean available() {
        return true;
    }

    /**
     * The backend called {@code name}, if this build has it and its libraries. A registration whose
     * class is missing (a {@code META-INF/services} file left in {@code target/classes} by a build with
     * another profile) counts as none.
     */
    static Optional<SweepBackend> find(String name) {
        java.util.Iterator<SweepBackend> providers =
                ServiceLoader.load(SweepBackend.class, SweepBackend.class.getClassLoader()).iterator();
        for (int attempt = 0; attempt < 64; attempt++) {
            try {
                if (!providers.hasNext()) {
                    break;
                }
                SweepBackend backend = providers.next();
                if (backend.name().equalsIgnoreCase(name) && backend.available()) {
                    return Optional.of(backend);
                }
            } catch (ServiceConfigurationError | LinkageError e) {
                // skip it: the iterator moves on to the next registration
            }
        }
        return Optional.empty();
    }
}
