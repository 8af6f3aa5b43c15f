package org.lethe.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToLongFunction;
import org.bytedeco.javacpp.Pointer;
import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.data.forget.ForgetSetSpec;
import org.lethe.engine.evaluation.ModelEvaluator;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.Architecture;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.ModelTraining;
import org.lethe.engine.model.TrainedModel;
import org.lethe.engine.model.TrainingConfig;
import org.lethe.engine.unlearning.DataSplits;
import org.lethe.engine.unlearning.MethodDescriptor;
import org.lethe.engine.unlearning.MethodRegistry;
import org.lethe.engine.unlearning.UnlearningResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lethe bench soak}: runs many train / unlearn / evaluate cycles on a small MNIST subset and
 * measures, after every cycle and a full garbage collection, the heap in use, the process's
 * resident set (VmRSS) and the native memory JavaCPP tracks for ND4J (what it allocated, and the
 * physical memory it sees). A leak shows as growth once the first cycles have warmed the JIT and
 * the caches; the goal (issue #8) is under 5%.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "Repeat train/unlearn/evaluate cycles and report memory growth (leak check).")
final class BenchSoakCommand implements Callable<Integer> {

    /** Growth goal in percent. */
    static final double GOAL_PERCENT = 5;

    @Option(names = "--cycles", defaultValue = "50", description = "Cycles to run (default: ${DEFAULT-VALUE}).")
    int cycles;

    @Option(names = "--warmup-cycles", defaultValue = "5",
            description = "Cycles before the growth baseline (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--model", defaultValue = "mlp", description = "logreg, mlp or lenet (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--train-limit", defaultValue = "2000",
            description = "Training images per cycle (default: ${DEFAULT-VALUE}).")
    int trainLimit;

    @Option(names = "--methods", defaultValue = "ft,ga,rl,bs,l1-sparse,salun", split = ",",
            description = "Unlearning methods, one per cycle in turn (default: ${DEFAULT-VALUE}).")
    List<String> methods;

    @Option(names = "--seed", defaultValue = "7", description = "Base seed; cycle i uses seed + i.")
    long seed;

    @Option(names = "--fail-above", description = "Exit with status 1 when a growth figure exceeds this percentage.")
    Double failAbove;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec spec;

    /** Memory after one cycle. */
    record Sample(int cycle, double seconds, long heapBytes, long rssBytes, long offHeapBytes, long physicalBytes) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (cycles < 1 || warmup < 0 || warmup >= cycles) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--cycles must be at least 1 and larger than --warmup-cycles (" + warmup + ")");
        }
        int threads = engine.apply();
        MethodRegistry registry = MethodRegistry.standard();
        List<MethodDescriptor<?>> rotation = new ArrayList<>();
        for (String id : methods) {
            rotation.add(registry.byId(id.trim()));
        }
        Architecture architecture = Architecture.fromId(model);
        ImageDataset data = DatasetCatalog.fromEnvironment().load(DatasetCatalog.MNIST, JobContext.detached())
                .limitTrain(trainLimit);
        JobContext ctx = JobContext.detached();
        List<Sample> samples = new ArrayList<>();
        if (!json) {
            out.printf(Locale.ROOT, "soak: %d cycles of train (%s, %d images, 1 epoch) / unlearn (%s) / evaluate,"
                    + " %d thread(s)%n", cycles, architecture.id(), data.train().count(), String.join(", ", methods),
                    threads);
            out.println("cycle  method        seconds   heap MB    RSS MB  off-heap MB  physical MB");
            out.flush();
        }
        for (int cycle = 1; cycle <= cycles; cycle++) {
            long start = System.nanoTime();
            long cycleSeed = seed + cycle;
            MethodDescriptor<?> method = rotation.get((cycle - 1) % rotation.size());
            runCycle(data, architecture, method, cycleSeed, ctx);
            double seconds = (System.nanoTime() - start) / 1e9;
            Sample s = measure(cycle, seconds);
            samples.add(s);
            if (!json) {
                out.printf(Locale.ROOT, "%5d  %-12s %8.2f %9.1f %9.1f %12.1f %12.1f%n", cycle, method.id(), seconds,
                        mb(s.heapBytes()), mb(s.rssBytes()), mb(s.offHeapBytes()), mb(s.physicalBytes()));
                out.flush();
            }
        }
        Map<String, Double> growth = new LinkedHashMap<>();
        growth.put("heap", growth(samples, Sample::heapBytes));
        growth.put("rss", growth(samples, Sample::rssBytes));
        growth.put("offHeap", growth(samples, Sample::offHeapBytes));
        growth.put("physical", growth(samples, Sample::physicalBytes));
        boolean met = growth.values().stream().allMatch(g -> Double.isNaN(g) || g < GOAL_PERCENT);
        String window = windowText();
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("model", architecture.id());
            result.put("trainImages", data.train().count());
            result.put("methods", methods);
            result.put("threads", threads);
            result.put("cycles", samples);
            result.put("warmupCycles", warmup);
            result.put("growthWindow", window);
            result.put("growthPercent", growth);
            result.put("goalPercent", GOAL_PERCENT);
            result.put("metGoal", met);
            out.println(Json.write(result));
        } else {
            out.printf(Locale.ROOT, "growth (%s): heap %+.1f%%, RSS %+.1f%%, ND4J off-heap %+.1f%%, physical %+.1f%%"
                    + " (goal: under %.0f%%: %s)%n", window, growth.get("heap"), growth.get("rss"),
                    growth.get("offHeap"), growth.get("physical"), GOAL_PERCENT, met ? "met" : "NOT met");
        }
        out.flush();
        if (failAbove != null && growth.values().stream().anyMatch(g -> !Double.isNaN(g) && g > failAbove)) {
            return 1;
        }
        return 0;
    }

    private static void runCycle(ImageDataset data, Architecture architecture, MethodDescriptor<?> method,
            long seed, JobContext ctx) {
        ModelSpec modelSpec = ModelSpec.defaults(architecture, data.shape(), data.numClasses()).withSeed(seed);
        TrainedModel original = ModelTraining.train(data, modelSpec, TrainingConfig.adam(1, 64, 1e-3, seed), ctx);
        DataSplits splits = DataSplits.of(data, ForgetSetSpec.parse("random:0.1").resolve(data, seed));
        UnlearningResult result = method.run(original, splits, method.defaults(), ctx);
        ModelEvaluator evaluator = new ModelEvaluator(splits, 1000, seed);
        evaluator.evaluate("original", original.network(), null, ctx);
        evaluator.evaluate(method.id(), result.model().network(), null, ctx);
    }

    /** Collects garbage (which also frees ND4J buffers no longer referenced), then reads the counters. */
    static Sample measure(int cycle, double seconds) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(30);
            Pointer.deallocateReferences();
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new Sample(cycle, Math.round(seconds * 1000) / 1000.0, heap, residentBytes(), Pointer.totalBytes(),
                Pointer.physicalBytes());
    }

    /** VmRSS from /proc/self/status, in bytes; -1 where there is no such file (not Linux). */
    static long residentBytes() {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private String windowText() {
        int n = cycles - warmup;
        int width = Math.min(5, n);
        return "median of cycles " + (warmup + 1) + "-" + (warmup + width) + " vs " + (cycles - width + 1) + "-"
                + cycles;
    }

    /**
     * Percent growth from just after the warm-up to the end: the median of the first five
     * post-warm-up cycles against the median of the last five (fewer when there are fewer).
     */
    double growth(List<Sample> samples, ToLongFunction<Sample> value) {
        int n = samples.size() - warmup;
        int width = Math.min(5, n);
        double base = median(samples.subList(warmup, warmup + width), value);
        double last = median(samples.subList(samples.size() - width, samples.size()), value);
        if (base <= 0) {
            return Double.NaN;
        }
        return Math.round((last - base) / base * 1000) / 10.0;
    }

    private static double median(List<Sample> window, ToLongFunction<Sample> value) {
        long[] v = window.stream().mapToLong(value).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2.0;
    }

    private static double mb(long bytes) {
        return bytes < 0 ? Double.NaN : bytes / (1024.0 * 1024.0);
    }
}
