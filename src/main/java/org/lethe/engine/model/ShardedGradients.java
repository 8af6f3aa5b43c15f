package org.lethe.engine.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A training step's loss and gradient computed by several copies of one network at once, each on a
 * contiguous shard of the batch ({@link Parallelism#DATA_PARALLEL}).
 *
 * <p>With {@code k} workers, a batch of {@code n} rows is cut into {@code k} shards whose sizes
 * differ by at most one (fewer when {@code n < k}); the caller's thread computes the first shard on
 * the primary network, pool threads the others on copies made when the object is created. The
 * batch's mean loss and its gradient are the shard results weighted by {@code n_i / n} and added in
 * shard order, and the logits are the shards' logits stacked in order, so the result is the same on
 * every run and equals the single-network result up to rounding. The copies must follow every
 * parameter change of the primary: call {@link #setParams} after each optimizer step.
 *
 * <p>Not for networks with batch normalisation (see {@link #supports}). Not thread-safe: one
 * training loop owns it; {@link #close} stops the pool threads.
 */
final class ShardedGradients implements AutoCloseable {

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final Network primary;
    private final List<Network> copies;
    private final ExecutorService pool;

    /**
     * Copies {@code primary} {@code workers - 1} times and starts as many pool threads.
     *
     * @param workers shards per batch, ≥ 2
     */
    ShardedGradients(Network primary, int workers) {
        if (workers < 2) {
            throw new IllegalArgumentException("sharding needs at least 2 workers, was " + workers);
        }
        if (!supports(primary)) {
            throw new IllegalArgumentException("networks with batch normalisation cannot be sharded");
        }
        this.primary = primary;
        this.copies = new ArrayList<>(workers - 1);
        for (int i = 1; i < workers; i++) {
            copies.add(primary.copy());
        }
        int id = POOLS.incrementAndGet();
        AtomicInteger threadNumber = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(workers - 1, r -> {
            Thread t = new Thread(r, "lethe-train-shard-" + id + "-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Whether a network can be sharded: its gradient must not depend on which rows share a batch. */
    static boolean supports(Network network) {
        return !network.spec().batchNorm();
    }

    /** Shards in use: the primary and its copies. */
    int workers() {
        return copies.size() + 1;
    }

    /**
     * The batch's mean loss, its gradient and its logits.
     *
     * @param features {@code [n, inputSize]} rows
     * @param labels the label of each row
     */
    LossAndGradient lossAndGradient(INDArray features, int[] labels) {
        int n = labels.length;
        int shards = Math.min(workers(), n);
        if (shards < 2) {
            return primary.lossAndGradient(features, labels);
        }
        int[] bounds = bounds(n, shards);
        List<Future<LossAndGradient>> others = new ArrayList<>(shards - 1);
        for (int s = 1; s < shards; s++) {
            Network copy = copies.get(s - 1);
            INDArray x = rows(features, bounds[s], bounds[s + 1]);
            int[] y = Arrays.copyOfRange(labels, bounds[s], bounds[s + 1]);
            others.add(pool.submit(() -> copy.lossAndGradient(x, y)));
        }
        List<LossAndGradient> parts = new ArrayList<>(shards);
        parts.add(primary.lossAndGradient(rows(features, 0, bounds[1]), Arrays.copyOfRange(labels, 0, bounds[1])));
        for (Future<LossAndGradient> f : others) {
            parts.add(await(f));
        }
        return combine(parts, bounds, n);
    }

    /** Gives every copy the primary's new parameters. */
    void setParams(INDArray params) {
        for (Network copy : copies) {
            copy.setParams(params);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    /** Shard {@code s} holds rows {@code [bounds[s], bounds[s+1])}; sizes differ by at most one. */
    static int[] bounds(int n, int shards) {
        int[] bounds = new int[shards + 1];
        for (int s = 0; s <= shards; s++) {
            bounds[s] = (int) ((long) n * s / shards);
        }
        return bounds;
    }

    private static INDArray rows(INDArray features, int from, int to) {
        return features.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }

    private static LossAndGradient combine(List<LossAndGradient> parts, int[] bounds, int n) {
        double loss = 0;
        INDArray gradient = null;
        INDArray[] logits = new INDArray[parts.size()];
        for (int s = 0; s < parts.size(); s++) {
            LossAndGradient p = parts.get(s);
            double weight = (double) (bounds[s + 1] - bounds[s]) / n;
            loss += weight * p.loss();
            if (gradient == null) {
                gradient = p.gradient().muli(weight);
            } else {
                gradient.addi(p.gradient().muli(weight));
                Release.all(p.gradient());
            }
            logits[s] = p.logits();
        }
        INDArray stacked = Nd4j.vstack(logits);
        Release.all(logits);
        return new LossAndGradient(loss, gradient, stacked);
    }

    private static LossAndGradient await(Future<LossAndGradient> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a shard's gradient was computed", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("a shard's gradient failed", cause);
        }
    }
}
