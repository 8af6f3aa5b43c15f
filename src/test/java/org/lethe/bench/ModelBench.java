package org.lethe.bench;

import java.util.Locale;
import org.lethe.engine.data.ImageSplit;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.Features;
import org.lethe.engine.model.LossAndGradient;
import org.lethe.engine.model.MnistTestData;
import org.lethe.engine.model.ModelFactory;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.Network;
import org.lethe.engine.model.Trainer;
import org.lethe.engine.model.TrainingConfig;
import org.lethe.engine.model.TrainingResult;
import org.lethe.engine.model.BatchHook;
import org.lethe.engine.model.optim.Adam;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Manual benchmark (not a unit test): {@code java ... ModelBench <lenet|mlp|logreg> <train-samples> [profile]}.
 * Trains one epoch with Adam at batch 64 and prints samples/s; "profile" splits the time of a few
 * hundred steps into feeding, forward+backward, optimizer and parameter copy.
 */
public final class ModelBench {

    private ModelBench() {
    }

    public static void main(String[] args) {
        String arch = args.length > 0 ? args[0] : "lenet";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 60000;
        boolean profile = args.length > 2 && args[2].equals("profile");
        ImageSplit train = MnistTestData.train(n);
        ImageSplit test = MnistTestData.test(10000);
        ModelSpec spec = switch (arch) {
            case "mlp" -> ModelSpec.mlp(train.shape(), 10);
            case "logreg" -> ModelSpec.logreg(train.shape(), 10);
            default -> ModelSpec.lenet();
        };
        if (profile) {
            profile(spec, train, 300);
            return;
        }
        TrainingResult r = new Trainer().train(spec, train.all("train"), null, TrainingConfig.adam(1, 64, 1e-3, 1),
                BatchHook.NONE, JobContext.detached());
        System.out.printf(Locale.ROOT, "%s: %d samples, %.2f s, %.0f samples/s, loss %.4f, train acc %.4f%n", arch, n,
                r.seconds(), r.samplesPerSecond(), r.last().meanLoss(), r.last().trainAccuracy());
        long t0 = System.nanoTime();
        double acc = accuracy(r.network(), test.all("test"));
        System.out.printf(Locale.ROOT, "inference 10k test: %.3f s, acc %.4f%n", (System.nanoTime() - t0) / 1e9, acc);
    }

    private static double accuracy(Network net, IndexView v) {
        int[] idx = v.toArray();
        float[] buf = new float[512 * 784];
        long c = 0;
        for (int f = 0; f < idx.length; f += 512) {
            int t = Math.min(idx.length, f + 512);
            long[] p = net.logits(Features.of(v.split(), idx, f, t, buf)).argMax(1).toLongVector();
            int[] y = Features.labels(v.split(), idx, f, t);
            for (int i = 0; i < y.length; i++) {
                c += p[i] == y[i] ? 1 : 0;
            }
        }
        return (double) c / idx.length;
    }

    private static void profile(ModelSpec spec, ImageSplit train, int steps) {
        Network net = ModelFactory.build(spec);
        Adam adam = new Adam(0);
        INDArray params = net.params();
        int[] idx = train.all("t").toArray();
        float[] buf = new float[64 * 784];
        long feed = 0;
        long fb = 0;
        long opt = 0;
        long set = 0;
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = 0;
        long wall0 = 0;
        for (int s = 0; s < steps + 20; s++) {
            if (s == 20) {
                feed = fb = opt = set = 0;
                cpu0 = mx.getCurrentThreadCpuTime();
                wall0 = System.nanoTime();
            }
            int from = (s * 64) % (idx.length - 64);
            long t0 = System.nanoTime();
            INDArray x = Features.of(train, idx, from, from + 64, buf);
            int[] y = Features.labels(train, idx, from, from + 64);
            long t1 = System.nanoTime();
            LossAndGradient lg = net.lossAndGradient(x, y);
            long t2 = System.nanoTime();
            adam.step(params, lg.gradient(), 1e-3);
            long t3 = System.nanoTime();
            net.setParams(params);
            long t4 = System.nanoTime();
            feed += t1 - t0;
            fb += t2 - t1;
            opt += t3 - t2;
            set += t4 - t3;
        }
        System.out.printf(Locale.ROOT, "%s profile over %d steps (ms/step): feed %.2f, forward+backward %.2f, "
                        + "optimizer %.2f, setParams %.2f, total %.2f -> %.0f samples/s%n", spec.architecture().id(),
                steps, feed / 1e6 / steps, fb / 1e6 / steps, opt / 1e6 / steps, set / 1e6 / steps,
                (feed + fb + opt + set) / 1e6 / steps, 64.0 * steps / ((feed + fb + opt + set) / 1e9));
        double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e6 / steps;
        double wall = (System.nanoTime() - wall0) / 1e6 / steps;
        System.out.printf(Locale.ROOT, "  main-thread CPU %.2f ms/step of %.2f ms wall (%.0f samples/s at CPU time)%n", cpu,
                wall, 64000.0 / cpu);
    }
}
