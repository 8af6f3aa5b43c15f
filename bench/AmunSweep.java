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
 */
public final class AmunSweep {

    private static final Path CACHE = Path.of("/tmp/amun-bench");
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private static double cpu() {
        return THREADS.getCurrentThreadCpuTime() / 1e9;
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
        System.out.printf(Locale.ROOT, "%s seed %d; retrain %.1f s wall, %.1f s CPU%n", scenario.name(), seed,
                retrainWall, retrainCpu);
        System.out.println("| run | forget | retain | test | MIA AUC | Avg Gap | seconds | CPU s | CPU share | "
                + "attack steps | retain/epoch | attack s (wall) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        row("Original", evaluator.evaluate("original", original.network(), reference, ctx).metrics(),
                reference.metrics(), Double.NaN, Double.NaN, retrainCpu, Map.of());
        row("Retrain", reference.metrics(), reference.metrics(), retrainWall, retrainCpu, retrainCpu, Map.of());
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
            params.putIfAbsent("seed", Long.toString(seed));
            Record p = MethodRegistry.params(method, params);
            double c0 = cpu();
            UnlearningResult r = method.run(original, splits, p, ctx);
            double runCpu = cpu() - c0;
            ModelMetrics m = evaluator.evaluate(parts[0], r.model().network(), reference, ctx).metrics();
            row(parts[0], m, reference.metrics(), r.seconds(), runCpu, retrainCpu, r.figures());
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
