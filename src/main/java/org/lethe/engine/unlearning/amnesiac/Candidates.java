package org.lethe.engine.unlearning.amnesiac;

import java.util.BitSet;

/** Which split indices a recorder tracks: all of them, or a marked sensitive subset. */
final class Candidates {

    private final BitSet marked;

    private Candidates(BitSet marked) {
        this.marked = marked;
    }

    static Candidates all() {
        return new Candidates(null);
    }

    static Candidates of(int[] splitIndices) {
        if (splitIndices == null || splitIndices.length == 0) {
            throw new AmnesiacException("sensitive set: expected at least one split index, found none");
        }
        BitSet b = new BitSet();
        for (int i : splitIndices) {
            if (i < 0) {
                throw new AmnesiacException("sensitive set: split indices must be >= 0, found " + i);
            }
            b.set(i);
        }
        return new Candidates(b);
    }

    boolean isAll() {
        return marked == null;
    }

    boolean contains(int splitIndex) {
        return marked == null || marked.get(splitIndex);
    }

    /** Number of marked samples, or -1 for all. */
    int count() {
        return marked == null ? -1 : marked.cardinality();
    }

    boolean anyIn(int[] splitIndices) {
        for (int i : splitIndices) {
            if (contains(i)) {
                return true;
            }
        }
        return false;
    }
}
