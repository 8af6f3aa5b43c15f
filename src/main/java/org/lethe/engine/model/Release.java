package org.lethe.engine.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Frees the off-heap memory of temporary arrays at once. ND4J otherwise frees it only when the
 * garbage collector finds the array unreachable, which on a busy training loop means gigabytes of
 * resident memory and collector work competing with the computation.
 */
public final class Release {

    private Release() {
    }

    /** Closes each array that is closeable (not a view, not yet closed); nulls are skipped. */
    public static void all(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a != null && !a.wasClosed() && a.closeable()) {
                a.close();
            }
        }
    }
}
