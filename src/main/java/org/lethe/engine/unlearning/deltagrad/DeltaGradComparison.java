package org.lethe.engine.unlearning.deltagrad;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.lethe.engine.data.ImageShape;
import org.lethe.engine.data.ImageSplit;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.evaluation.Predictions;
import org.lethe.engine.evaluation.metric.ParameterDistance;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.Architecture;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.Network;
import org.lethe.engine.model.Precision;
import org.lethe.engine.model.TrainingConfig;
import org.lethe.engine.model.optim.LrSchedule;
import org.lethe.engine.model.optim.OptimizerConfig;

/**
 * The DeltaGrad experiment behind {@code lethe deltagrad} and the {@code deltagrad-deletion} study:
 * choose the samples of a request, train a cached SGD run, then serve the request twice from the same
 * trained model, once by the {@link SameOrderRetrain} and once by {@link DeltaGrad}, and compare the
 * two (parameter distances, accuracies, wall and CPU time).
 *
 * <p>Requests are served against a {@link TrainingCache#snapshot()} of the cache, so one trained cache
 * can serve several independent requests (each starting from the trained model). A request that adds
 * samples needs a cache trained without them: {@link #train} holds them out.
 */
public final class DeltaGradComparison {

    private DeltaGradComparison() {
    }

    /**
     * The samples of one request, as split indices.
     *
     * @param deleted samples to delete (in the training set)
     * @param added samples to add (held out of the training run)
     */
    public record Request(int[] deleted, int[] added) {

        public Request {
            deleted = deleted.clone();
            added = added.clone();
            if (deleted.length == 0 && added.length == 0) {
                throw new DeltaGradException("DeltaGrad: the request names no sample to delete or add");
            }
        }

        @Override
        public int[] deleted() {
            return deleted.clone();
        }

        @Override
        public int[] added() {
            return added.clone();
        }
    }

    /**
     * Accuracies of one model, in percent; {@code forget} and {@code added} are null when the request
     * has no such samples.
     *
     * @param forget accuracy on the deleted samples
     * @param added accuracy on the added samples
     * @param retain accuracy on the training set after the request, without the added samples
     * @param test accuracy on the test split (NaN when the dataset has none)
     */
    public record Accuracies(Double forget, Double added, double retain, double test) { }

    /**
     * The comparison of DeltaGrad with the same-order retrain for one request.
     *
     * @param deleted samples deleted
     * @param added samples added
     * @param trainingSize samples in the cached training run
     * @param iterations iterations of the run
     * @param trainSeconds wall time of the cached training
     * @param storageBytes bytes the cache holds
     * @param update DeltaGrad's result (its params, step counts and wall time)
     * @param retrainSeconds wall time of the same-order retrain
     * @param cpuSeconds process CPU time of the DeltaGrad update (NaN where the JVM cannot tell)
     * @param retrainCpuSeconds process CPU time of the retrain (NaN where the JVM cannot tell)
     * @param l2ToRetrained ‖DeltaGrad − retrained‖₂
     * @param l2OriginalToRetrained ‖original − retrained‖₂: the effect of the request itself
     * @param original accuracies of the trained model
     * @param retrained accuracies of the same-order retrain
     * @param unlearned accuracies of the DeltaGrad model
     */
    public record Outcome(int deleted, int added, int trainingSize, int iterations, double trainSeconds,
                          long storageBytes, DeltaGradUpdate update, double retrainSeconds, double cpuSeconds,
                          double retrainCpuSeconds, double l2ToRetrained, double l2OriginalToRetrained,
                          Accuracies original, Accuracies retrained, Accuracies unlearned) {

        public Outcome {
            Objects.requireNonNull(update, "update");
        }

        /** Retrain wall time over DeltaGrad wall time. */
        public double speedup() {
            return retrainSeconds / update.seconds();
        }

        /** Retrain CPU time over DeltaGrad CPU time (NaN where unknown). */
        public double cpuSpeedup() {
            return cpuSeconds > 0 && retrainCpuSeconds > 0 ? retrainCpuSeconds / cpuSeconds : Double.NaN;
        }

        /** ‖DeltaGrad − retrained‖ over ‖original − retrained‖; below 1 means DeltaGrad got closer (NaN if 0/0). */
        public double distanceRatio() {
            return l2OriginalToRetrained > 0 ? l2ToRetrained / l2OriginalToRetrained : Double.NaN;
        }
    }

    /**
     * The float64 network DeltaGrad works on: {@code architecture}'s defaults for the dataset's
     * images, {@code hiddenWidths} when given (MLP), initialised from {@code seed}.
     */
    public static ModelSpec model(Architecture architecture, List<Integer> hiddenWidths, ImageShape input,
                                  int numClasses, long seed) {
        ModelSpec spec = ModelSpec.defaults(architecture, input, numClasses).withPrecision(Precision.DOUBLE)
                .withSeed(seed);
        return hiddenWidths == null || hiddenWidths.isEmpty() ? spec : spec.withHiddenWidths(hiddenWidths);
    }

    /**
     * Plain SGD with coupled L2 {@code l2}, learning rate {@code lr} multiplied by {@code lrGamma}
     * every {@code lrStep} epochs (0: constant), batches shuffled from {@code seed}.
     */
    public static TrainingConfig sgd(int epochs, int batchSize, double lr, int lrStep, double lrGamma, double l2,
                                     long seed) {
        LrSchedule schedule = lrStep > 0 ? new LrSchedule.Step(lr, lrStep, lrGamma) : LrSchedule.constant(lr);
        return new TrainingConfig(epochs, batchSize, OptimizerConfig.sgd(0, l2), schedule, seed);
    }

    /**
     * Chooses {@code deleteCount + addCount} distinct samples of a split of {@code splitSize}: the
     * first {@code addCount} are to be held out of training and added, the rest deleted. The draw is
     * a seeded partial Fisher–Yates shuffle, so for one seed a smaller request takes a prefix of a
     * larger one's samples.
     *
     * @throws DeltaGradException if a count is negative, both are zero or they leave no training sample
     */
    public static Request choose(int splitSize, int deleteCount, int addCount, long seed) {
        if (deleteCount < 0 || addCount < 0) {
            throw new DeltaGradException("DeltaGrad: counts must be >= 0, were delete " + deleteCount + ", add "
                    + addCount);
        }
        if (deleteCount + addCount >= splitSize) {
            throw new DeltaGradException("DeltaGrad: cannot delete " + deleteCount + " and add " + addCount + " of "
                    + splitSize + " training samples");
        }
        int k = deleteCount + addCount;
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 17);
        int[] all = IntStream.range(0, splitSize).toArray();
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(splitSize - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return new Request(Arrays.copyOfRange(all, addCount, k), Arrays.copyOfRange(all, 0, addCount));
    }

    /**
     * Trains a cached run on {@code split} without the samples of {@code heldOut} (the ones a later
     * request adds).
     *
     * @throws DeltaGradException if the model or optimizer does not qualify (see {@link CachedTraining#check})
     */
    public static TrainingCache train(ImageSplit split, int[] heldOut, ModelSpec model, TrainingConfig config,
                                      JobContext ctx) {
        BitSet out = new BitSet(split.count());
        for (int i : heldOut) {
            out.set(i);
        }
        IndexView train = new IndexView(split, IntStream.range(0, split.count()).filter(i -> !out.get(i)).toArray(),
                "train");
        return CachedTraining.train(model, train, config, ctx);
    }

    /**
     * Serves {@code request} against a snapshot of {@code cache} with the same-order retrain and with
     * DeltaGrad, and evaluates the three models. {@code cache} itself is left as it was. Each timed
     * phase starts with a collected heap, so neither pays for the other's garbage.
     *
     * @param placementSeed seed that places added samples into batches
     * @param test the test set, or null
     */
    public static Outcome compare(TrainingCache cache, Request request, DeltaGradParams params, long placementSeed,
                                  IndexView test, JobContext ctx) {
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(request, "request");
        TrainingCache work = cache.snapshot();
        double[] original = work.finalParams();
        int[] deleted = request.deleted();
        int[] added = request.added();
        UpdatePlan plan = UpdatePlan.of(work, deleted, added, placementSeed);
        System.gc();
        long t0 = System.nanoTime();
        long c0 = processCpuNanos();
        double[] retrained = SameOrderRetrain.run(plan, ctx.slice(0, 0.5));
        double retrainSeconds = (System.nanoTime() - t0) / 1e9;
        double retrainCpu = cpuSince(c0);
        System.gc();
        long c1 = processCpuNanos();
        DeltaGradUpdate update = new DeltaGrad(params).apply(plan, ctx.slice(0.5, 1));
        double cpu = cpuSince(c1);

        ImageSplit split = cache.split();
        IndexView forget = new IndexView(split, deleted, "forget");
        IndexView addedView = new IndexView(split, added, "added");
        BitSet gone = new BitSet(split.count());
        for (int i : deleted) {
            gone.set(i);
        }
        IndexView retain = new IndexView(split, Arrays.stream(cache.trainingIndices()).filter(i -> !gone.get(i))
                .toArray(), "retain");
        return new Outcome(deleted.length, added.length, cache.trainingSize(), cache.iterations(), cache.trainSeconds(),
                cache.storageBytes(), update, retrainSeconds, cpu, retrainCpu,
                ParameterDistance.l2(update.params(), retrained), ParameterDistance.l2(original, retrained),
                accuracies(cache.networkWith(original), forget, addedView, retain, test),
                accuracies(cache.networkWith(retrained), forget, addedView, retain, test),
                accuracies(cache.networkWith(update.params()), forget, addedView, retain, test));
    }

    private static Accuracies accuracies(Network network, IndexView forget, IndexView added, IndexView retain,
                                         IndexView test) {
        return new Accuracies(forget.isEmpty() ? null : percent(network, forget),
                added.isEmpty() ? null : percent(network, added), percent(network, retain),
                test == null || test.isEmpty() ? Double.NaN : percent(network, test));
    }

    private static double percent(Network network, IndexView view) {
        return 100 * Predictions.compute(network, view).accuracy();
    }

    private static double cpuSince(long start) {
        long now = processCpuNanos();
        return start < 0 || now < 0 ? Double.NaN : (now - start) / 1e9;
    }

    /**
     * CPU time used by this process so far (all threads), or -1 where the JVM cannot tell. Unlike wall
     * time it does not grow when other processes compete for the cores.
     */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
