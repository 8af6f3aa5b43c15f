package org.lethe.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Starts Lethe once more in a child JVM with memory limits when the user's JVM has none (see
 * docs/adr/0005-memory-limits-by-relaunch.md).
 *
 * <p>Why: ND4J keeps its arrays outside the Java heap and frees them when the garbage collector
 * finds them unreachable. With the JVM's default heap (a quarter of the RAM) the collector rarely
 * runs and a LeNet training run grows to several GB of resident memory; a 1 GB heap and JavaCPP's
 * byte limits keep it near 1.5 GB at about the same speed. A jar cannot set its own heap, so
 * {@code java -jar lethe.jar} starts a child JVM with {@link #DEFAULT_OPTIONS} and the same class
 * path, main class and arguments ({@link #GUI_OPTIONS} for the workbench); the child inherits
 * stdin, stdout and stderr, and its exit status becomes the parent's.
 *
 * <p>No relaunch happens when: the system property {@value #RELAUNCHED_PROPERTY} is set (we are the
 * child: no loops), the user disabled it ({@code LETHE_RELAUNCH=0} or {@code -Dlethe.relaunch=false}),
 * the JVM already has memory options of its own (-Xmx, -XX:MaxRAM..., JavaCPP's limits), or it runs
 * with a debugger or agent attached. {@code LETHE_JVM_OPTIONS} (whitespace-separated) replaces the
 * default options.
 */
final class MemoryRelaunch {

    /** Set on the child's command line; its presence means "do not relaunch again". */
    static final String RELAUNCHED_PROPERTY = "lethe.relaunched";

    /**
     * Command-line runs: heap and JavaCPP limits measured in bench/README.md (LeNet on MNIST: 1.5 GB
     * peak RSS instead of 4.6 GB, at about the same speed).
     */
    static final List<String> DEFAULT_OPTIONS = List.of("-Xmx1g", "-Dorg.bytedeco.javacpp.maxBytes=900M",
            "-Dorg.bytedeco.javacpp.maxPhysicalBytes=1400M");

    /**
     * The workbench: the same heap, with room for JavaFX's own native memory (textures, fonts), which
     * counts towards JavaCPP's physical-bytes limit.
     */
    static final List<String> GUI_OPTIONS = List.of("-Xmx1g", "-Dorg.bytedeco.javacpp.maxBytes=1G",
            "-Dorg.bytedeco.javacpp.maxPhysicalBytes=2G");

    /**
     * {@code lethe run}: a scenario keeps the original, the retrain, every method's model and (with
     * {@code referenceModels}) the reference networks alive in one process, and each method builds
     * its own graphs; the command-line limits stopped the random-10 % MNIST preset partway.
     */
    static final List<String> SCENARIO_OPTIONS = List.of("-Xmx1g", "-Dorg.bytedeco.javacpp.maxBytes=2G",
            "-Dorg.bytedeco.javacpp.maxPhysicalBytes=3G");

    private static final List<String> MEMORY_OPTION_PREFIXES = List.of("-Xmx", "-XX:MaxHeapSize", "-XX:MaxRAM",
            "-Dorg.bytedeco.javacpp.maxBytes", "-Dorg.bytedeco.javacpp.maxPhysicalBytes");

    private static final List<String> DEBUG_OPTION_PREFIXES = List.of("-agentlib", "-agentpath", "-javaagent",
            "-Xdebug", "-Xrunjdwp");

    private MemoryRelaunch() {
    }

    /**
     * The JVM options to relaunch with, or empty when this JVM should run Lethe itself.
     *
     * @param gui whether the workbench (rather than a command) is starting
     * @param jvmArguments this JVM's input arguments (RuntimeMXBean)
     * @param env the environment
     * @param relaunchProperty the value of {@code -Dlethe.relaunch}, or null
     * @param relaunchedProperty the value of {@code -Dlethe.relaunched}, or null
     */
    static Optional<List<String>> optionsFor(boolean gui, List<String> jvmArguments, Map<String, String> env,
                                             String relaunchProperty, String relaunchedProperty) {
        if (relaunchedProperty != null) {
            return Optional.empty();
        }
        if (isOff(relaunchProperty) || isOff(env.get("LETHE_RELAUNCH"))) {
            return Optional.empty();
        }
        for (String arg : jvmArguments) {
            if (startsWithAny(arg, MEMORY_OPTION_PREFIXES) || startsWithAny(arg, DEBUG_OPTION_PREFIXES)) {
                return Optional.empty();
            }
        }
        String custom = env.get("LETHE_JVM_OPTIONS");
        if (custom != null && !custom.isBlank()) {
            return Optional.of(List.of(custom.trim().split("\\s+")));
        }
        return Optional.of(gui ? GUI_OPTIONS : DEFAULT_OPTIONS);
    }

    /**
     * The limits for a command: {@link #SCENARIO_OPTIONS} instead of the command-line defaults for
     * {@code run}; anything else (the user's {@code LETHE_JVM_OPTIONS}, the GUI's) unchanged.
     */
    static List<String> forCommand(List<String> options, String[] args) {
        boolean scenario = args.length > 0 && "run".equals(args[0]);
        return scenario && options.equals(DEFAULT_OPTIONS) ? SCENARIO_OPTIONS : options;
    }

    /**
     * The child's command line: the same java executable, this JVM's own options, the relaunch
     * options, the guard property, the class path, the main class and the arguments.
     */
    static List<String> command(Path javaExecutable, List<String> jvmArguments, List<String> options,
                                String classPath, String mainClass, String[] args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable.toString());
        cmd.addAll(jvmArguments);
        cmd.addAll(options);
        cmd.add("-D" + RELAUNCHED_PROPERTY + "=true");
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(mainClass);
        cmd.addAll(Arrays.asList(args));
        return cmd;
    }

    /**
     * Runs the command with this process's stdin, stdout and stderr and returns its exit status.
     * If this JVM is asked to stop (Ctrl-C, SIGTERM) while waiting, the child is asked to stop too.
     */
    static int run(List<String> command) throws java.io.IOException {
        Process child = new ProcessBuilder(command).inheritIO().start();
        Thread stopChild = new Thread(() -> {
            if (child.isAlive()) {
                child.destroy();
                try {
                    child.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "lethe-stop-child");
        Runtime.getRuntime().addShutdownHook(stopChild);
        while (true) {
            try {
                int status = child.waitFor();
                try {
                    Runtime.getRuntime().removeShutdownHook(stopChild);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is already running; nothing to undo
                }
                return status;
            } catch (InterruptedException e) {
                // keep waiting: the child owns the work and decides when it is done
            }
        }
    }

    private static boolean isOff(String value) {
        if (value == null) {
            return false;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        return v.equals("0") || v.equals("false") || v.equals("no") || v.equals("off");
    }

    private static boolean startsWithAny(String arg, List<String> prefixes) {
        for (String p : prefixes) {
            if (arg.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
