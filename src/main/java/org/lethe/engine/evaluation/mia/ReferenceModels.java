package org.lethe.engine.evaluation.mia;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.data.ImageSplit;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.evaluation.metric.MetricInputException;
import org.lethe.engine.evaluation.Predictions;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.BatchHook;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.Network;
import org.lethe.engine.model.Trainer;
import org.lethe.engine.model.TrainingConfig;

/**
 * The reference models of offline RMIA, trained as AMUN's evaluation trains them: the pool is the
 * dataset's training split followed by its test split, and each of the k models trains on its own
 * seeded random half of that pool, so every sample (forget, retain or test) is a member of about
 * half the references. Only their signals are kept (the true-class probability of every pool
 * sample), not the networks.
 *
 * <p>Pool index {@code i < trainCount} is training sample {@code i}; pool index {@code trainCount + j}
 * is test sample {@code j}.
 */
public final class ReferenceModels {

    private final int trainCount;
    private final double[][] signals;
    private final boolean[][] members;

    private ReferenceModels(int trainCount, double[][] signals, boolean[][] members) {
        this.trainCount = trainCount;
        this.signals = signals;
        this.members = members;
    }

    /**
     * Trains {@code count} reference models of {@code spec} with {@code config} on random halves of
     * {@code dataset}'s training and test images; reference r draws its half and its initialisation
     * from {@code seed} and r.
     *
     * @throws MetricInputException if {@code count} is not positive
     */
    public static ReferenceModels train(ImageDataset dataset, ModelSpec spec, TrainingConfig config, int count,
            long seed, JobContext ctx) {
        Objects.requireNonNull(dataset, "dataset");
        if (count < 1) {
            throw new MetricInputException("RMIA: " + count + " reference models requested, expected at least 1");
        }
        ImageSplit pool = poolOf(dataset);
        int n = pool.count();
        double[][] signals = new double[count][];
        boolean[][] members = new boolean[count][];
        for (int r = 0; r < count; r++) {
            ctx.checkCancelled();
            long refSeed = seed * 1_000_003L + r;
            int[] half = randomHalf(n, refSeed);
            members[r] = new boolean[n];
            for (int i : half) {
                members[r][i] = true;
            }
            JobContext slice = ctx.slice((double) r / count, (double) (r + 1) / count);
            slice.progress(0, "reference model " + (r + 1) + " of " + count);
            Network net = new Trainer().train(spec.withSeed(refSeed), new IndexView(pool, half, "reference-" + r),
                    null, new TrainingConfig(config.epochs(), config.batchSize(), config.optimizer(),
                            config.schedule(), refSeed), BatchHook.NONE, slice).network();
            signals[r] = Predictions.compute(net, pool.all("pool"), Predictions.DEFAULT_CHUNK, slice)
                    .trueClassProbability();
        }
        return new ReferenceModels(dataset.train().count(), signals, members);
    }

    private static ImageSplit poolOf(ImageDataset dataset) {
        ImageSplit train = dataset.train();
        ImageSplit test = dataset.test();
        int size = train.shape().pixelsPerImage();
        byte[] pixels = new byte[(train.count() + test.count()) * size];
        byte[] labels = new byte[train.count() + test.count()];
        for (int i = 0; i < train.count(); i++) {
            train.copyImage(i, pixels, i * size);
            labels[i] = (byte) train.label(i);
        }
        for (int j = 0; j < test.count(); j++) {
            test.copyImage(j, pixels, (train.count() + j) * size);
            labels[train.count() + j] = (byte) test.label(j);
        }
        return new ImageSplit("pool", train.shape(), pixels, labels);
    }

    private static int[] randomHalf(int n, long seed) {
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] half = Arrays.copyOf(order, n / 2);
        Arrays.sort(half);
        return half;
    }

    /** How many reference models there are. */
    public int count() {
        return signals.length;
    }

    /** The pool index of training sample {@code i}. */
    public int trainIndex(int i) {
        return i;
    }

    /** The pool index of test sample {@code j}. */
    public int testIndex(int j) {
        return trainCount + j;
    }

    /** Reference {@code r}'s true-class probability of pool sample {@code i}. */
    public double signal(int r, int i) {
        return signals[r][i];
    }

    /** Whether pool sample {@code i} was in reference {@code r}'s training half. */
    public boolean isMember(int r, int i) {
        return members[r][i];
    }
}
