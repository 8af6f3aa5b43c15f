import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.data.forget.ForgetSetSpec;
import org.lethe.engine.evaluation.EvaluatedModel;
import org.lethe.engine.evaluation.ModelEvaluator;
import org.lethe.engine.evaluation.ModelMetrics;
import org.lethe.engine.evaluation.metric.AvgGap;
import org.lethe.engine.experiment.Scenario;
import org.lethe.engine.experiment.ScenarioFiles;
import org.lethe.engine.experiment.sweep.ScenarioSettings;
import org.lethe.engine.experiment.sweep.SweepTaskRunner;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.EngineThreads;
import org.lethe.engine.model.ModelStore;
import org.lethe.engine.model.ModelTraining;
import org.lethe.engine.model.TrainedModel;
import org.lethe.engine.unlearning.DataSplits;
import org.lethe.engine.unlearning.MethodDescriptor;
import org.lethe.engine.unlearning.MethodRegistry;
import org.lethe.engine.unlearning.UnlearningResult;

/**
 * A parameter sweep for AMUN (or any method) on one seed of a scenario preset, without retraining for
 * every row: the original and the retrained model of the seed are trained once and cached under
 * {@code /tmp/amun-bench} (with the retrain's wall and CPU seconds), every configuration is evaluated
 * by the scenario runner's {@link ModelEvaluator} against the retrained model. Besides wall time it
 * reports the thread's CPU time, which a shared machine disturbs far less; "cpu share" is the run's
 * CPU time over the retrain's.
 *
 * <pre>
 * java -Xmx1g -Dorg.bytedeco.javacpp.maxBytes=2G -Dorg.bytedeco.javacpp.maxPhysicalBytes=3G \
 *     -cp target/lethe.jar bench/AmunSweep.java sample-data/scenarios/cifar10-random10.json 1 \
 *     "lr 0.01|amun|lr=0.01" "lr 0.001|amun|lr=0.001,lrStepSize=5"
 * </pre>
 *
 * <p>{@code -Dwarmup=true} runs the first configuration once, untimed, before the rows (so no row pays
 * the JVM's JIT warm-up); {@code -Dpersample=true} prints, per configuration, the forget samples grouped
 * by the FGM level at which the original flips them, with how many the original, the retrained model
 * and the method classify right and their mean true-class probability. Each row's process CPU time and
 * the JIT/GC milliseconds before and after it are printed too.
 */
public final class AmunSweep {

    private static final Path CACHE = Path.of("/tmp/amun-bench");
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private static double cpu() {
        return THREADS.getCurrentThreadCpuTime() / 1e9;
    }

    /** CPU seconds of the whole process (JIT compiler and GC threads included). */
    private static double processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    /** Milliseconds the JIT compilers and the garbage collectors have spent so far. */
    private static String jitGc() {
        long gc = 0;
        for (var b : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            gc += Math.max(0, b.getCollectionTime());
        }
        return java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime() + "/" + gc;
    }

    public static void main(String[] args) throws Exception {
        Scenario scenario = ScenarioFiles.read(Path.of(args[0]));
        long seed = Long.parseLong(args[1]);
        EngineThreads.set(1);
        Files.createDirectories(CACHE);
        JobContext ctx = JobContext.detached();
        ImageDataset data = SweepTaskRunner.loadData(scenario, DatasetCatalog.fromEnvironment(), ctx);
        DataSplits splits = DataSplits.of(data, ForgetSetSpec.parse(scenario.forget()).resolve(data, seed))
                .withRetainAvailable(scenario.retainAvailable());
        MethodRegistry registry = MethodRegistry.standard();
        String base = scenario.name() + "-s" + seed;
        Path originalFile = CACHE.resolve(base + ModelStore.EXTENSION);
        TrainedModel original;
        if (Files.exists(originalFile)) {
            original = new ModelStore().load(originalFile);
        } else {
            original = ModelTraining.train(data, ScenarioSettings.modelSpec(scenario, data, seed),
                    ScenarioSettings.trainingConfig(scenario, seed), ctx);
            new ModelStore().save(original, originalFile);
        }
        Path retrainFile = CACHE.resolve(base + "-retrain" + ModelStore.EXTENSION);
        Path retrainTimes = CACHE.resolve(base + "-retrain.txt");
        TrainedModel retrained;
        double retrainWall;
        double retrainCpu;
        if (Files.exists(retrainFile) && Files.exists(retrainTimes)) {
            retrained = new ModelStore().load(retrainFile);
            String[] t = Files.readString(retrainTimes).trim().split(" ");
            retrainWall = Double.parseDouble(t[0]);
            retrainCpu = Double.parseDouble(t[1]);
        } else {
            MethodDescriptor<?> retrain = registry.byId("retrain");
            double c0 = cpu();
            UnlearningResult r = retrain.run(original, splits.withRetainAvailable(true), retrain.defaults(), ctx);
            retrainCpu = cpu() - c0;
            retrainWall = r.seconds();
            retrained = r.model();
            new ModelStore().save(retrained, retrainFile);
            Files.writeString(retrainTimes, retrainWall + " " + retrainCpu);
        }
        int retainSample = scenario.retainSample() == null ? ModelEvaluator.DEFAULT_RETAIN_SAMPLE
                : scenario.retainSample();
        ModelEvaluator evaluator = new ModelEvaluator(splits, retainSample, seed);
        EvaluatedModel reference = ModelEvaluator.asReference(evaluator.evaluate("retrained",
                retrained.network(), null, ctx));
        System.out.printf(Locale.ROOT, "%s seed %d; retrain %.1f s wall, %.1f s CPU; load %s%n", scenario.name(),
                seed, retrainWall, retrainCpu, load());
        EvaluatedModel originalEval = evaluator.evaluate("original", original.network(), reference, ctx);
        ForgetProbe probe = Boolean.getBoolean("persample")
                ? new ForgetProbe(original.network(), splits.forget(), originalEval.forget(), reference.forget(), ctx)
                : null;
        if (args.length > 2 && Boolean.getBoolean("warmup")) {
            // one untimed run of the first configuration, so that no row pays the JVM's warm-up
            String[] parts = args[2].split("\\|", -1);
            MethodDescriptor<?> method = registry.byId(parts[1]);
            method.run(original, splits, MethodRegistry.params(method, parse(parts, seed)), ctx);
        }
        System.out.println("| run | forget | retain | test | MIA AUC | Avg Gap | seconds | CPU s | CPU share | "
                + "attack steps | retain/epoch | attack s (wall) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        row("Original", originalEval.metrics(),
                reference.metrics(), Double.NaN, Double.NaN, retrainCpu, Map.of());
        row("Retrain", reference.metrics(), reference.metrics(), retrainWall, retrainCpu, retrainCpu, Map.of());
        for (int i = 2; i < args.length; i++) {
            String[] parts = args[i].split("\\|", -1);
            MethodDescriptor<?> method = registry.byId(parts[1]);
            Record p = MethodRegistry.params(method, parse(parts, seed));
            double c0 = cpu();
            double pc0 = processCpu();
            String jg0 = jitGc();
            UnlearningResult r = method.run(original, splits, p, ctx);
            double runCpu = cpu() - c0;
            double runProcessCpu = processCpu() - pc0;
            System.out.printf(Locale.ROOT, "  (%s: process CPU %.2f s, JIT/GC ms before %s after %s)%n", parts[0],
                    runProcessCpu, jg0, jitGc());
            EvaluatedModel e = evaluator.evaluate(parts[0], r.model().network(), reference, ctx);
            row(parts[0], e.metrics(), reference.metrics(), r.seconds(), runCpu, retrainCpu, r.figures());
            if (probe != null) {
                probes.add(parts[0] + "\n" + probe.report(e.forget()));
            }
        }
        System.out.println("load after: " + load());
        probes.forEach(System.out::println);
    }

    private static final java.util.List<String> probes = new java.util.ArrayList<>();

    private static Map<String, String> parse(String[] parts, long seed) {
        Map<String, String> params = new TreeMap<>();
        if (parts.length > 2 && !parts[2].isBlank()) {
            for (String kv : parts[2].split(",")) {
                String[] p = kv.split("=", 2);
                params.put(p[0].trim(), p[1].trim());
            }
        }
        params.putIfAbsent("seed", Long.toString(seed));
        return params;
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    /**
     * Per forget sample (with {@code -Dpersample=true}): the radius level at which the original's FGM
     * attack flips it, and whether the original, the retrained model and a method's model classify it
     * correctly, with their probability of its true class; summarised by level.
     */
    private static final class ForgetProbe {
        private final int[] level;
        private final org.lethe.engine.evaluation.Predictions original;
        private final org.lethe.engine.evaluation.Predictions retrained;

        ForgetProbe(org.lethe.engine.model.Network network, org.lethe.engine.data.IndexView forget,
                org.lethe.engine.evaluation.Predictions original, org.lethe.engine.evaluation.Predictions retrained,
                JobContext ctx) {
            this.original = original;
            this.retrained = retrained;
            org.lethe.engine.attack.AdversarialSet set = new org.lethe.engine.attack.FgmL2(network,
                    org.lethe.engine.attack.FgmL2.Settings.amun()).attack(forget, ctx);
            Map<Integer, Integer> bySource = new java.util.HashMap<>();
            int[] src = set.sources();
            int[] lv = set.levels();
            for (int i = 0; i < src.length; i++) {
                bySource.put(src[i], lv[i]);
            }
            int[] idx = original.indices();
            level = new int[idx.length];
            for (int i = 0; i < idx.length; i++) {
                level[i] = bySource.getOrDefault(idx[i], 99);
            }
        }

        String report(org.lethe.engine.evaluation.Predictions method) {
            StringBuilder b = new StringBuilder(
                    "| level | n | orig ok | retrain ok | method ok | p orig | p retrain | p method | R wrong, M ok |\n"
                    + "|---|---|---|---|---|---|---|---|---|\n");
            int[] po = original.predicted();
            int[] pr = retrained.predicted();
            int[] pm = method.predicted();
            int[] y = original.labels();
            double[] qo = original.trueClassProbability();
            double[] qr = retrained.trueClassProbability();
            double[] qm = method.trueClassProbability();
            java.util.TreeSet<Integer> levels = new java.util.TreeSet<>();
            for (int l : level) {
                levels.add(l);
            }
            int[][] cross = new int[2][2];
            for (int i = 0; i < y.length; i++) {
                cross[pr[i] == y[i] ? 1 : 0][pm[i] == y[i] ? 1 : 0]++;
            }
            for (int l : levels) {
                int n = 0, okO = 0, okR = 0, okM = 0, rWrongMOk = 0;
                double sO = 0, sR = 0, sM = 0;
                for (int i = 0; i < y.length; i++) {
                    if (level[i] != l) {
                        continue;
                    }
                    n++;
                    okO += po[i] == y[i] ? 1 : 0;
                    okR += pr[i] == y[i] ? 1 : 0;
                    okM += pm[i] == y[i] ? 1 : 0;
                    rWrongMOk += pr[i] != y[i] && pm[i] == y[i] ? 1 : 0;
                    sO += qo[i];
                    sR += qr[i];
                    sM += qm[i];
                }
                b.append(String.format(Locale.ROOT, "| %d | %d | %d | %d | %d | %.3f | %.3f | %.3f | %d |%n", l, n, okO,
                        okR, okM, sO / n, sR / n, sM / n, rWrongMOk));
            }
            b.append(String.format(Locale.ROOT, "retrain ok & method ok %d, retrain ok & method wrong %d, "
                    + "retrain wrong & method ok %d, both wrong %d%n", cross[1][1], cross[1][0], cross[0][1],
                    cross[0][0]));
            b.append("retrain wrong, method ok (index level pOrig pRetrain pMethod retrainPred):");
            for (int i = 0; i < y.length; i++) {
                if (pr[i] != y[i] && pm[i] == y[i]) {
                    b.append(String.format(Locale.ROOT, " [%d L%d %.3f %.3f %.3f %d]", original.indices()[i], level[i],
                            qo[i], qr[i], qm[i], pr[i]));
                }
            }
            b.append('\n');
            // confidence quantiles of the method on the forget set against the retrained model's
            b.append(String.format(Locale.ROOT, "p(true) quantiles 10/25/50%%: retrain %s, method %s, original %s%n",
                    quant(qr), quant(qm), quant(qo)));
            return b.toString();
        }

        private static String quant(double[] v) {
            double[] s = v.clone();
            java.util.Arrays.sort(s);
            return String.format(Locale.ROOT, "%.3f/%.3f/%.3f", s[s.length / 10], s[s.length / 4], s[s.length / 2]);
        }
    }

    private static void row(String label, ModelMetrics m, ModelMetrics retrain, double wall, double cpu,
            double retrainCpu, Map<String, Double> figures) {
        double gap = AvgGap.of(ScenarioSettings.scores(m), ScenarioSettings.scores(retrain));
        System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.1f | %.1f | %.3f | %s | %s | %s |%n",
                label, m.forgetAccuracy(), m.retainAccuracy(), m.testAccuracy(),
                m.miaAuc() == null ? Double.NaN : m.miaAuc(), gap, wall, cpu, cpu / retrainCpu,
                fmt(figures.get("attackSteps")), fmt(figures.get("retainPerEpoch")), fmt(figures.get("attackSeconds")));
    }

    private static String fmt(Double v) {
        return v == null ? "" : String.format(Locale.ROOT, "%.0f", v);
    }
}
