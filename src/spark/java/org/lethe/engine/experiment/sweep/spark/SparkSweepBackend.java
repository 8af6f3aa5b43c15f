package org.lethe.engine.experiment.sweep.spark;

import java.nio.file.Path;
import java.util.Map;
import org.lethe.engine.experiment.sweep.SweepBackend;
import org.lethe.engine.experiment.sweep.SweepRunner;

/** Registers {@link SparkSweepRunner} under the name {@code spark}. */
public final class SparkSweepBackend implements SweepBackend {

    /** The name {@code lethe run --spark} looks for. */
    public static final String NAME = "spark";

    @Override
    public String name() {
        return NAME;
    }

    /** Whether spark-core is on the class path. */
    @Override
    public boolean available() {
        try {
            Class.forName("org.apache.spark.SparkContext", false, SparkSweepBackend.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    @Override
    public SweepRunner open(String target, Path workspace, Map<String, String> settings) {
        return new SparkSweepRunner(target, workspace, settings);
    }
}
