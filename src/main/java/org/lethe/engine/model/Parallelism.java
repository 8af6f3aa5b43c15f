package org.lethe.engine.model;

import java.util.Arrays;
import java.util.Locale;

/**
 * How the engine spends more than one thread on training.
 *
 * <ul>
 *   <li>{@link #INTRA_OP}: one network; every operation (convolution, matrix product, element-wise
 *       loop) is split across the threads by OpenMP, oneDNN and OpenBLAS.</li>
 *   <li>{@link #DATA_PARALLEL}: every operation runs on one thread; a training batch is cut into
 *       one contiguous shard per thread, each shard's loss and gradient are computed on its own copy
 *       of the network at the same time, and the results are combined weighted by shard size (the
 *       gradient of the batch mean, up to floating-point rounding). Networks with batch
 *       normalisation, whose batch statistics would change with the shard, and batches too small to
 *       share keep one copy.</li>
 * </ul>
 * Both give bit-identical results on every run at a fixed thread count; they differ from each other
 * in rounding. ADR 0009 gives the measurements behind the default (intra-op).
 */
public enum Parallelism {

    /** Threads inside each operation. */
    INTRA_OP("intra-op"),
    /** One single-threaded network copy per thread, each on a shard of the batch. */
    DATA_PARALLEL("data-parallel");

    private final String id;

    Parallelism(String id) {
        this.id = id;
    }

    /** The id used on the command line and in settings ({@code intra-op}, {@code data-parallel}). */
    public String id() {
        return id;
    }

    /** The mode with this id (case-insensitive). */
    public static Parallelism fromId(String id) {
        String wanted = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        for (Parallelism p : values()) {
            if (p.id.equals(wanted)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown parallelism '" + id + "', expected one of "
                + Arrays.stream(values()).map(Parallelism::id).toList());
    }
}
