import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.data.forget.ForgetSetSpec;
import org.lethe.engine.evaluation.EvaluatedModel;
import org.lethe.engine.evaluation.ModelEvaluator;
import org.lethe.engine.evaluation.ModelMetrics;
import org.lethe.engine.evaluation.Predictions;
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
 * Calibration sweep of the budgeted post-hoc methods on one seed of a scenario (written for the
 * CIFAR-10 presets, where training the original and the retrained CNN takes minutes each).
 *
 * <p>The original is trained once per (dataset, train limit, model, training, seed) and cached, so
 * scenarios that differ only in their forget set share it; the retrained model is cached per scenario
 * name and seed, together with its wall and thread-CPU seconds. Every configuration is evaluated with
 * the scenario runner's {@link ModelEvaluator} against the retrained model, and Avg Gap is the
 * runner's. For a class forget set ({@code class:...}) the table adds the test accuracy on the other
 * classes and on the forgotten ones. {@code System.gc()} runs before each method so one run's garbage
 * is not billed to the next.
 *
 * <pre>
 * java -Xmx1g -Dorg.bytedeco.javacpp.maxBytes=3G -Dorg.bytedeco.javacpp.maxPhysicalBytes=4G \
 *     [-Dbench.cache=/tmp/lethe-calib] -cp target/lethe.jar bench/CifarCalibration.java \
 *     sample-data/scenarios/cifar10-random10.json 1 "GA lr1e-4|ga|lr=1e-4,retainFraction=0.2" ...
 * </pre>
 * With {@code @scenario} as the only configuration it runs the scenario's own method entries
 * (labels and overrides as {@code lethe run} would).
 */
public final class CifarCalibration {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private record Config(String label, MethodDescriptor<?> method, Record params) { }

    private static double cpu() {
        return THREADS.getCurrentThreadCpuTime() / 1e9;
    }

    public static void main(String[] args) throws Exception {
        Path cache = Path.of(System.getProperty("bench.cache", "/tmp/lethe-calib"));
        Scenario scenario = ScenarioFiles.read(Path.of(args[0]));
        long seed = Long.parseLong(args[1]);
        EngineThreads.set(1);
        Files.createDirectories(cache);
        JobContext ctx = JobContext.detached();
        ImageDataset data = SweepTaskRunner.loadData(scenario, DatasetCatalog.fromEnvironment(), ctx);
        DataSplits splits = DataSplits.of(data, ForgetSetSpec.parse(scenario.forget()).resolve(data, seed))
                .withRetainAvailable(scenario.retainAvailable());
        MethodRegistry registry = MethodRegistry.standard();
        List<Config> configs = configs(args, scenario, registry, seed);

        Path originalFile = cache.resolve("original-" + originalKey(scenario, seed) + ModelStore.EXTENSION);
        if (Boolean.getBoolean("bench.paths")) {
            System.out.println(originalFile + " " + cache.resolve(scenario.name() + "-s" + seed + "-retrain"));
            return;
        }
        TrainedModel original;
        if (Files.exists(originalFile)) {
            original = new ModelStore().load(originalFile);
        } else {
            original = ModelTraining.train(data, ScenarioSettings.modelSpec(scenario, data, seed),
                    ScenarioSettings.trainingConfig(scenario, seed), ctx);
            new ModelStore().save(original, originalFile);
        }
        String base = scenario.name() + "-s" + seed;
        Path retrainFile = cache.resolve(base + "-retrain" + ModelStore.EXTENSION);
        Path retrainTimes = cache.resolve(base + "-retrain.txt");
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
            System.gc();
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
        Set<Integer> forgotClasses = scenario.forget().startsWith("class:") ? classesOf(reference.forget())
                : Set.of();
        EvaluatedModel originalEval = evaluator.evaluate("original", original.network(), reference, ctx);
        System.out.printf(Locale.ROOT, "%s seed %d; retrain %.1f s wall, %.1f s CPU; forgotten classes %s%n",
                scenario.name(), seed, retrainWall, retrainCpu, forgotClasses);
        String classCols = forgotClasses.isEmpty() ? "" : " other-class test | forgotten-class test |";
        System.out.println("| run | forget | retain | test |" + classCols
                + " MIA AUC | Avg Gap | seconds | CPU s | wall ratio | CPU ratio | budget scale | |");
        System.out.println("|---|---|---|---|---|" + (forgotClasses.isEmpty() ? "" : "---|---|")
                + "---|---|---|---|---|---|---|---|");
        double originalTest = originalEval.metrics().testAccuracy();
        row("Original", originalEval, reference, forgotClasses, Double.NaN, Double.NaN, retrainWall, retrainCpu,
                Map.of(), originalTest);
        row("Retrain", reference, reference, forgotClasses, retrainWall, retrainCpu, retrainWall, retrainCpu,
                Map.of(), originalTest);
        for (Config c : configs) {
            System.gc();
            double c0 = cpu();
            UnlearningResult r = c.method().run(original, splits, c.params(), ctx);
            double runCpu = cpu() - c0;
            EvaluatedModel e = evaluator.evaluate(c.label(), r.model().network(), reference, ctx);
            row(c.label(), e, reference, forgotClasses, r.seconds(), runCpu, retrainWall, retrainCpu, r.figures(),
                    originalTest);
        }
    }

    private static List<Config> configs(String[] args, Scenario scenario, MethodRegistry registry, long seed) {
        List<Config> out = new ArrayList<>();
        if (args.length == 3 && args[2].equals("@scenario")) {
            for (Scenario.MethodEntry entry : scenario.methods()) {
                MethodDescriptor<?> method = registry.byId(entry.id());
                out.add(new Config(ScenarioSettings.label(method, entry), method,
                        ScenarioSettings.methodParams(method, entry, seed)));
            }
            return out;
        }
        for (int i = 2; i < args.length; i++) {
            String[] parts = args[i].split("\\|", -1);
            MethodDescriptor<?> method = registry.byId(parts[1]);
            Map<String, String> params = new TreeMap<>();
            if (parts.length > 2 && !parts[2].isBlank()) {
                for (String kv : parts[2].split(",")) {
                    String[] p = kv.split("=", 2);
                    params.put(p[0].trim(), p[1].trim());
                }
            }
            if (method.params().stream().anyMatch(p -> p.name().equals("seed"))) {
                params.putIfAbsent("seed", Long.toString(seed));
            }
            out.add(new Config(parts[0], method, MethodRegistry.params(method, params))); // validate all first
        }
        return out;
    }

    /** A key for the original: everything that decides its training, not the forget set. */
    private static String originalKey(Scenario s, long seed) throws Exception {
        String what = String.join("|", s.dataset(), String.valueOf(s.trainLimit()), s.model().toString(),
                s.training().toString(), Long.toString(seed));
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(what.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 6);
    }

    private static Set<Integer> classesOf(Predictions p) {
        Set<Integer> classes = new HashSet<>();
        for (int label : p.labels()) {
            classes.add(label);
        }
        return classes;
    }

    /** Test accuracy (%) over the samples whose class is (or is not) in {@code classes}. */
    private static double testAccuracy(Predictions test, Set<Integer> classes, boolean inside) {
        int n = 0;
        int correct = 0;
        for (int i = 0; i < test.size(); i++) {
            if (classes.contains(test.labels()[i]) == inside) {
                n++;
                if (test.predicted()[i] == test.labels()[i]) {
                    correct++;
                }
            }
        }
        return n == 0 ? Double.NaN : 100.0 * correct / n;
    }

    private static void row(String label, EvaluatedModel e, EvaluatedModel retrain, Set<Integer> classes,
            double wall, double cpu, double retrainWall, double retrainCpu, Map<String, Double> figures,
            double originalTest) {
        ModelMetrics m = e.metrics();
        double gap = AvgGap.of(ScenarioSettings.scores(m), ScenarioSettings.scores(retrain.metrics()));
        String classCols = classes.isEmpty() ? "" : String.format(Locale.ROOT, " %.2f | %.2f |",
                testAccuracy(e.test(), classes, false), testAccuracy(e.test(), classes, true));
        Double scale = figures.get("budgetScale");
        String flag = classes.isEmpty() && m.testAccuracy() < originalTest - 5 ? "collapse" : "";
        System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f |%s %.2f | %.2f | %.1f | %.1f | %s | %s | %s | %s |%n",
                label, m.forgetAccuracy(), m.retainAccuracy(), m.testAccuracy(), classCols,
                m.miaAuc() == null ? Double.NaN : m.miaAuc(), gap, wall, cpu,
                Double.isNaN(wall) ? "" : String.format(Locale.ROOT, "%.1fx", retrainWall / wall),
                Double.isNaN(cpu) ? "" : String.format(Locale.ROOT, "%.1fx", retrainCpu / cpu),
                scale == null ? "" : String.format(Locale.ROOT, "%.3f", scale), flag);
        System.out.flush();
    }
}
