package org.lethe.engine.unlearning.amun;

/**
 * Which attack builds AMUN's adversarial set D_A. Both keep the same contract: every point is
 * misclassified by the original and labelled with its prediction there, and its recorded radius is
 * the smallest on the doubling schedule ({@code eps0 · 2^k}) at which the attack flips the sample.
 */
public enum AttackKind {

    /**
     * The paper's attack ({@link org.lethe.engine.attack.PgdL2}): {@code pgdSteps} projected gradient
     * steps of radius/10 per radius, continuing from where the last radius left off.
     */
    PGD,

    /**
     * One gradient per sample at its clean point, then one forward pass per radius along it
     * ({@link org.lethe.engine.attack.FgmL2}); {@code refineSteps} bisection passes pull the point
     * back towards the sample. A fraction of PGD's cost.
     */
    FGM
}
