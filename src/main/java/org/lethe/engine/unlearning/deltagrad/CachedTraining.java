package org.lethe.engine.unlearning.deltagrad;

import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.Architecture;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.Precision;
import org.lethe.engine.model.Trainer;
import org.lethe.engine.model.TrainingConfig;
import org.lethe.engine.model.optim.OptimizerConfig;

/**
 * Trains a network with plain mini-batch SGD and coupled L2 while recording the
 * {@link TrainingCache} DeltaGrad needs.
 *
 * <p>The run is the one {@link Trainer#train} makes with the same spec and config (same per-epoch
 * permutations from {@link TrainingConfig#shuffleSeed()}, same batches, same arithmetic), so its
 * final parameters are bit-identical to the trainer's; it additionally keeps {@code w_t} and
 * {@code g_t} of every iteration. Only float64 logistic regression and MLPs without batch norm
 * qualify, with SGD without momentum (see {@link #check}).
 */
public final class CachedTraining {

    /** Share of the free heap the cache may take. */
    private static final double HEAP_SHARE = 0.8;

    private CachedTraining() {
    }

    /**
     * Trains {@code spec} (freshly initialised from its seed) on {@code train} with {@code config}
     * and returns the cache of the run.
     *
     * @throws DeltaGradException if the network or optimizer is not one DeltaGrad supports, the view
     *     is empty, or the cache would not fit into the free heap
     */
    public static TrainingCache train(ModelSpec spec, IndexView train, TrainingConfig config, JobContext ctx) {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(ctx, "ctx");
        check(spec, config);
        if (train.isEmpty()) {
            throw new DeltaGradException("DeltaGrad: the training view '" + train.tag() + "' is empty");
        }
        if (!train.split().shape().equals(spec.input())) {
            throw new DeltaGradException("DeltaGrad: images of shape " + train.split().shape()
                    + " for a network expecting " + spec.input());
        }
        long start = System.nanoTime();
        List<int[]> orders = Trainer.epochOrders(train, config.epochs(), config.shuffleSeed());
        int n = train.size();
        int bs = config.batchSize();
        int perEpoch = (n + bs - 1) / bs;
        int iterations = Math.multiplyExact(perEpoch, config.epochs());
        BatchGradient grad = new BatchGradient(spec, train.split());
        double[] w = grad.params();
        checkMemory(iterations, w.length);
        double lambda = config.optimizer().weightDecay();
        double[] initial = w.clone();
        int[] epochOf = new int[iterations];
        double[] rates = new double[iterations];
        int[][] batches = new int[iterations][];
        double[][] params = new double[iterations][];
        double[][] gradients = new double[iterations][];
        int t = 0;
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            int[] order = orders.get(epoch);
            double lr = config.schedule().lr(epoch);
            double lossSum = 0;
            for (int from = 0; from < n; from += bs) {
                ctx.checkCancelled();
                int[] batch = java.util.Arrays.copyOfRange(order, from, Math.min(n, from + bs));
                grad.at(w);
                double[] g = grad.of(batch);
                lossSum += grad.lastLoss() * batch.length;
                epochOf[t] = epoch;
                rates[t] = lr;
                batches[t] = batch;
                params[t] = w.clone();
                gradients[t] = g;
                BatchGradient.sgdStep(w, g, lr, lambda);
                t++;
                ctx.progress((double) t / iterations, "DeltaGrad training: epoch " + (epoch + 1) + "/"
                        + config.epochs() + ", step " + t);
            }
            ctx.listener().log(String.format(Locale.ROOT, "epoch %d/%d: lr %.3g, mean loss %.4f", epoch + 1,
                    config.epochs(), lr, lossSum / n));
        }
        BitSet members = new BitSet(train.split().count());
        for (int i : train.toArray()) {
            members.set(i);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new TrainingCache(spec, train.split(), config, initial, epochOf, rates, batches, params, gradients, w,
                members, seconds);
    }

    /**
     * Checks that DeltaGrad supports the network and optimizer: float64 logistic regression or MLP
     * without batch norm, plain SGD (momentum 0; weight decay allowed).
     *
     * @throws DeltaGradException naming what was found and what is expected
     */
    public static void check(ModelSpec spec, TrainingConfig config) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(config, "config");
        if (spec.architecture() != Architecture.LOGREG && spec.architecture() != Architecture.MLP) {
            throw new DeltaGradException("DeltaGrad supports logreg and mlp networks, not "
                    + spec.architecture().id());
        }
        if (spec.precision() != Precision.DOUBLE) {
            throw new DeltaGradException("DeltaGrad needs float64 parameters (precision DOUBLE), the model spec has "
                    + spec.precision());
        }
        if (spec.batchNorm()) {
            throw new DeltaGradException("DeltaGrad needs a network without batch norm");
        }
        OptimizerConfig opt = config.optimizer();
        if (opt.kind() != OptimizerConfig.Kind.SGD || opt.momentum() != 0) {
            throw new DeltaGradException("DeltaGrad needs plain SGD without momentum, the training config has "
                    + opt.kind() + (opt.kind() == OptimizerConfig.Kind.SGD ? " with momentum " + opt.momentum() : ""));
        }
    }

    private static void checkMemory(long iterations, long numParams) {
        long bytes = 2L * iterations * numParams * Double.BYTES;
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (bytes > HEAP_SHARE * free) {
            throw new DeltaGradException(String.format(Locale.ROOT,
                    "DeltaGrad: the cache of %d iterations x %d parameters needs %.0f MB, but only %.0f MB of heap "
                            + "are free; use larger batches, fewer epochs, or a larger heap (-Xmx)",
                    iterations, numParams, bytes / 1e6, free / 1e6));
        }
    }
}
