package org.lethe.engine.unlearning.l1sparse;

/** How the ℓ1 coefficient changes from epoch to epoch. */
public enum L1Decay {

    /**
     * Unlearn-Sparse: α_t = α·(1 − t/E) for epoch t = 0 … E−1, a straight line from α down to α/E.
     */
    LINEAR,

    /**
     * The AMUN code's variant: after every epoch t the coefficient is multiplied by (2 − 2t/E), so it
     * compounds, α_t = α·Π_{s<t}(2 − 2s/E): it first grows (to about 10α in the middle of a 10-epoch
     * run) and only shrinks in the last epochs.
     */
    AMUN_COMPOUNDING;

    /** The coefficient for epoch {@code epoch} (from 0) of {@code epochs}. */
    public double coefficient(double alpha, int epoch, int epochs) {
        if (this == LINEAR) {
            return alpha * (1 - (double) epoch / epochs);
        }
        double a = alpha;
        for (int s = 0; s < epoch; s++) {
            a *= 2 - 2.0 * s / epochs;
        }
        return a;
    }
}
