package org.lethe.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.job.QueuedJobRunner;
import org.lethe.engine.model.Architecture;
import org.lethe.ui.bench.PulseGapRecorder;
import org.lethe.ui.bench.UiResponsivenessBench;
import org.lethe.ui.common.UiServices;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lethe bench ui}: opens the workbench window, trains a model from the Train screen and runs
 * an unlearning comparison into the Compare dashboard, and reports the gaps between JavaFX pulses
 * (issue #7: no stall over 50 ms while training). Needs a display; on a server run it under Xvfb
 * ({@code xvfb-run -a java -jar lethe.jar bench ui}).
 */
@Command(name = "ui", mixinStandardHelpOptions = true,
        description = "Measure GUI responsiveness (gaps between JavaFX pulses) while the window trains and "
                + "compares. Needs a display, e.g. xvfb-run.")
final class BenchUiCommand implements Callable<Integer> {

    @Option(names = "--dataset", defaultValue = "mnist", description = "Dataset (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--train-limit", defaultValue = "5000",
            description = "Training images, 0 for all (default: ${DEFAULT-VALUE}).")
    int trainLimit;

    @Option(names = "--model", defaultValue = "mlp", description = "Architecture (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--hidden", defaultValue = "256", description = "Hidden widths for mlp (default: ${DEFAULT-VALUE}).")
    String hidden;

    @Option(names = "--epochs", defaultValue = "3", description = "Training epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "64", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--forget-class", defaultValue = "3", description = "Class to forget (default: ${DEFAULT-VALUE}).")
    int forgetClass;

    @Option(names = "--methods", defaultValue = "retrain,ft,ga", split = ",",
            description = "Unlearning methods queued after training (default: ${DEFAULT-VALUE}).")
    List<String> methods;

    @Option(names = "--idle-seconds", defaultValue = "3",
            description = "Idle time before training and on the full dashboard (default: ${DEFAULT-VALUE}).")
    double idleSeconds;

    @Option(names = "--timeout-seconds", defaultValue = "1200",
            description = "Give up after this long (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        UiResponsivenessBench.Settings settings = new UiResponsivenessBench.Settings(dataset, trainLimit,
                Architecture.fromId(model), hidden, epochs, batchSize, forgetClass, methods, idleSeconds);
        int threads = engine.apply();
        double[] loadBefore = loadAverage();
        UiResponsivenessBench.Report report;
        try (QueuedJobRunner jobs = new QueuedJobRunner()) {
            try {
                report = UiResponsivenessBench.run(settings, new UiServices(jobs, DatasetCatalog.fromEnvironment()),
                        Duration.ofSeconds(timeoutSeconds));
            } finally {
                UiResponsivenessBench.stopFx();
            }
        } catch (UnsupportedOperationException e) {
            err.println("lethe bench ui: cannot open a window (" + e.getMessage() + "); run it on a desktop or under"
                    + " Xvfb: xvfb-run -a java -jar lethe.jar bench ui");
            return LetheCli.EXIT_BAD_INPUT;
        }
        double[] loadAfter = loadAverage();
        PulseGapRecorder.Stats all = report.overall();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("pulses", all.pulses());
        result.put("seconds", all.seconds());
        result.put("maxGapMs", all.maxGapMs());
        result.put("p99GapMs", all.p99GapMs());
        result.put("meanGapMs", all.meanGapMs());
        result.put("gapsOver50ms", all.gapsOver50ms());
        result.put("phases", report.phases());
        result.put("longestGaps", report.longestGaps());
        result.put("stallSites", report.stallSites());
        result.put("settings", settings);
        result.put("threads", threads);
        result.put("loadAverageBefore", loadBefore);
        result.put("loadAverageAfter", loadAfter);
        result.put("glass", System.getProperty("glass.platform", System.getenv("DISPLAY") == null ? "?"
                : "gtk on DISPLAY " + System.getenv("DISPLAY")));
        if (json) {
            out.println(Json.write(result));
        } else {
            out.printf(Locale.ROOT, "%d pulses in %.1f s: max gap %.1f ms, p99 %.1f ms, %d gaps over 50 ms%n",
                    all.pulses(), all.seconds(), all.maxGapMs(), all.p99GapMs(), all.gapsOver50ms());
            for (PulseGapRecorder.Stats p : report.phases()) {
                out.printf(Locale.ROOT, "  %-8s %5d pulses in %6.1f s: max %6.1f ms, p99 %6.1f ms, %d over 50 ms%n",
                        p.phase(), p.pulses(), p.seconds(), p.maxGapMs(), p.p99GapMs(), p.gapsOver50ms());
            }
        }
        return 0;
    }

    /** The 1, 5 and 15 minute load averages (Linux), or an empty array. */
    private static double[] loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1]),
                Double.parseDouble(parts[2])};
        } catch (IOException | RuntimeException e) {
            return new double[0];
        }
    }
}
