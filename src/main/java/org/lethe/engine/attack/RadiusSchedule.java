package org.lethe.engine.attack;

/**
 * The doubling radius schedule both ℓ2 attacks follow: radius {@code eps0 · 2^level} for
 * {@code level < maxLevels}, attacked in batches.
 */
final class RadiusSchedule {

    private RadiusSchedule() {
    }

    /** Checks the schedule's settings: {@code eps0 > 0}, {@code maxLevels} in [1, 30], {@code batchSize ≥ 1}. */
    static void check(double eps0, int maxLevels, int batchSize) {
        if (!(eps0 > 0) || Double.isInfinite(eps0)) {
            throw new IllegalArgumentException("eps0 must be a positive number, was " + eps0);
        }
        if (maxLevels < 1 || maxLevels > 30) {
            throw new IllegalArgumentException("maxLevels must be in [1, 30], was " + maxLevels);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
        }
    }

    /** The radius of {@code level}. */
    static double eps(double eps0, int level) {
        return eps0 * Math.pow(2, level);
    }
}
