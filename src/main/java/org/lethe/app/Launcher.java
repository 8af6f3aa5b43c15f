package org.lethe.app;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.lethe.cli.LetheCli;

/**
 * The main class of {@code lethe.jar}. Without arguments it opens the workbench; with arguments
 * it runs a command-line command and exits with its status. It does not extend
 * {@code javafx.application.Application}, so the jar starts with JavaFX on the class path.
 *
 * <p>Started without memory options ({@code java -jar lethe.jar ...}) it first restarts itself once
 * with Lethe's memory limits ({@link MemoryRelaunch}, docs/adr/0005-memory-limits-by-relaunch.md),
 * passing arguments, standard streams and the exit status through.
 */
public final class Launcher {

    private Launcher() {
    }

    /** Entry point. */
    public static void main(String[] args) {
        List<String> jvmArguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
        Optional<List<String>> options = MemoryRelaunch.optionsFor(args.length == 0, jvmArguments, System.getenv(),
                System.getProperty("lethe.relaunch"), System.getProperty(MemoryRelaunch.RELAUNCHED_PROPERTY));
        if (options.isPresent()) {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            List<String> command = MemoryRelaunch.command(java, jvmArguments,
                    MemoryRelaunch.forCommand(options.get(), args),
                    System.getProperty("java.class.path"), Launcher.class.getName(), args);
            try {
                System.exit(MemoryRelaunch.run(command));
            } catch (java.io.IOException e) {
                // could not start a second JVM (unusual installs): run here with the JVM's defaults
                org.slf4j.LoggerFactory.getLogger(Launcher.class).warn(
                        "could not restart with memory limits ({}); running with the JVM's defaults", e.getMessage());
            }
        }
        if (args.length == 0) {
            LetheApp.launchWorkbench(args);
        } else {
            System.exit(LetheCli.execute(args));
        }
    }
}
