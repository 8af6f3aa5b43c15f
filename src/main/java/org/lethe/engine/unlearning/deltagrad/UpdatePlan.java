package org.lethe.engine.unlearning.deltagrad;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * One request against a {@link TrainingCache}, resolved to iterations: which samples leave which
 * batches and which samples join which batches. DeltaGrad and the {@link SameOrderRetrain} baseline
 * consume the same plan, so both see the same new batches.
 *
 * <p>A deleted sample leaves every batch it is in (one per epoch). An added sample joins one batch
 * per epoch, drawn uniformly from that epoch's iterations with a {@link SplittableRandom} seeded by
 * the caller (as the reference code does with {@code np.random.choice}); it is appended at the end
 * of the batch. The new batch of iteration {@code t} is the cached batch minus the deleted samples
 * (order kept) followed by the added ones.
 *
 * <p>A plan is made for one {@link TrainingCache#revision()}; once an update has been applied it is
 * stale and using it raises a {@link DeltaGradException}.
 */
public final class UpdatePlan {

    private static final int[] NONE = new int[0];

    private final TrainingCache cache;
    private final int revision;
    private final int[] deleted;
    private final int[] added;
    private final int[][] removedAt;
    private final int[][] addedAt;
    private final int firstAffected;
    private final int affected;

    private UpdatePlan(TrainingCache cache, int[] deleted, int[] added, int[][] removedAt, int[][] addedAt) {
        this.cache = cache;
        this.revision = cache.revision();
        this.deleted = deleted;
        this.added = added;
        this.removedAt = removedAt;
        this.addedAt = addedAt;
        int first = -1;
        int count = 0;
        for (int t = 0; t < removedAt.length; t++) {
            if (removedAt[t].length > 0 || addedAt[t].length > 0) {
                count++;
                if (first < 0) {
                    first = t;
                }
            }
        }
        this.firstAffected = first;
        this.affected = count;
    }

    /** Deletes split samples {@code indices} from the training set. */
    public static UpdatePlan deletion(TrainingCache cache, int[] indices) {
        return of(cache, indices, NONE, 0L);
    }

    /** Adds split samples {@code indices} to the training set, placing them with {@code seed}. */
    public static UpdatePlan addition(TrainingCache cache, int[] indices, long seed) {
        return of(cache, NONE, indices, seed);
    }

    /**
     * Deletes {@code delete} and adds {@code add} (split indices) in one pass.
     *
     * @throws DeltaGradException if both are empty, an index repeats or appears in both, a deleted
     *     sample is not in the training set, or an added sample is outside the split or already in it
     */
    public static UpdatePlan of(TrainingCache cache, int[] delete, int[] add, long seed) {
        Objects.requireNonNull(cache, "cache");
        int[] del = delete == null ? NONE : delete.clone();
        int[] plus = add == null ? NONE : add.clone();
        if (del.length == 0 && plus.length == 0) {
            throw new DeltaGradException("DeltaGrad: the request names no sample to delete or add");
        }
        int count = cache.split().count();
        BitSet seen = new BitSet(count);
        for (int i : del) {
            if (!cache.contains(i)) {
                throw new DeltaGradException("DeltaGrad: sample " + i + " cannot be deleted, it is not in the training "
                        + "set (" + cache.trainingSize() + " of the split's " + count + " samples)");
            }
            if (seen.get(i)) {
                throw new DeltaGradException("DeltaGrad: sample " + i + " is listed twice for deletion");
            }
            seen.set(i);
        }
        for (int i : plus) {
            if (i < 0 || i >= count) {
                throw new DeltaGradException("DeltaGrad: sample " + i + " cannot be added, the split '"
                        + cache.split().name() + "' has indices 0.." + (count - 1));
            }
            if (cache.contains(i)) {
                throw new DeltaGradException("DeltaGrad: sample " + i + " cannot be added, it is already in the "
                        + "training set");
            }
            if (seen.get(i)) {
                throw new DeltaGradException("DeltaGrad: sample " + i + " is listed twice (to add, or to add and delete)");
            }
            seen.set(i);
        }
        int iterations = cache.iterations();
        BitSet gone = new BitSet(count);
        for (int i : del) {
            gone.set(i);
        }
        int[][] removedAt = new int[iterations][];
        for (int t = 0; t < iterations; t++) {
            int[] batch = cache.batchRef(t);
            int r = 0;
            for (int i : batch) {
                if (gone.get(i)) {
                    r++;
                }
            }
            if (r == 0) {
                removedAt[t] = NONE;
                continue;
            }
            int[] removed = new int[r];
            int k = 0;
            for (int i : batch) {
                if (gone.get(i)) {
                    removed[k++] = i;
                }
            }
            removedAt[t] = removed;
        }
        int[][] addedAt = placeAdded(cache, plus, seed);
        return new UpdatePlan(cache, del, plus, removedAt, addedAt);
    }

    /** For each epoch, each added sample goes to one uniformly drawn iteration of that epoch. */
    private static int[][] placeAdded(TrainingCache cache, int[] plus, long seed) {
        int iterations = cache.iterations();
        int[][] addedAt = new int[iterations][];
        Arrays.fill(addedAt, NONE);
        if (plus.length == 0) {
            return addedAt;
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] counts = new int[iterations];
        int start = 0;
        while (start < iterations) {
            int end = start;
            while (end < iterations && cache.epochOf(end) == cache.epochOf(start)) {
                end++;
            }
            int[] slot = new int[plus.length];
            for (int k = 0; k < plus.length; k++) {
                slot[k] = start + random.nextInt(end - start);
                counts[slot[k]]++;
            }
            for (int t = start; t < end; t++) {
                if (counts[t] > 0) {
                    addedAt[t] = new int[counts[t]];
                }
            }
            int[] fill = new int[end - start];
            for (int k = 0; k < plus.length; k++) {
                int t = slot[k];
                addedAt[t][fill[t - start]++] = plus[k];
            }
            start = end;
        }
        return addedAt;
    }

    /** The cache this plan was made for. */
    public TrainingCache cache() {
        return cache;
    }

    /** The split indices to delete (a copy, in the order given). */
    public int[] deleted() {
        return deleted.clone();
    }

    /** The split indices to add (a copy, in the order given). */
    public int[] added() {
        return added.clone();
    }

    /** The first iteration whose batch changes (the trajectory is unchanged before it). */
    public int firstAffectedIteration() {
        return firstAffected;
    }

    /** Number of iterations whose batch changes. */
    public int affectedIterations() {
        return affected;
    }

    /** Whether the cache is still at the revision this plan was made for. */
    public boolean isCurrent() {
        return cache.revision() == revision;
    }

    /** The samples of iteration {@code t}'s new batch: the cached batch minus deletions, then additions. */
    public int[] newBatch(int t) {
        return newBatchRef(t).clone();
    }

    /** As {@link #newBatch} without the copy (may be the cache's own array: do not modify). */
    int[] newBatchRef(int t) {
        return concat(kept(t), addedAt[t]);
    }

    void requireCurrent() {
        if (!isCurrent()) {
            throw new DeltaGradException("DeltaGrad: this plan was made for revision " + revision + " of the cache, "
                    + "which has since been updated to revision " + cache.revision() + "; make a new plan");
        }
    }

    int[] removedAt(int t) {
        return removedAt[t];
    }

    int[] addedAt(int t) {
        return addedAt[t];
    }

    /** The cached batch of iteration {@code t} without the deleted samples, order kept. */
    int[] kept(int t) {
        int[] batch = cache.batchRef(t);
        int r = removedAt[t].length;
        if (r == 0) {
            return batch;
        }
        BitSet gone = new BitSet();
        for (int i : removedAt[t]) {
            gone.set(i);
        }
        int[] keep = new int[batch.length - r];
        int k = 0;
        for (int i : batch) {
            if (!gone.get(i)) {
                keep[k++] = i;
            }
        }
        return keep;
    }

    private static int[] concat(int[] a, int[] b) {
        if (b.length == 0) {
            return a;
        }
        int[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
