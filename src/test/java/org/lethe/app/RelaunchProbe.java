package org.lethe.app;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A stand-in for {@link Launcher} in {@link MemoryRelaunchTest}: the parent decides and relaunches
 * exactly as the launcher does; the child reports its heap limit, arguments and one line of stdin,
 * and exits with status 7.
 */
public final class RelaunchProbe {

    private RelaunchProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty(MemoryRelaunch.RELAUNCHED_PROPERTY) != null) {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            System.out.println("child maxMemoryMiB=" + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                    + " maxPhysicalBytes=" + System.getProperty("org.bytedeco.javacpp.maxPhysicalBytes")
                    + " args=" + String.join("|", args) + " stdin=" + line);
            System.err.println("child stderr");
            System.exit(7);
        }
        List<String> jvm = ManagementFactory.getRuntimeMXBean().getInputArguments();
        Optional<List<String>> options = MemoryRelaunch.optionsFor(false, jvm, System.getenv(),
                System.getProperty("lethe.relaunch"), null);
        if (options.isEmpty()) {
            System.out.println("no relaunch, maxMemoryMiB=" + Runtime.getRuntime().maxMemory() / (1024 * 1024));
            System.exit(0);
        }
        System.exit(MemoryRelaunch.run(MemoryRelaunch.command(Path.of(System.getProperty("java.home"), "bin", "java"),
                jvm, options.get(), System.getProperty("java.class.path"), RelaunchProbe.class.getName(), args)));
    }
}
