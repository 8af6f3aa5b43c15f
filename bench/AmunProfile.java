import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.lethe.engine.attack.AdversarialSet;
import org.lethe.engine.attack.FgmL2;
import org.lethe.engine.attack.PgdL2;
import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.data.forget.ForgetSetSpec;
import org.lethe.engine.experiment.Scenario;
import org.lethe.engine.experiment.ScenarioFiles;
import org.lethe.engine.experiment.sweep.ScenarioSettings;
import org.lethe.engine.experiment.sweep.SweepTaskRunner;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.EngineThreads;
import org.lethe.engine.model.InputGradient;
import org.lethe.engine.model.LossAndGradient;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.ModelStore;
import org.lethe.engine.model.ModelTraining;
import org.lethe.engine.model.Network;
import org.lethe.engine.model.ParamBlock;
import org.lethe.engine.model.TrainedModel;
import org.lethe.engine.unlearning.DataSplits;
import org.lethe.engine.unlearning.MethodDescriptor;
import org.lethe.engine.unlearning.MethodRegistry;
import org.lethe.engine.unlearning.UnlearningResult;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where AMUN's time goes on a scenario preset: the attack (network calls by kind, sample-steps, levels)
 * and the fine-tuning, next to the cost of one training sample-pass. The original model of the preset's
 * seed is trained once and cached under {@code /tmp/amun-bench}. Each attack's result is written there
 * too ({@code <preset>-s<seed>-S<steps>-n<limit>.bin}); when a file of that name exists from an earlier
 * run (e.g. of the previous build), the new result is compared with it bit for bit.
 *
 * <pre>
 * (steps 0 runs the FGM attack, FgmL2, with -Drefine=N bisection passes)
 * java -Xmx1g -Dorg.bytedeco.javacpp.maxBytes=2G -Dorg.bytedeco.javacpp.maxPhysicalBytes=3G \
 *     -cp target/lethe.jar bench/AmunProfile.java sample-data/scenarios/mnist-random10.json \
 *     [seed=1] [steps=10,50] [limit=0 (all forget samples)] [method=amun (or "none")] [key=value ...]
 * </pre>
 */
public final class AmunProfile {

    private static final Path CACHE = Path.of("/tmp/amun-bench");
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    /** CPU seconds of this thread (the engine runs one thread, on the caller's). */
    private static double cpu() {
        return THREADS.getCurrentThreadCpuTime() / 1e9;
    }

    public static void main(String[] args) throws Exception {
        Path preset = Path.of(args[0]);
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        int[] stepsList = Arrays.stream((args.length > 2 ? args[2] : "10").split(",")).mapToInt(Integer::parseInt)
                .toArray();
        int limit = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        String method = args.length > 4 ? args[4] : "amun";
        Map<String, String> overrides = new TreeMap<>();
        for (int i = 5; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            overrides.put(kv[0], kv[1]);
        }
        EngineThreads.set(1);
        Files.createDirectories(CACHE);
        Scenario scenario = ScenarioFiles.read(preset);
        JobContext ctx = JobContext.detached();
        ImageDataset data = SweepTaskRunner.loadData(scenario, DatasetCatalog.fromEnvironment(), ctx);
        DataSplits splits = DataSplits.of(data, ForgetSetSpec.parse(scenario.forget()).resolve(data, seed));
        TrainedModel original = original(scenario, data, seed, ctx);
        System.out.printf(Locale.ROOT, "%s seed %d: forget %d, retain %d, original trained %d epochs%n",
                scenario.name(), seed, splits.forget().size(), splits.retain().size(),
                original.provenance().training().epochs());

        double c0 = cpu();
        double trainPass = trainingSecondsPerSample(original.copyNetwork(), splits.retain(), 32, 40);
        double trainCpu = (cpu() - c0) / (45 * 32);
        System.out.printf(Locale.ROOT, "training step (batch 32): %.3f ms per sample wall, %.3f ms CPU%n",
                trainPass * 1e3, trainCpu * 1e3);

        IndexView forget = splits.forget();
        int n = limit > 0 ? Math.min(limit, forget.size()) : forget.size();
        int d = forget.split().shape().pixelsPerImage();
        float[] x = new float[n * d];
        int[] y = new int[n];
        int[] src = new int[n];
        for (int i = 0; i < n; i++) {
            forget.split().copyImageScaled(forget.index(i), x, i * d);
            y[i] = forget.label(i);
            src[i] = forget.index(i);
        }
        for (int steps : stepsList) {
            TimedNetwork timed = new TimedNetwork(original.network());
            long t0 = System.nanoTime();
            double a0 = cpu();
            // steps 0: the FGM attack (FgmL2), with -Drefine=N bisection passes
            AdversarialSet set = steps == 0
                    ? new FgmL2(timed, new FgmL2.Settings(0.04, 10, Integer.getInteger("batch", 128),
                            Integer.getInteger("refine", 0))).attack(x, y, src, d, ctx)
                    : new PgdL2(timed, new PgdL2.Settings(0.04, steps, 10, Integer.getInteger("batch", 128))).attack(x, y, src, d, ctx);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double attackCpu = cpu() - a0;
            long sampleSteps = set.totalSteps();
            TreeMap<Integer, Integer> levels = new TreeMap<>();
            for (int l : set.levels()) {
                levels.merge(l, 1, Integer::sum);
            }
            System.out.printf(Locale.ROOT, "attack S=%d batch %d on %d samples: %.2f s; %d sample-steps (%.1f per sample), "
                    + "%.3f ms per sample-step; flipped %d, never %d; mean eps %.3f, mean L2 %.3f; levels %s%n",
                    steps, Integer.getInteger("batch", 128), n, seconds, sampleSteps, (double) sampleSteps / n, seconds * 1e3 / Math.max(1, sampleSteps),
                    set.size(), set.unflipped().length, set.meanEps(), set.meanDistance(), levels);
            System.out.printf(Locale.ROOT, "  network: %s; outside the network %.2f s%n", timed.summary(),
                    seconds - timed.totalSeconds());
            System.out.printf(Locale.ROOT, "  gradient rows %d, forward rows %d (%.1f per sample)%n", set.gradientRows(),
                    set.forwardRows(), (double) set.forwardRows() / n);
            System.out.printf(Locale.ROOT, "  CPU %.2f s: %.3f ms per sample-step = %.2f training sample-passes%n",
                    attackCpu, attackCpu * 1e3 / Math.max(1, sampleSteps), attackCpu / Math.max(1, sampleSteps) / trainCpu);
            compareOrDump(set, CACHE.resolve(scenario.name() + "-s" + seed + "-S" + steps + "-n" + n + ".bin"));
        }

        if (!method.equals("none")) {
            MethodDescriptor<?> descriptor = MethodRegistry.standard().byId(method);
            Map<String, String> params = new TreeMap<>(overrides);
            params.putIfAbsent("seed", Long.toString(seed));
            Record p = MethodRegistry.params(descriptor, params);
            long t0 = System.nanoTime();
            double m0 = cpu();
            UnlearningResult r = descriptor.run(original, splits, p, ctx);
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "%s CPU %.2f s = %.0f training sample-passes; retrain's training work %d%n",
                    method, cpu() - m0, (cpu() - m0) / trainCpu,
                    (long) original.provenance().training().epochs() * splits.retain().size());
            System.out.printf(Locale.ROOT, "%s %s: %.2f s (result %.2f s); figures %s%n", method, params, seconds,
                    r.seconds(), r.figures());
            System.out.printf(Locale.ROOT, "  forget %.4f retain %.4f test %.4f (original %.4f %.4f %.4f)%n",
                    accuracy(r.model().network(), splits.forget()), accuracy(r.model().network(), splits.retain()),
                    accuracy(r.model().network(), splits.test()), accuracy(original.network(), splits.forget()),
                    accuracy(original.network(), splits.retain()), accuracy(original.network(), splits.test()));
        }
    }

    private static TrainedModel original(Scenario scenario, ImageDataset data, long seed, JobContext ctx)
            throws IOException {
        Path file = CACHE.resolve(scenario.name() + "-s" + seed + ModelStore.EXTENSION);
        if (Files.exists(file)) {
            return new ModelStore().load(file);
        }
        ModelSpec spec = ScenarioSettings.modelSpec(scenario, data, seed);
        TrainedModel trained = ModelTraining.train(data, spec, ScenarioSettings.trainingConfig(scenario, seed), ctx);
        new ModelStore().save(trained, file);
        System.out.printf(Locale.ROOT, "trained the original in %.1f s, saved to %s%n", trained.provenance().seconds(),
                file);
        return trained;
    }

    /** Seconds per sample of a training gradient (forward and backward) on batches of the view. */
    private static double trainingSecondsPerSample(Network network, IndexView view, int batch, int batches) {
        int d = view.split().shape().pixelsPerImage();
        float[] buffer = new float[batch * d];
        int[] labels = new int[batch];
        long time = 0;
        for (int b = 0; b < batches + 5; b++) {
            for (int j = 0; j < batch; j++) {
                int i = (b * batch + j) % view.size();
                view.split().copyImageScaled(view.index(i), buffer, j * d);
                labels[j] = view.label(i);
            }
            INDArray features = Nd4j.create(buffer, new long[] {batch, d}, 'c');
            long t0 = System.nanoTime();
            LossAndGradient g = network.lossAndGradient(features, labels);
            if (b >= 5) {
                time += System.nanoTime() - t0;
            }
            g.gradient().close();
        }
        return time / 1e9 / ((long) batches * batch);
    }

    private static double accuracy(Network network, IndexView view) {
        int d = view.split().shape().pixelsPerImage();
        int correct = 0;
        for (int from = 0; from < view.size(); from += 500) {
            int b = Math.min(500, view.size() - from);
            float[] buffer = new float[b * d];
            for (int j = 0; j < b; j++) {
                view.split().copyImageScaled(view.index(from + j), buffer, j * d);
            }
            INDArray z = network.logits(Nd4j.create(buffer, new long[] {b, d}, 'c'));
            INDArray pred = z.argMax(1);
            for (int j = 0; j < b; j++) {
                correct += pred.getInt(j) == view.label(from + j) ? 1 : 0;
            }
        }
        return (double) correct / view.size();
    }

    /** Writes the set, or compares it with the one an earlier run wrote under the same name. */
    private static void compareOrDump(AdversarialSet set, Path file) throws Exception {
        byte[] now = bytes(set);
        if (!Files.exists(file)) {
            Files.write(file, now);
            System.out.println("  wrote " + file + " (sha256 " + sha(now) + ")");
            return;
        }
        byte[] before = Files.readAllBytes(file);
        if (Arrays.equals(before, now)) {
            System.out.println("  BIT-IDENTICAL to " + file + " (sha256 " + sha(now) + ")");
            return;
        }
        AdversarialSet old = read(before);
        System.out.printf(Locale.ROOT, "  DIFFERS from %s: sizes %d/%d, labels equal %b, levels equal %b, steps equal "
                + "%b, sources equal %b, max |dx| %.3g%n", file, old.size(), set.size(),
                Arrays.equals(old.labels(), set.labels()), Arrays.equals(old.levels(), set.levels()),
                Arrays.equals(old.steps(), set.steps()), Arrays.equals(old.sources(), set.sources()),
                maxDiff(old.features(), set.features()));
    }

    private static double maxDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            return Double.NaN;
        }
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    private static byte[] bytes(AdversarialSet s) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(s.dimension());
            out.writeInt(s.size());
            for (float v : s.features()) {
                out.writeFloat(v);
            }
            for (int[] a : List.of(s.labels(), s.trueLabels(), s.sources(), s.levels(), s.steps())) {
                for (int v : a) {
                    out.writeInt(v);
                }
            }
            for (double[] a : List.of(s.eps(), s.distances())) {
                for (double v : a) {
                    out.writeDouble(v);
                }
            }
            out.writeInt(s.unflipped().length);
            for (int v : s.unflipped()) {
                out.writeInt(v);
            }
            out.writeDouble(s.eps0());
            out.writeInt(s.stepsPerLevel());
            out.writeInt(s.maxLevels());
        }
        return bytes.toByteArray();
    }

    private static AdversarialSet read(byte[] b) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(b))) {
            int d = in.readInt();
            int n = in.readInt();
            float[] f = new float[n * d];
            for (int i = 0; i < f.length; i++) {
                f[i] = in.readFloat();
            }
            int[][] ints = new int[5][n];
            for (int[] a : ints) {
                for (int i = 0; i < n; i++) {
                    a[i] = in.readInt();
                }
            }
            double[][] doubles = new double[2][n];
            for (double[] a : doubles) {
                for (int i = 0; i < n; i++) {
                    a[i] = in.readDouble();
                }
            }
            int[] unflipped = new int[in.readInt()];
            for (int i = 0; i < unflipped.length; i++) {
                unflipped[i] = in.readInt();
            }
            return new AdversarialSet(d, f, ints[0], ints[1], ints[2], doubles[0], doubles[1], ints[3], ints[4],
                    unflipped, in.readDouble(), in.readInt(), in.readInt());
        }
    }

    private static String sha(byte[] b) throws Exception {
        return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b)).substring(0, 16);
    }

    /** A network that counts and times the calls an attack makes. */
    private static final class TimedNetwork implements Network {

        private final Network inner;
        private final Map<String, long[]> calls = new TreeMap<>();

        TimedNetwork(Network inner) {
            this.inner = inner;
        }

        private void record(String kind, long t0, long rows) {
            long[] c = calls.computeIfAbsent(kind, k -> new long[3]);
            c[0]++;
            c[1] += System.nanoTime() - t0;
            c[2] += rows;
        }

        double totalSeconds() {
            return calls.values().stream().mapToLong(c -> c[1]).sum() / 1e9;
        }

        String summary() {
            StringBuilder s = new StringBuilder();
            calls.forEach((k, c) -> s.append(String.format(Locale.ROOT, "%s %d calls %.2f s %d rows (%.1f per call, "
                    + "%.3f ms per row); ", k, c[0], c[1] / 1e9, c[2], (double) c[2] / c[0], c[1] / 1e6 / c[2])));
            return s.toString();
        }

        @Override
        public ModelSpec spec() {
            return inner.spec();
        }

        @Override
        public long numParams() {
            return inner.numParams();
        }

        @Override
        public List<ParamBlock> paramLayout() {
            return inner.paramLayout();
        }

        @Override
        public INDArray params() {
            return inner.params();
        }

        @Override
        public void setParams(INDArray flat) {
            inner.setParams(flat);
        }

        @Override
        public boolean isTraining() {
            return inner.isTraining();
        }

        @Override
        public void setTraining(boolean training) {
            inner.setTraining(training);
        }

        @Override
        public INDArray buffers() {
            return inner.buffers();
        }

        @Override
        public void setBuffers(INDArray flat) {
            inner.setBuffers(flat);
        }

        @Override
        public INDArray logits(INDArray features) {
            long t0 = System.nanoTime();
            INDArray r = inner.logits(features);
            record("logits", t0, features.size(0));
            return r;
        }

        @Override
        public INDArray probabilities(INDArray features) {
            return inner.probabilities(features);
        }

        @Override
        public LossAndGradient lossAndGradient(INDArray features, int[] labels) {
            return inner.lossAndGradient(features, labels);
        }

        @Override
        public LossAndGradient lossAndGradient(INDArray features, INDArray targets) {
            return inner.lossAndGradient(features, targets);
        }

        @Override
        public INDArray gradientFromLogitGrad(INDArray features, INDArray logitGrad) {
            return inner.gradientFromLogitGrad(features, logitGrad);
        }

        @Override
        public INDArray inputGradient(INDArray features, int[] labels) {
            long t0 = System.nanoTime();
            INDArray r = inner.inputGradient(features, labels);
            record("inputGradient", t0, features.size(0));
            return r;
        }

        @Override
        public InputGradient inputGradientWithLogits(INDArray features, int[] labels) {
            long t0 = System.nanoTime();
            InputGradient r = inner.inputGradientWithLogits(features, labels);
            record("inputGradientWithLogits", t0, features.size(0));
            return r;
        }

        @Override
        public INDArray inputGradientFromLogitGrad(INDArray features, INDArray logitGrad) {
            return inner.inputGradientFromLogitGrad(features, logitGrad);
        }

        @Override
        public double[] perSampleLoss(INDArray features, int[] labels) {
            return inner.perSampleLoss(features, labels);
        }

        @Override
        public Network copy() {
            return inner.copy();
        }
    }
}
