package org.lethe.engine.attack;

import java.util.Arrays;
import java.util.Objects;

/**
 * The result of an attack that searches, per sample, for a nearby point the network misclassifies
 * ({@link PgdL2}, {@link FgmL2}). Only the samples the attack flipped are in the set (row {@code i} of every array
 * belongs to adversarial point {@code i}); the sources it failed on are listed in {@code unflipped}.
 *
 * @param dimension floats per sample
 * @param features the adversarial points, row-major, {@code size() * dimension} values in [0, 1]
 * @param labels the network's (wrong) prediction at each adversarial point
 * @param trueLabels the label of the clean sample each point was made from
 * @param sources the index (in the caller's numbering, e.g. the training split) of each point's clean sample
 * @param eps the radius of the level at which each point first became misclassified
 * @param distances the ℓ2 distance of each point from its clean sample (at most its {@code eps})
 * @param levels the level (0-based, radius {@code eps0 · 2^level}) at which each point flipped; 0 also
 *     for samples that were misclassified before any step
 * @param steps gradient steps each point took in total, over all levels (0 when already misclassified)
 * @param unflipped sources still classified correctly after the last level
 * @param eps0 the first level's radius
 * @param stepsPerLevel gradient steps per level
 * @param maxLevels number of levels tried before giving up
 * @param gradientRows the attack's cost in input-gradient evaluations (one forward and backward pass of
 *     one sample each), flipped samples and unflipped ones together
 * @param forwardRows the attack's forward-only evaluations of one sample (0 for {@link PgdL2}, whose
 *     flip checks come with its gradient calls; {@link FgmL2} tests each radius with one)
 */
public record AdversarialSet(int dimension, float[] features, int[] labels, int[] trueLabels, int[] sources,
        double[] eps, double[] distances, int[] levels, int[] steps, int[] unflipped, double eps0, int stepsPerLevel,
        int maxLevels, long gradientRows, long forwardRows) {

    /**
     * A set made by {@link PgdL2}: its cost is its steps, {@code stepsPerLevel · maxLevels} for each
     * unflipped sample, and no forward-only passes.
     */
    public AdversarialSet(int dimension, float[] features, int[] labels, int[] trueLabels, int[] sources,
            double[] eps, double[] distances, int[] levels, int[] steps, int[] unflipped, double eps0,
            int stepsPerLevel, int maxLevels) {
        this(dimension, features, labels, trueLabels, sources, eps, distances, levels, steps, unflipped, eps0,
                stepsPerLevel, maxLevels, Arrays.stream(steps).asLongStream().sum()
                        + (long) unflipped.length * stepsPerLevel * maxLevels, 0);
    }

    public AdversarialSet {
        Objects.requireNonNull(features, "features");
        int n = labels.length;
        if (dimension < 1 || (long) n * dimension != features.length) {
            throw new IllegalArgumentException(features.length + " feature values for " + n + " samples of dimension "
                    + dimension);
        }
        for (int[] a : new int[][] {trueLabels, sources, levels, steps}) {
            if (a.length != n) {
                throw new IllegalArgumentException("per-sample array of length " + a.length + " for " + n + " samples");
            }
        }
        if (gradientRows < 0 || forwardRows < 0) {
            throw new IllegalArgumentException("negative attack cost: " + gradientRows + " gradient rows, "
                    + forwardRows + " forward rows");
        }
        if (eps.length != n || distances.length != n) {
            throw new IllegalArgumentException("eps/distances must have one entry per sample (" + n + ")");
        }
        features = features.clone();
        labels = labels.clone();
        trueLabels = trueLabels.clone();
        sources = sources.clone();
        eps = eps.clone();
        distances = distances.clone();
        levels = levels.clone();
        steps = steps.clone();
        unflipped = unflipped.clone();
    }

    /** Number of adversarial points. */
    public int size() {
        return labels.length;
    }

    /** A copy of the features. */
    @Override
    public float[] features() {
        return features.clone();
    }

    @Override
    public int[] labels() {
        return labels.clone();
    }

    @Override
    public int[] trueLabels() {
        return trueLabels.clone();
    }

    @Override
    public int[] sources() {
        return sources.clone();
    }

    @Override
    public double[] eps() {
        return eps.clone();
    }

    @Override
    public double[] distances() {
        return distances.clone();
    }

    @Override
    public int[] levels() {
        return levels.clone();
    }

    @Override
    public int[] steps() {
        return steps.clone();
    }

    @Override
    public int[] unflipped() {
        return unflipped.clone();
    }

    /** Writes point {@code i}'s features at {@code offset} of {@code target}. */
    public void copyFeatures(int i, float[] target, int offset) {
        System.arraycopy(features, i * dimension, target, offset, dimension);
    }

    /** Mean radius of the levels at which the points flipped (0 for an empty set). */
    public double meanEps() {
        return Arrays.stream(eps).average().orElse(0);
    }

    /** Mean ℓ2 distance of the points from their clean samples (0 for an empty set). */
    public double meanDistance() {
        return Arrays.stream(distances).average().orElse(0);
    }

    /** Gradient steps of all samples together, flipped or not: the attack's cost in backward passes. */
    public long totalSteps() {
        return gradientRows;
    }

    /**
     * The attack's cost in units of one input-gradient evaluation of one sample, counting a
     * forward-only evaluation as {@code forwardShare} of one.
     */
    public double cost(double forwardShare) {
        return gradientRows + forwardShare * forwardRows;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AdversarialSet s && s.dimension == dimension && Arrays.equals(s.features, features)
                && Arrays.equals(s.labels, labels) && Arrays.equals(s.trueLabels, trueLabels)
                && Arrays.equals(s.sources, sources) && Arrays.equals(s.eps, eps)
                && Arrays.equals(s.distances, distances) && Arrays.equals(s.levels, levels)
                && Arrays.equals(s.steps, steps) && Arrays.equals(s.unflipped, unflipped) && s.eps0 == eps0
                && s.stepsPerLevel == stepsPerLevel && s.maxLevels == maxLevels && s.gradientRows == gradientRows
                && s.forwardRows == forwardRows;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(features) * 31 + Arrays.hashCode(labels);
    }

    @Override
    public String toString() {
        return "AdversarialSet[" + size() + " points, " + unflipped.length + " unflipped, mean eps " + meanEps()
                + ", mean L2 " + meanDistance() + "]";
    }
}
