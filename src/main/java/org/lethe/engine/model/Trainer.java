package org.lethe.engine.model;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.lethe.engine.data.ImageSplit;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.optim.Optimizer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Trains a {@link Network} with minibatch gradient steps on flat parameter vectors.
 *
 * <p>Each epoch visits the training view in a permutation drawn from one {@link SplittableRandom}
 * seeded with {@link TrainingConfig#shuffleSeed()}; the permutations (as split indices) are
 * returned so that {@link #replay} can repeat the run exactly, optionally without some samples
 * (DeltaGrad's retraining baseline: same initialisation, same batches minus the deleted samples,
 * emptied batches skipped).
 *
 * <p>Reporting through the {@link JobContext}: progress after every step; {@code metric("loss",
 * iteration, mean loss)} about 100 times per epoch (the mean over the steps since the last point);
 * {@code metric("trainAccuracy", epoch, ·)} and, with an evaluation view,
 * {@code metric("testAccuracy", epoch, ·)} after each epoch (x is the 1-based epoch number).
 * Cancellation is checked before every step; the network's parameters are only replaced after a
 * step is complete, so a cancelled run leaves the network at an iteration boundary.
 *
 * <p>The network is in training mode during the run (batch statistics for batch norm) and in
 * evaluation mode for the per-epoch test accuracy; its previous mode is restored at the end.
 * Features are pixels scaled to [0, 1] (see {@link Features}); no other normalisation is applied.
 * Training batches go through the config's {@link Augmentation} (chosen per seed, epoch and sample,
 * so replays see the same images); evaluation never does.
 *
 * <p>With {@link EngineThreads#trainingWorkers()} above one ({@link Parallelism#DATA_PARALLEL}), each
 * batch's gradient is computed in shards by copies of the network ({@link ShardedGradients}); networks
 * with batch normalisation and batches smaller than two rows per worker train on the one network.
 */
public final class Trainer {

    /** Evaluation chunk size for test accuracy. */
    private static final int EVAL_CHUNK = 512;

    /** Builds a network from {@code spec} and trains it. */
    public TrainingResult train(ModelSpec spec, IndexView train, IndexView test, TrainingConfig config,
                                BatchHook hook, JobContext ctx) {
        return train(ModelFactory.build(spec), train, test, config, hook, ctx);
    }

    /**
     * Trains {@code network} in place, starting from its current parameters with a fresh optimizer.
     *
     * @param test evaluation view for the per-epoch test accuracy, or null
     * @param hook a hook or {@link BatchHook#NONE}
     */
    public TrainingResult train(Network network, IndexView train, IndexView test, TrainingConfig config,
                                BatchHook hook, JobContext ctx) {
        Objects.requireNonNull(train, "train");
        if (train.isEmpty()) {
            throw new IllegalArgumentException("training view " + train + " is empty");
        }
        checkShape(network, train.split());
        List<int[]> orders = epochOrders(train, config.epochs(), config.shuffleSeed());
        return run(network, train.split(), orders, new BitSet(), test, config, hook, ctx);
    }

    /**
     * The per-epoch visiting orders {@link #train} uses for {@code train} (split indices, one
     * Fisher–Yates shuffle of the view per epoch from one {@link SplittableRandom} seeded with
     * {@code shuffleSeed}). Methods that run their own training loop (DeltaGrad) call this so that
     * their run visits the samples exactly as the trainer would.
     */
    public static List<int[]> epochOrders(IndexView train, int epochs, long shuffleSeed) {
        SplittableRandom random = new SplittableRandom(shuffleSeed);
        int[] base = train.toArray();
        List<int[]> orders = new ArrayList<>(epochs);
        for (int e = 0; e < epochs; e++) {
            int[] order = base.clone();
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            orders.add(order);
        }
        return orders;
    }

    /**
     * Repeats a recorded run from a freshly built network: the same per-epoch orders cut into the same
     * batches, with the samples in {@code excludedSplitIndices} dropped from their batches and batches
     * that become empty skipped (learning rate per epoch as recorded). Without exclusions the result is
     * bit-identical to the original run.
     */
    public TrainingResult replay(ModelSpec spec, ImageSplit split, TrainingConfig config, List<int[]> epochOrders,
                                 int[] excludedSplitIndices, IndexView test, BatchHook hook, JobContext ctx) {
        return replay(ModelFactory.build(spec), split, config, epochOrders, excludedSplitIndices, test, hook, ctx);
    }

    /** As {@link #replay(ModelSpec, ImageSplit, TrainingConfig, List, int[], IndexView, BatchHook, JobContext)},
     *  starting from {@code network}'s current parameters (trained in place). */
    public TrainingResult replay(Network network, ImageSplit split, TrainingConfig config, List<int[]> epochOrders,
                                 int[] excludedSplitIndices, IndexView test, BatchHook hook, JobContext ctx) {
        if (epochOrders.size() != config.epochs()) {
            throw new IllegalArgumentException(epochOrders.size() + " recorded epoch orders for a config of "
                    + config.epochs() + " epochs");
        }
        checkShape(network, split);
        BitSet excluded = new BitSet(split.count());
        for (int i : excludedSplitIndices) {
            excluded.set(i);
        }
        return run(network, split, epochOrders, excluded, test, config, hook, ctx);
    }

    private TrainingResult run(Network net, ImageSplit split, List<int[]> orders, BitSet excluded, IndexView test,
                               TrainingConfig config, BatchHook hook, JobContext ctx) {
        Objects.requireNonNull(ctx, "ctx");
        boolean wasTraining = net.isTraining();
        try {
            return runInTrainingMode(net, split, orders, excluded, test, config, hook, ctx);
        } finally {
            net.setTraining(wasTraining);
        }
    }

    private TrainingResult runInTrainingMode(Network net, ImageSplit split, List<int[]> orders, BitSet excluded,
                                             IndexView test, TrainingConfig config, BatchHook hook, JobContext ctx) {
        net.setTraining(true);
        int workers = EngineThreads.trainingWorkers();
        if (workers > 1 && ShardedGradients.supports(net) && config.batchSize() >= 2 * workers) {
            try (ShardedGradients sharded = new ShardedGradients(net, workers)) {
                return runSteps(net, sharded, split, orders, excluded, test, config, hook, ctx);
            }
        }
        return runSteps(net, null, split, orders, excluded, test, config, hook, ctx);
    }

    /** The training loop; with {@code sharded} non-null, each batch's gradient is computed in shards. */
    private TrainingResult runSteps(Network net, ShardedGradients sharded, ImageSplit split, List<int[]> orders,
                                    BitSet excluded, IndexView test, TrainingConfig config, BatchHook hook,
                                    JobContext ctx) {
        BatchHook h = hook == null ? BatchHook.NONE : hook;
        boolean snapshots = h != BatchHook.NONE;
        long start = System.nanoTime();
        Optimizer optimizer = config.optimizer().create();
        INDArray params = net.params();
        int d = split.shape().pixelsPerImage();
        int bs = config.batchSize();
        float[] buffer = new float[bs * d];
        int[] batch = new int[bs];
        int batchesPerEpoch = (orders.get(0).length + bs - 1) / bs;
        long totalBatches = (long) batchesPerEpoch * config.epochs();
        int metricEvery = Math.max(1, batchesPerEpoch / 100);
        List<EpochStats> history = new ArrayList<>();
        long iteration = 0;
        long batchCounter = 0;
        double trainNanos = 0;
        long trainSamples = 0;
        double windowLoss = 0;
        int windowCount = 0;
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            int[] order = orders.get(epoch);
            double lr = config.schedule().lr(epoch);
            long epochStart = System.nanoTime();
            double lossSum = 0;
            long correct = 0;
            long seen = 0;
            for (int from = 0; from < order.length; from += bs) {
                ctx.checkCancelled();
                batchCounter++;
                int b = 0;
                for (int i = from; i < Math.min(order.length, from + bs); i++) {
                    if (!excluded.get(order[i])) {
                        batch[b++] = order[i];
                    }
                }
                if (b == 0) {
                    continue;
                }
                INDArray x = Features.augmented(split, batch, 0, b, buffer, config.augmentation(),
                        config.shuffleSeed(), epoch);
                int[] y = Features.labels(split, batch, 0, b);
                LossAndGradient lg = sharded == null ? net.lossAndGradient(x, y) : sharded.lossAndGradient(x, y);
                INDArray before = snapshots ? params.dup() : null;
                optimizer.step(params, lg.gradient(), lr);
                net.setParams(params);
                if (sharded != null) {
                    sharded.setParams(params);
                }
                correct += countCorrect(lg.logits(), y);
                lossSum += lg.loss() * b;
                seen += b;
                Release.all(x, lg.gradient(), lg.logits());
                if (snapshots) {
                    h.afterStep(new BatchHook.Step(epoch, iteration, java.util.Arrays.copyOf(batch, b), before,
                            params.dup(), lg.loss()));
                }
                iteration++;
                windowLoss += lg.loss();
                windowCount++;
                if (windowCount == metricEvery) {
                    ctx.listener().metric("loss", iteration, windowLoss / windowCount);
                    windowLoss = 0;
                    windowCount = 0;
                }
                ctx.progress((double) batchCounter / totalBatches, "epoch " + (epoch + 1) + "/" + config.epochs()
                        + ", step " + iteration);
            }
            double epochNanos = System.nanoTime() - epochStart;
            trainNanos += epochNanos;
            trainSamples += seen;
            double trainAcc = seen == 0 ? Double.NaN : (double) correct / seen;
            double testAcc = Double.NaN;
            if (test != null && !test.isEmpty()) {
                net.setTraining(false);
                testAcc = accuracy(net, test);
                net.setTraining(true);
            }
            EpochStats stats = new EpochStats(epoch, lr, seen == 0 ? Double.NaN : lossSum / seen, trainAcc, testAcc,
                    seen, epochNanos / 1e9);
            history.add(stats);
            ctx.listener().metric("trainAccuracy", epoch + 1, trainAcc);
            if (!Double.isNaN(testAcc)) {
                ctx.listener().metric("testAccuracy", epoch + 1, testAcc);
            }
            ctx.listener().log(String.format(java.util.Locale.ROOT,
                    "epoch %d/%d: lr %.3g, loss %.4f, train acc %.4f, test acc %.4f, %.1f s",
                    epoch + 1, config.epochs(), lr, stats.meanLoss(), trainAcc, testAcc, stats.seconds()));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double sps = trainNanos == 0 ? 0 : trainSamples / (trainNanos / 1e9);
        return new TrainingResult(net, net.spec(), config, orders, history, iteration, seconds, sps,
                optimizer.state());
    }

    /** Fraction of {@code view}'s samples whose largest logit is the true class. */
    static double accuracy(Network net, IndexView view) {
        int[] idx = view.toArray();
        float[] buffer = new float[EVAL_CHUNK * view.split().shape().pixelsPerImage()];
        long correct = 0;
        for (int from = 0; from < idx.length; from += EVAL_CHUNK) {
            int to = Math.min(idx.length, from + EVAL_CHUNK);
            INDArray z = net.logits(Features.of(view.split(), idx, from, to, buffer));
            correct += countCorrect(z, Features.labels(view.split(), idx, from, to));
        }
        return (double) correct / idx.length;
    }

    private static long countCorrect(INDArray logits, int[] labels) {
        long[] pred = logits.argMax(1).toLongVector();
        long c = 0;
        for (int i = 0; i < labels.length; i++) {
            if (pred[i] == labels[i]) {
                c++;
            }
        }
        return c;
    }

    private static void checkShape(Network net, ImageSplit split) {
        if (!split.shape().equals(net.spec().input())) {
            throw new ModelSpecException("images of shape " + split.shape() + " for a network expecting "
                    + net.spec().input());
        }
    }
}
