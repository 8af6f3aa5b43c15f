package org.lethe.engine.unlearning.sisa;

/** How the training points are split into SISA shards (see {@link ShardAssignment}). */
public enum ShardingMode {
    /** A seeded uniform permutation cut into contiguous, equally sized chunks (SISA's default). */
    RANDOM,
    /**
     * Balanced, capacity-constrained k-means on the raw pixels (capacity ⌈N/S⌉): shards hold similar
     * images, so each constituent becomes a specialist.
     */
    KMEANS,
    /** Whole classes per shard, assigned round-robin (class c goes to shard c mod S). */
    BY_LABEL
}
