package org.lethe.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** When the launcher restarts itself with memory limits, and that the restart is transparent. */
class MemoryRelaunchTest {

    @Test
    void relaunchesOnlyAPlainJvmOnce() {
        assertThat(MemoryRelaunch.optionsFor(false, List.of(), Map.of(), null, null)).contains(MemoryRelaunch.DEFAULT_OPTIONS);
        assertThat(MemoryRelaunch.DEFAULT_OPTIONS).contains("-Xmx1g");
        assertThat(MemoryRelaunch.optionsFor(true, List.of(), Map.of(), null, null)).contains(MemoryRelaunch.GUI_OPTIONS);
        // scenario runs get more native room; other commands and the user's own options keep theirs
        assertThat(MemoryRelaunch.forCommand(MemoryRelaunch.DEFAULT_OPTIONS, new String[] {"run", "s.json"}))
                .isEqualTo(MemoryRelaunch.SCENARIO_OPTIONS);
        assertThat(MemoryRelaunch.forCommand(MemoryRelaunch.DEFAULT_OPTIONS, new String[] {"train"}))
                .isEqualTo(MemoryRelaunch.DEFAULT_OPTIONS);
        assertThat(MemoryRelaunch.forCommand(List.of("-Xmx4g"), new String[] {"run"})).containsExactly("-Xmx4g");
        // unrelated JVM options do not count as memory settings
        assertThat(MemoryRelaunch.optionsFor(false, List.of("-Dfoo=1", "--enable-native-access=ALL-UNNAMED"), Map.of(),
                null, null)).isPresent();
        // the child never relaunches again
        assertThat(MemoryRelaunch.optionsFor(false, List.of(), Map.of(), null, "true")).isEmpty();
        // the user's own memory settings win
        for (String own : List.of("-Xmx4g", "-XX:MaxRAMPercentage=50", "-XX:MaxHeapSize=2g",
                "-Dorg.bytedeco.javacpp.maxPhysicalBytes=8G", "-Dorg.bytedeco.javacpp.maxBytes=4G")) {
            assertThat(MemoryRelaunch.optionsFor(false, List.of(own), Map.of(), null, null)).as(own).isEmpty();
        }
        // debuggers and agents: stay in this JVM
        assertThat(MemoryRelaunch.optionsFor(false, List.of("-agentlib:jdwp=transport=dt_socket"), Map.of(), null, null))
                .isEmpty();
        // switched off
        assertThat(MemoryRelaunch.optionsFor(false, List.of(), Map.of("LETHE_RELAUNCH", "0"), null, null)).isEmpty();
        assertThat(MemoryRelaunch.optionsFor(false, List.of(), Map.of(), "false", null)).isEmpty();
        assertThat(MemoryRelaunch.optionsFor(false, List.of(), Map.of("LETHE_RELAUNCH", "1"), null, null)).isPresent();
        // custom options
        assertThat(MemoryRelaunch.optionsFor(false, List.of(), Map.of("LETHE_JVM_OPTIONS", " -Xmx3g  -Dx=y "), null, null))
                .isEqualTo(Optional.of(List.of("-Xmx3g", "-Dx=y")));
    }

    @Test
    void childCommandKeepsJvmOptionsClassPathMainClassAndArguments() {
        List<String> cmd = MemoryRelaunch.command(Path.of("/jdk/bin/java"), List.of("-Dlethe.threads=2"),
                List.of("-Xmx1g"), "lethe.jar", "org.lethe.app.Launcher", new String[] {"train", "--json", "a b"});
        assertThat(cmd).containsExactly("/jdk/bin/java", "-Dlethe.threads=2", "-Xmx1g", "-Dlethe.relaunched=true",
                "-cp", "lethe.jar", "org.lethe.app.Launcher", "train", "--json", "a b");
    }

    @Test
    void relaunchedChildGetsTheLimitsAndPassesStreamsAndExitStatusThrough() throws Exception {
        Result r = runProbe(Map.of(), "hello from stdin", "one", "two words");
        assertThat(r.status).isEqualTo(7);
        assertThat(r.stdout).contains("child maxMemoryMiB=").contains("maxPhysicalBytes=1400M")
                .contains("args=one|two words").contains("stdin=hello from stdin");
        long maxMiB = Long.parseLong(r.stdout.replaceAll("(?s).*maxMemoryMiB=(\\d+).*", "$1"));
        assertThat(maxMiB).isBetween(900L, 1024L);
        assertThat(r.stderr).contains("child stderr");
        // switched off: the first JVM does the work itself
        Result off = runProbe(Map.of("LETHE_RELAUNCH", "0"), "", "x");
        assertThat(off.status).isZero();
        assertThat(off.stdout).contains("no relaunch");
    }

    private record Result(int status, String stdout, String stderr) {
    }

    private static Result runProbe(Map<String, String> env, String stdin, String... args) throws IOException,
            InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RelaunchProbe.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("LETHE_JVM_OPTIONS");
        pb.environment().remove("LETHE_RELAUNCH");
        pb.environment().putAll(env);
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            in.write((stdin + "\n").getBytes(StandardCharsets.UTF_8));
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("probe finished").isTrue();
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
