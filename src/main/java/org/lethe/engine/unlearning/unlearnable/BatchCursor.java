package org.lethe.engine.unlearning.unlearnable;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Cuts a list of positions into batches the way a PyTorch data loader does: in order or reshuffled
 * at the start of every pass, with or without the last incomplete batch. {@link #next()} goes on
 * where it stopped, across passes, as the reference's persistent {@code data_iter}.
 */
final class BatchCursor {

    private final int[] positions;
    private final int batchSize;
    private final boolean shuffle;
    private final boolean dropLast;
    private final SplittableRandom random;
    private List<int[]> current = List.of();
    private int next;

    /**
     * @param positions the items to batch (copied)
     * @param batchSize items per batch; a list shorter than one batch always forms one batch
     * @param shuffle reshuffle at the start of each pass
     * @param dropLast leave out the last incomplete batch of a pass
     * @param random source of the shuffles
     */
    BatchCursor(int[] positions, int batchSize, boolean shuffle, boolean dropLast, SplittableRandom random) {
        if (positions.length == 0) {
            throw new IllegalArgumentException("nothing to batch");
        }
        this.positions = positions.clone();
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.dropLast = dropLast && positions.length >= batchSize;
        this.random = random;
    }

    /** The batches of one new pass. */
    List<int[]> pass() {
        int[] order = positions.clone();
        if (shuffle) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        List<int[]> batches = new ArrayList<>();
        for (int from = 0; from < order.length; from += batchSize) {
            int to = Math.min(order.length, from + batchSize);
            if (dropLast && to - from < batchSize) {
                break;
            }
            batches.add(java.util.Arrays.copyOfRange(order, from, to));
        }
        return batches;
    }

    /** The next batch, starting a new pass when the current one is used up. */
    int[] next() {
        if (next >= current.size()) {
            current = pass();
            next = 0;
        }
        return current.get(next++);
    }
}
