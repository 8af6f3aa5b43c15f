package org.lethe.engine.evaluation.mia;

/** Binary search on sorted arrays, shared by the attacks. */
final class SortedArrays {

    private SortedArrays() {
    }

    /** Index of the first element {@code >= t} in a sorted array (its length if none). */
    static int lowerBound(double[] sorted, double t) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
