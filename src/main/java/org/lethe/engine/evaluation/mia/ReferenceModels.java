package org.lethe.engine.evaluation.mia;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.data.ImageSplit;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.evaluation.metric.MetricInputException;
import org.lethe.engine.evaluation.Predictions;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.BatchHook;
import org.lethe.engine.model.ModelProvenance;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.Network;
import org.lethe.engine.model.TrainedModel;
import org.lethe.engine.model.Trainer;
import org.lethe.engine.model.TrainingConfig;
import org.lethe.engine.model.TrainingResult;

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
     * from {@code seed} and r (see {@link #trainOne}).
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
        double[][] signals = new double[count][];
        for (int r = 0; r < count; r++) {
            ctx.checkCancelled();
            JobContext slice = ctx.slice((double) r / count, (double) (r + 1) / count);
            slice.progress(0, "reference model " + (r + 1) + " of " + count);
            Network net = trainOn(pool, dataset, spec, config, r, seed, slice).network();
            signals[r] = signalsOf(net, pool, slice);
        }
        return assemble(dataset, pool.count(), signals, seed);
    }

    /**
     * Trains reference model {@code index} alone: {@code spec} with {@code config}'s epochs, batch
     * size, optimizer and schedule on the pool samples {@link #trainingHalf} gives, initialised and
     * shuffled with {@link #referenceSeed}. A sweep trains each reference as its own task with this
     * method and joins them with {@link #of}; {@link #train} does both in one go, with the same numbers.
     *
     * @throws MetricInputException if {@code index} is negative
     */
    public static TrainedModel trainOne(ImageDataset dataset, ModelSpec spec, TrainingConfig config, int index,
            long seed, JobContext ctx) {
        Objects.requireNonNull(dataset, "dataset");
        return trainOn(poolOf(dataset), dataset, spec, config, index, seed, ctx);
    }

    /**
     * Joins reference networks trained by {@link #trainOne} (index r at position r, all with the
     * same {@code seed}): computes each one's signal for every pool sample.
     *
     * @throws MetricInputException if {@code networks} is empty
     */
    public static ReferenceModels of(ImageDataset dataset, List<Network> networks, long seed, JobContext ctx) {
        Objects.requireNonNull(dataset, "dataset");
        if (networks.isEmpty()) {
            throw new MetricInputException("RMIA: no reference networks given, expected at least 1");
        }
        ImageSplit pool = poolOf(dataset);
        double[][] signals = new double[networks.size()][];
        for (int r = 0; r < networks.size(); r++) {
            ctx.checkCancelled();
            signals[r] = signalsOf(networks.get(r), pool,
                    ctx.slice((double) r / networks.size(), (double) (r + 1) / networks.size()));
        }
        return assemble(dataset, pool.count(), signals, seed);
    }

    /** The seed reference {@code index} of a set seeded by {@code seed} is initialised and shuffled with. */
    public static long referenceSeed(long seed, int index) {
        return seed * 1_000_003L + index;
    }

    /**
     * The pool indices (ascending, {@code poolSize / 2} of them) reference {@code index} trains on.
     *
     * @throws MetricInputException if {@code index} is negative
     */
    public static int[] trainingHalf(int poolSize, long seed, int index) {
        if (index < 0) {
            throw new MetricInputException("RMIA: reference index " + index + ", expected 0 or more");
        }
        return randomHalf(poolSize, referenceSeed(seed, index));
    }

    /** The size of {@code dataset}'s pool: its training images followed by its test images. */
    public static int poolSize(ImageDataset dataset) {
        return dataset.train().count() + dataset.test().count();
    }

    private static TrainedModel trainOn(ImageSplit pool, ImageDataset dataset, ModelSpec spec, TrainingConfig config,
            int index, long seed, JobContext ctx) {
        long refSeed = referenceSeed(seed, index);
        int[] half = trainingHalf(pool.count(), seed, index);
        IndexView view = new IndexView(pool, half, "reference-" + index);
        ModelSpec refSpec = spec.withSeed(refSeed);
        TrainingConfig refConfig = new TrainingConfig(config.epochs(), config.batchSize(), config.optimizer(),
                config.schedule(), refSeed);
        TrainingResult result = new Trainer().train(refSpec, view, null, refConfig, BatchHook.NONE, ctx);
        ObjectNode params = JsonNodeFactory.instance.objectNode().put("index", index).put("seed", seed);
        ModelProvenance provenance = new ModelProvenance(refSpec, "rmia-reference", params, dataset.name(),
                dataset.sha256(), view.sha256(), half.length, null, null, refConfig, result.history(),
                result.seconds(), null, Instant.now().toString());
        return new TrainedModel(result.network(), provenance, List.of());
    }

    private static double[] signalsOf(Network net, ImageSplit pool, JobContext ctx) {
        return Predictions.compute(net, pool.all("pool"), Predictions.DEFAULT_CHUNK, ctx).trueClassProbability();
    }

    private static ReferenceModels assemble(ImageDataset dataset, int n, double[][] signals, long seed) {
        boolean[][] members = new boolean[signals.length][];
        for (int r = 0; r < signals.length; r++) {
            members[r] = new boolean[n];
            for (int i : trainingHalf(n, seed, r)) {
                members[r][i] = true;
            }
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
