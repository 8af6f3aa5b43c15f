package org.lethe.engine.unlearning.sisa;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.lethe.engine.data.ImageSplit;
import org.lethe.engine.data.IndexView;

/**
 * Which training points belong to which shard, and in which order: shard k is a list of split
 * indices whose order fixes the slices (slice sl is the sl-th run of {@code size/R} entries, the last
 * slice takes the remainder). Immutable.
 *
 * <p>Every mode shuffles with a seeded permutation, so slices are random subsets of their shard:
 * {@link ShardingMode#RANDOM} permutes all points and cuts contiguous chunks (sizes differ by at most
 * one); {@link ShardingMode#KMEANS} and {@link ShardingMode#BY_LABEL} group points first and then
 * permute each group.
 */
public final class ShardAssignment {

    /** Iteration cap of the balanced k-means. */
    static final int KMEANS_MAX_ITERATIONS = 20;

    private final int[][] shards;
    private final Map<Integer, Integer> shardOf;

    /**
     * Wraps an explicit layout (arrays copied).
     *
     * @throws SisaException if a shard is empty or an index appears twice
     */
    public ShardAssignment(int[][] shards) {
        this.shards = new int[shards.length][];
        this.shardOf = new HashMap<>();
        for (int k = 0; k < shards.length; k++) {
            if (shards[k].length == 0) {
                throw new SisaException("SISA: shard " + k + " of " + shards.length + " is empty; use fewer shards");
            }
            this.shards[k] = shards[k].clone();
            for (int index : shards[k]) {
                if (shardOf.put(index, k) != null) {
                    throw new SisaException("SISA: training index " + index + " is assigned to two shards");
                }
            }
        }
    }

    /** Splits {@code train} into {@code count} shards by {@code mode}, deterministically from {@code seed}. */
    public static ShardAssignment compute(IndexView train, int numClasses, ShardingMode mode, int count, long seed) {
        if (count > train.size()) {
            throw new SisaException("SISA: " + count + " shards for only " + train.size() + " training points");
        }
        SplittableRandom random = new SplittableRandom(seed);
        return switch (mode) {
            case RANDOM -> random(train.toArray(), count, random);
            case KMEANS -> kmeans(train, count, random);
            case BY_LABEL -> byLabel(train, numClasses, count, random);
        };
    }

    /** Number of shards. */
    public int count() {
        return shards.length;
    }

    /** A copy of shard {@code k}'s split indices in training order. */
    public int[] shard(int k) {
        return shards[k].clone();
    }

    /** Number of points in shard {@code k}. */
    public int size(int k) {
        return shards[k].length;
    }

    /** The shard holding split index {@code index}, or −1 if none does. */
    public int shardOf(int index) {
        return shardOf.getOrDefault(index, -1);
    }

    /** Total number of points over all shards. */
    public int totalSize() {
        return shardOf.size();
    }

    /** Which classes occur in each shard: {@code [shard][class]}. */
    public boolean[][] classPresence(ImageSplit split, int numClasses) {
        boolean[][] owns = new boolean[shards.length][numClasses];
        for (int k = 0; k < shards.length; k++) {
            for (int index : shards[k]) {
                owns[k][split.label(index)] = true;
            }
        }
        return owns;
    }

    private static ShardAssignment random(int[] indices, int count, SplittableRandom random) {
        shuffle(indices, random);
        int n = indices.length;
        int[][] out = new int[count][];
        int from = 0;
        for (int k = 0; k < count; k++) {
            int size = n / count + (k < n % count ? 1 : 0);
            out[k] = Arrays.copyOfRange(indices, from, from + size);
            from += size;
        }
        return new ShardAssignment(out);
    }

    private static ShardAssignment byLabel(IndexView train, int numClasses, int count, SplittableRandom random) {
        if (count > numClasses) {
            throw new SisaException("SISA: by-label sharding needs at most one shard per class, got " + count
                    + " shards for " + numClasses + " classes");
        }
        int[] sizes = new int[count];
        for (int i = 0; i < train.size(); i++) {
            sizes[train.label(i) % count]++;
        }
        return grouped(train, sizes, i -> train.label(i) % count, random);
    }

    private static ShardAssignment kmeans(IndexView train, int count, SplittableRandom random) {
        int n = train.size();
        ImageSplit split = train.split();
        int d = split.shape().pixelsPerImage();
        float[][] x = new float[n][d];
        for (int i = 0; i < n; i++) {
            split.copyImageScaled(train.index(i), x[i], 0);
        }
        int capacity = (n + count - 1) / count;
        float[][] centroids = new float[count][];
        int[] seeds = new int[n];
        Arrays.setAll(seeds, i -> i);
        shuffle(seeds, random);
        for (int c = 0; c < count; c++) {
            centroids[c] = x[seeds[c]].clone();
        }
        int[] assign = null;
        for (int iteration = 0; iteration < KMEANS_MAX_ITERATIONS; iteration++) {
            int[] next = balancedAssign(x, centroids, capacity);
            if (Arrays.equals(next, assign)) {
                break;
            }
            assign = next;
            for (int c = 0; c < count; c++) {
                Arrays.fill(centroids[c], 0f);
            }
            int[] members = new int[count];
            for (int i = 0; i < n; i++) {
                members[assign[i]]++;
                float[] centroid = centroids[assign[i]];
                for (int p = 0; p < d; p++) {
                    centroid[p] += x[i][p];
                }
            }
            for (int c = 0; c < count; c++) {
                for (int p = 0; p < d; p++) {
                    centroids[c][p] /= members[c];
                }
            }
        }
        int[] finalAssign = assign;
        int[] sizes = new int[count];
        for (int a : finalAssign) {
            sizes[a]++;
        }
        return grouped(train, sizes, i -> finalAssign[i], random);
    }

    /**
     * Greedy capacity-constrained assignment: all (point, centroid) pairs by increasing squared
     * distance, each point to the first centroid in that order that still has room.
     */
    private static int[] balancedAssign(float[][] x, float[][] centroids, int capacity) {
        int n = x.length;
        int k = centroids.length;
        long[] pairs = new long[n * k];
        double[] dist = new double[n * k];
        Integer[] order = new Integer[n * k];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                double s = 0;
                float[] a = x[i];
                float[] b = centroids[c];
                for (int p = 0; p < a.length; p++) {
                    double t = a[p] - b[p];
                    s += t * t;
                }
                dist[i * k + c] = s;
                order[i * k + c] = i * k + c;
            }
        }
        Arrays.sort(order, (p, q) -> {
            int cmp = Double.compare(dist[p], dist[q]);
            return cmp != 0 ? cmp : Integer.compare(p, q);
        });
        int[] assign = new int[n];
        Arrays.fill(assign, -1);
        int[] filled = new int[k];
        int done = 0;
        for (int pair : order) {
            int i = pair / k;
            int c = pair % k;
            if (assign[i] < 0 && filled[c] < capacity) {
                assign[i] = c;
                filled[c]++;
                if (++done == n) {
                    break;
                }
            }
        }
        return assign;
    }

    private static ShardAssignment grouped(IndexView train, int[] sizes, java.util.function.IntUnaryOperator shardOfPosition,
                                           SplittableRandom random) {
        int[][] out = new int[sizes.length][];
        for (int k = 0; k < sizes.length; k++) {
            out[k] = new int[sizes[k]];
        }
        int[] fill = new int[sizes.length];
        for (int i = 0; i < train.size(); i++) {
            int k = shardOfPosition.applyAsInt(i);
            out[k][fill[k]++] = train.index(i);
        }
        for (int[] shard : out) {
            shuffle(shard, random);
        }
        return new ShardAssignment(out);
    }

    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
