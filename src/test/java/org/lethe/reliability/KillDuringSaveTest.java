package org.lethe.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.engine.model.ModelStore;
import org.lethe.engine.model.TrainedModel;

/**
 * Kill-during-save (issue #8): a child JVM ({@link SaveLoopMain}) saves version after version of a
 * model to one path; the test kills it with SIGKILL ({@link Process#destroyForcibly()} on Linux)
 * several times over (alternately at a random moment of the save cycle and as soon as the temp
 * file of a save appears, i.e. in the middle of writing it), and checks after every kill that the file at the path is
 * a complete, loadable model: the last version the child reported, or the one it was about to
 * report, never a mixture and never a torn file.
 */
class KillDuringSaveTest {

    private static final int KILLS = 4;


    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void theModelFileIsAlwaysACompletePreviousVersion(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.lethe");
        ModelStore store = new ModelStore();
        SplittableRandom random = new SplittableRandom(20261123);
        long previous = -1;
        int midSave = 0;
        List<String> outcomes = new ArrayList<>();
        for (int kill = 0; kill < KILLS; kill++) {
            long first = 1_000_000L * (kill + 1);
            Process child = start(file, first);
            LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
            AtomicLong lastSaved = new AtomicLong(-1);
            Thread reader = drain(child, lines, lastSaved);
            int savesBeforeKill = random.nextInt(2, 6);
            int seen = 0;
            long firstSaveNanos = 0;
            while (seen < savesBeforeKill) {
                String line = lines.poll(60, TimeUnit.SECONDS);
                assertThat(line).as("child output (kill %d)", kill).isNotNull();
                if (line.startsWith("saved ")) {
                    seen++;
                    if (seen == 1) {
                        firstSaveNanos = System.nanoTime();
                    }
                }
            }
            if (kill % 2 == 0) {
                // a random moment of the save cycle
                long periodMillis = Math.max(1, (System.nanoTime() - firstSaveNanos) / 1_000_000 / (seen - 1));
                Thread.sleep(random.nextLong(0, periodMillis));
            } else {
                // as soon as the next save's temp file appears: in the middle of writing it
                awaitTempFile(dir, 20_000);
            }
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(5_000);
            assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);

            long reported = lastSaved.get();
            TrainedModel loaded = store.load(file);
            long version = loaded.provenance().methodParams().get("version").asLong();
            assertThat(version).as("kill %d: the file holds the last reported save or the one after it", kill)
                    .isBetween(reported, reported + 1);
            float[] expected = SaveLoopMain.parameters(version, expectedCount(loaded));
            assertThat(loaded.network().params().toFloatVector()).as("kill %d: parameters of version %d", kill,
                    version).containsExactly(expected);
            assertThat(version).isGreaterThan(previous);
            previous = version;
            List<String> temps = tempFiles(dir);
            if (!temps.isEmpty()) {
                midSave++;
            }
            outcomes.add("kill " + kill + ": reported " + reported + ", file holds " + version
                    + (temps.isEmpty() ? "" : ", killed mid-save (temp file " + temps + " left)"));
            for (String temp : temps) {
                Files.delete(dir.resolve(temp));
            }
        }
        System.out.println("Kill-during-save: " + KILLS + " SIGKILLs, " + midSave + " of them mid-save; the file"
                + " was a complete, loadable previous version every time\n  " + String.join("\n  ", outcomes));
        assertThat(midSave).as("kills that interrupted a write (a temp file was left)").isPositive();
    }

    private static void awaitTempFile(Path dir, long millis) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (!tempFiles(dir).isEmpty()) {
                return;
            }
            Thread.sleep(0, 200_000);
        }
    }

    private static int expectedCount(TrainedModel loaded) {
        return Math.toIntExact(loaded.network().numParams());
    }

    private static Process start(Path file, long firstVersion) throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xmx512m",
                "-Dorg.bytedeco.javacpp.maxPhysicalBytes=2G", "-cp", classPath, SaveLoopMain.class.getName(),
                file.toString(), Long.toString(firstVersion));
        builder.environment().put("OMP_NUM_THREADS", "1");
        builder.redirectErrorStream(true);
        return builder.start();
    }

    private static Thread drain(Process child, LinkedBlockingQueue<String> lines, AtomicLong lastSaved) {
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("saved ")) {
                        lastSaved.set(Long.parseLong(line.substring(6).trim()));
                    }
                    lines.add(line);
                }
            } catch (IOException e) {
                // the child was killed; its pipe closes
            }
        }, "child-output");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static List<String> tempFiles(Path dir) throws IOException {
        return tempFilesOtherThan(dir, "model.lethe");
    }

    private static List<String> tempFilesOtherThan(Path dir, String keep) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> !n.equals(keep)).sorted().toList();
        }
    }
}
