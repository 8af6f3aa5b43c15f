package org.lethe.engine.unlearning.sisa;

import java.util.Objects;
import org.lethe.engine.model.optim.OptimizerConfig;

/**
 * The settings of a SISA ensemble.
 *
 * <p>Epoch budget: as in the reference code, {@code epochs} is the budget of one shard and every
 * slice trains on the growing prefix (slices {@code 0..sl}) for
 * {@code floor((sl+1)·ē) − floor(sl·ē)} epochs with {@code ē = 2·epochs/(R+1)}, so a shard sees each
 * point about {@code epochs} times in total. Some slices may get zero epochs (then their checkpoint
 * equals the previous one).
 *
 * @param shards number of shards S, ≥ 1
 * @param slices number of slices R per shard, ≥ 1
 * @param epochs epoch budget e of one shard, ≥ 1
 * @param batchSize samples per step, ≥ 1 (deleted points are dropped from their batch, which shrinks)
 * @param optimizer optimizer kind and settings; a fresh optimizer starts with every slice
 * @param learningRate constant learning rate, &gt; 0
 * @param sharding how points are split into shards
 * @param aggregation how constituent outputs are combined; {@link Aggregation#VOTE} is rejected with
 *                    {@link ShardingMode#BY_LABEL} because a constituent there has never seen most
 *                    classes and its vote carries no information about them
 * @param seed seed of the sharding, the per-slice epoch orders and the constituents' initialisation
 * @param parallelism how many shards train at the same time, ≥ 1
 */
public record SisaConfig(int shards, int slices, int epochs, int batchSize, OptimizerConfig optimizer,
                         double learningRate, ShardingMode sharding, Aggregation aggregation, long seed,
                         int parallelism) {

    public SisaConfig {
        check("shards", shards, 1, 10_000);
        check("slices", slices, 1, 10_000);
        check("epochs", epochs, 1, 100_000);
        check("batch size", batchSize, 1, 1_000_000);
        check("parallelism", parallelism, 1, 1024);
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(sharding, "sharding");
        Objects.requireNonNull(aggregation, "aggregation");
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new SisaException("SISA: learning rate must be a positive number, was " + learningRate);
        }
        if (sharding == ShardingMode.BY_LABEL && aggregation == Aggregation.VOTE) {
            throw new SisaException("SISA: majority vote is invalid with by-label sharding: each shard's model "
                    + "has only seen its own classes and can never vote for another; use MEAN_PROBABILITY, "
                    + "which averages each class's probability over the shards that own it");
        }
    }

    /** SGD without momentum, {@link ShardingMode#RANDOM}, {@link Aggregation#VOTE}, one thread. */
    public static SisaConfig of(int shards, int slices, int epochs, int batchSize, double learningRate, long seed) {
        return new SisaConfig(shards, slices, epochs, batchSize, OptimizerConfig.sgd(0, 0), learningRate,
                ShardingMode.RANDOM, Aggregation.VOTE, seed, 1);
    }

    /** This config with another sharding mode and aggregation. */
    public SisaConfig with(ShardingMode newSharding, Aggregation newAggregation) {
        return new SisaConfig(shards, slices, epochs, batchSize, optimizer, learningRate, newSharding,
                newAggregation, seed, parallelism);
    }

    /** This config with another optimizer. */
    public SisaConfig withOptimizer(OptimizerConfig newOptimizer) {
        return new SisaConfig(shards, slices, epochs, batchSize, newOptimizer, learningRate, sharding, aggregation,
                seed, parallelism);
    }

    /** This config training up to {@code threads} shards at once. */
    public SisaConfig withParallelism(int threads) {
        return new SisaConfig(shards, slices, epochs, batchSize, optimizer, learningRate, sharding, aggregation,
                seed, threads);
    }

    /** The epochs of slice {@code slice} (0-based): {@code floor((sl+1)·ē) − floor(sl·ē)}, ē = 2e/(R+1). */
    public int sliceEpochs(int slice) {
        if (slice < 0 || slice >= slices) {
            throw new IllegalArgumentException("slice " + slice + " outside [0, " + slices + ")");
        }
        long twoE = 2L * epochs;
        return (int) ((slice + 1) * twoE / (slices + 1) - slice * twoE / (slices + 1));
    }

    private static void check(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new SisaException("SISA: " + name + " must be in [" + min + ", " + max + "], was " + value);
        }
    }
}
