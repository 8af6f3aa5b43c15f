package org.lethe.engine.unlearning.sisa;

/** How the constituent models' outputs are combined into one prediction (see {@link SisaAggregator}). */
public enum Aggregation {
    /**
     * Majority vote over the constituents' argmax labels; ties go to the lowest class index. This is
     * what the reference code actually supports. Invalid with {@link ShardingMode#BY_LABEL}: there a
     * constituent never saw most classes, so its vote is always for one of its own classes and the
     * vote measures shard sizes rather than evidence.
     */
    VOTE,
    /**
     * The mean of the constituents' softmax probabilities, then argmax. With
     * {@link ShardingMode#BY_LABEL} the score of class c is averaged only over the shards that own c.
     */
    MEAN_PROBABILITY
}
