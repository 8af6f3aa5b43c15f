package org.lethe.engine.unlearning.sisa;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.data.ImageSplit;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.job.ProgressListener;
import org.lethe.engine.model.BatchHook;
import org.lethe.engine.model.Features;
import org.lethe.engine.model.ModelFactory;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.Network;
import org.lethe.engine.model.Trainer;
import org.lethe.engine.model.TrainingConfig;
import org.lethe.engine.model.optim.LrSchedule;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained SISA ensemble: one constituent network per shard, the per-slice checkpoints, and the
 * points deleted so far. Supports exact unlearning of training points ({@link #unlearn}) and
 * aggregated prediction ({@link #predict}).
 *
 * <h2>Training one shard</h2>
 * The constituent of shard k starts from {@code spec} with seed {@code spec.seed() + k}. Slice
 * {@code sl} trains the current parameters on the prefix of slices {@code 0..sl} (the last slice
 * runs to the end of the shard) for {@link SisaConfig#sliceEpochs} epochs. Each epoch visits the
 * <em>whole</em> prefix, deleted points included, in a permutation drawn from a
 * {@link SplittableRandom} seeded by (config seed, k, sl, epoch); the permutation is cut into fixed
 * batch windows and deleted points are dropped from their window (an emptied window is skipped), as
 * {@link Trainer#replay} does. The orders therefore never depend on what was deleted, and retraining
 * from a clean checkpoint reproduces bit for bit what training without the deleted points would have
 * done. Each slice starts a fresh optimizer (no optimizer state crosses a slice boundary), so a
 * checkpoint is just the flat parameters plus the network's buffers (batch-norm statistics). The
 * learning rate is constant.
 *
 * <h2>Checkpoint keys</h2>
 * The checkpoint after slice sl of shard k is stored under {@code "k/sl/" + SHA-256} of the sorted
 * prefix indices that are not deleted ({@link IndexView#hashIndices}). The last slice's prefix is the
 * whole shard, so deleting one of the {@code |D_k| mod R} tail points changes its key (the reference
 * code hashed only {@code R·⌊|D_k|/R⌋} points there and never unlearned the tail). Shard and slice are
 * part of the key because two slices can have the same remaining prefix (when a slice is entirely
 * deleted) and still hold different parameters. When a key changes, the stale checkpoint is
 * discarded: it was trained on a deleted point.
 *
 * <h2>Threads</h2>
 * Shards train on up to {@link SisaConfig#parallelism()} threads; each thread owns its shard's
 * network, nothing is shared. Instances are not safe for concurrent {@link #unlearn} calls.
 */
public final class SisaEnsemble {

    private static final int EVAL_CHUNK = 512;

    private final ModelSpec spec;
    private final SisaConfig config;
    private final ImageSplit split;
    private final ShardAssignment assignment;
    private final BitSet deleted;
    private final Network[] models;
    private final String[][] keys;
    private final Map<String, Checkpoint> checkpoints = new HashMap<>();

    /** Flat parameters and buffers after one slice. */
    private record Checkpoint(INDArray params, INDArray buffers) {
        long bytes() {
            return params.length() * params.dataType().width() + buffers.length() * buffers.dataType().width();
        }
    }

    private SisaEnsemble(ModelSpec spec, SisaConfig config, ImageSplit split, ShardAssignment assignment,
                         BitSet deleted) {
        this.spec = spec;
        this.config = config;
        this.split = split;
        this.assignment = assignment;
        this.deleted = deleted;
        this.models = new Network[assignment.count()];
        this.keys = new String[assignment.count()][config.slices()];
    }

    /** Trains an ensemble on a dataset's whole training split. */
    public static SisaEnsemble train(ImageDataset dataset, ModelSpec spec, SisaConfig config, JobContext ctx) {
        return train(dataset.train().all("train"), spec, config, ctx);
    }

    /** Shards {@code train} by {@code config.sharding()} and trains every shard. */
    public static SisaEnsemble train(IndexView train, ModelSpec spec, SisaConfig config, JobContext ctx) {
        ShardAssignment assignment = ShardAssignment.compute(train, spec.numClasses(), config.sharding(),
                config.shards(), config.seed());
        return train(train.split(), assignment, new int[0], spec, config, ctx);
    }

    /**
     * Trains every shard of an explicit assignment with some points already deleted. With the
     * assignment of an existing ensemble and that ensemble's deleted points, the result is what
     * {@link #unlearn} must reproduce exactly (the retrain-from-scratch reference).
     *
     * @param excludedIndices split indices treated as deleted from the start
     * @throws SisaException if a shard holds fewer points than there are slices, or the assignment's
     *                       shard count differs from the config's
     */
    public static SisaEnsemble train(ImageSplit split, ShardAssignment assignment, int[] excludedIndices,
                                     ModelSpec spec, SisaConfig config, JobContext ctx) {
        SisaEnsemble ensemble = prepare(split, assignment, excludedIndices, spec, config);
        int[] all = new int[assignment.count()];
        Arrays.setAll(all, k -> k);
        int[] fromSlice = new int[all.length];
        ensemble.trainShards(all, fromSlice, ctx);
        return ensemble;
    }

    /**
     * Trains one shard alone, exactly as {@link #train(ImageSplit, ShardAssignment, int[], ModelSpec,
     * SisaConfig, JobContext)} trains it among the others (shards never share anything), so shards can
     * train as independent tasks in other threads, processes or machines and be put together with
     * {@link #assemble}.
     *
     * @param shard the shard index k
     * @throws SisaException as {@code train} does, or if {@code shard} is not a shard of the assignment
     */
    public static SisaShardState trainShard(ImageSplit split, ShardAssignment assignment, int[] excludedIndices,
                                            ModelSpec spec, SisaConfig config, int shard, JobContext ctx) {
        SisaEnsemble ensemble = prepare(split, assignment, excludedIndices, spec, config);
        if (shard < 0 || shard >= assignment.count()) {
            throw new SisaException("SISA: shard " + shard + " does not exist; the assignment has shards 0 to "
                    + (assignment.count() - 1));
        }
        ensemble.trainShards(new int[] {shard}, new int[1], ctx);
        return ensemble.shardState(shard);
    }

    /**
     * Puts an ensemble together from the states of all its shards (trained by {@link #trainShard},
     * or read from a file by {@link SisaStore}). Every checkpoint key is recomputed from the assignment
     * and the deleted points and must equal the stored one, so states of another ensemble, or of the
     * same ensemble before or after other deletions, are refused.
     *
     * @param deletedIndices the split indices deleted so far
     * @param shards one state per shard, in any order
     * @throws SisaException if a shard is missing or twice, or a state does not fit the spec, the
     *                       config, the assignment or the deletions
     */
    public static SisaEnsemble assemble(ImageSplit split, ShardAssignment assignment, int[] deletedIndices,
                                        ModelSpec spec, SisaConfig config, List<SisaShardState> shards) {
        SisaEnsemble ensemble = prepare(split, assignment, deletedIndices, spec, config);
        if (shards.size() != assignment.count()) {
            throw new SisaException("SISA: " + shards.size() + " shard states for an ensemble of "
                    + assignment.count() + " shards");
        }
        for (SisaShardState state : shards) {
            int k = state.shard();
            if (k >= assignment.count() || ensemble.models[k] != null) {
                throw new SisaException("SISA: shard state " + k + " is " + (k >= assignment.count()
                        ? "not a shard of the " + assignment.count() + "-shard assignment" : "given twice"));
            }
            if (state.slices().size() != config.slices()) {
                throw new SisaException("SISA: shard " + k + " has " + state.slices().size() + " slice checkpoints, "
                        + "expected " + config.slices());
            }
            Network net = ModelFactory.build(spec.withSeed(spec.seed() + k));
            long numBuffers = net.buffers().length();
            checkLength(k, "parameters", state.params(), net.numParams());
            checkLength(k, "buffers", state.buffers(), numBuffers);
            net.setParams(state.params());
            net.setBuffers(state.buffers());
            for (int sl = 0; sl < config.slices(); sl++) {
                SisaShardState.SliceCheckpoint slice = state.slices().get(sl);
                String expected = ensemble.sliceKey(k, sl);
                if (!expected.equals(slice.key())) {
                    throw new SisaException("SISA: shard " + k + " slice " + sl + " has checkpoint key '" + slice.key()
                            + "', but the assignment and the deleted points give '" + expected
                            + "': the checkpoint belongs to another ensemble or to other deletions");
                }
                checkLength(k, "slice " + sl + " parameters", slice.params(), net.numParams());
                checkLength(k, "slice " + sl + " buffers", slice.buffers(), numBuffers);
                DataType type = net.params().dataType();
                ensemble.checkpoints.put(expected, new Checkpoint(slice.params().castTo(type).dup(),
                        slice.buffers().castTo(type).dup()));
                ensemble.keys[k][sl] = expected;
            }
            ensemble.models[k] = net;
        }
        return ensemble;
    }

    private static void checkLength(int shard, String what, INDArray values, long expected) {
        if (values.length() != expected) {
            throw new SisaException("SISA: shard " + shard + " " + what + " hold " + values.length()
                    + " values, the spec's network has " + expected);
        }
    }

    /** Checks the inputs and makes an ensemble with no shard trained yet. */
    private static SisaEnsemble prepare(ImageSplit split, ShardAssignment assignment, int[] excludedIndices,
                                        ModelSpec spec, SisaConfig config) {
        if (assignment.count() != config.shards()) {
            throw new SisaException("SISA: assignment has " + assignment.count() + " shards, config expects "
                    + config.shards());
        }
        if (!split.shape().equals(spec.input())) {
            throw new SisaException("SISA: images of shape " + split.shape() + " for a model expecting "
                    + spec.input());
        }
        for (int k = 0; k < assignment.count(); k++) {
            if (assignment.size(k) < config.slices()) {
                throw new SisaException("SISA: shard " + k + " holds " + assignment.size(k) + " points, fewer than "
                        + config.slices() + " slices; use fewer shards or slices");
            }
            for (int index : assignment.shard(k)) {
                if (index < 0 || index >= split.count()) {
                    throw new SisaException("SISA: shard " + k + " holds index " + index + ", outside the "
                            + split.count() + " images of split '" + split.name() + "'");
                }
            }
        }
        BitSet deleted = new BitSet(split.count());
        for (int i : excludedIndices) {
            if (assignment.shardOf(i) < 0) {
                throw new SisaException("SISA: deleted index " + i + " is not one of the ensemble's "
                        + assignment.totalSize() + " training points");
            }
            deleted.set(i);
        }
        return new SisaEnsemble(spec, config, split, assignment, deleted);
    }

    /**
     * Deletes training points: every shard that holds a newly deleted point is retrained from its last
     * clean checkpoint (the last slice whose key did not change) with the points dropped from their
     * batches; other shards are untouched. Points already deleted are ignored.
     *
     * @param trainIndices split indices of training points
     * @throws SisaException if an index is not a training point of this ensemble
     */
    public SisaUnlearnResult unlearn(int[] trainIndices, JobContext ctx) {
        long start = System.nanoTime();
        BitSet touched = new BitSet(assignment.count());
        int fresh = 0;
        for (int index : trainIndices) {
            int k = assignment.shardOf(index);
            if (k < 0) {
                throw new SisaException("SISA: index " + index + " is not one of the ensemble's "
                        + assignment.totalSize() + " training points");
            }
        }
        for (int index : trainIndices) {
            if (!deleted.get(index)) {
                deleted.set(index);
                touched.set(assignment.shardOf(index));
                fresh++;
            }
        }
        int[] shards = touched.stream().toArray();
        int[] fromSlice = new int[shards.length];
        for (int j = 0; j < shards.length; j++) {
            int k = shards[j];
            int first = config.slices();
            for (int sl = 0; sl < config.slices(); sl++) {
                if (!sliceKey(k, sl).equals(keys[k][sl])) {
                    first = sl;
                    break;
                }
            }
            fromSlice[j] = first;
        }
        int slices = trainShards(shards, fromSlice, ctx);
        List<Integer> shardList = Arrays.stream(shards).boxed().toList();
        List<Integer> firstList = Arrays.stream(fromSlice).boxed().toList();
        return new SisaUnlearnResult(shardList, firstList, slices, fresh, (System.nanoTime() - start) / 1e9,
                storageBytes());
    }

    /** Ensemble scores {@code [n * numClasses]} for a view (see {@link SisaAggregator#scores}). */
    public float[] predictProbabilities(IndexView view) {
        List<float[]> perShard = new ArrayList<>(models.length);
        for (Network model : models) {
            perShard.add(shardProbabilities(model, view));
        }
        boolean[][] owners = config.sharding() == ShardingMode.BY_LABEL
                ? assignment.classPresence(split, spec.numClasses()) : null;
        return SisaAggregator.scores(perShard, spec.numClasses(), config.aggregation(), owners);
    }

    /** The ensemble's label for every sample of {@code view}. */
    public int[] predict(IndexView view) {
        return SisaAggregator.labels(predictProbabilities(view), spec.numClasses());
    }

    /** Fraction of {@code view} whose ensemble label is the true label. */
    public double accuracy(IndexView view) {
        int[] pred = predict(view);
        int correct = 0;
        for (int i = 0; i < pred.length; i++) {
            if (pred[i] == view.label(i)) {
                correct++;
            }
        }
        return view.isEmpty() ? Double.NaN : (double) correct / pred.length;
    }

    /** Softmax probabilities {@code [n * numClasses]} of one shard's model. */
    public float[] shardProbabilities(int shard, IndexView view) {
        return shardProbabilities(models[shard], view);
    }

    /** A copy of shard {@code k}'s current parameters. */
    public INDArray shardParams(int k) {
        return models[k].params();
    }

    /** An independent copy of shard {@code k}'s network. */
    public Network shardModel(int k) {
        return models[k].copy();
    }

    /**
     * A copy of everything shard {@code k} holds: its constituent's parameters and buffers and its
     * slice checkpoints with their keys.
     */
    public SisaShardState shardState(int k) {
        List<SisaShardState.SliceCheckpoint> slices = new ArrayList<>(config.slices());
        synchronized (checkpoints) {
            for (int sl = 0; sl < config.slices(); sl++) {
                Checkpoint c = checkpoints.get(keys[k][sl]);
                if (c == null) {
                    throw new IllegalStateException("checkpoint of shard " + k + " slice " + sl + " missing");
                }
                slices.add(new SisaShardState.SliceCheckpoint(keys[k][sl], c.params().dup(), c.buffers().dup()));
            }
        }
        return new SisaShardState(k, models[k].params(), models[k].buffers(), slices);
    }

    /** The split the ensemble's indices point into. */
    public ImageSplit split() {
        return split;
    }

    /** The checkpoint key of slice {@code slice} of shard {@code shard} as currently stored. */
    public String checkpointKey(int shard, int slice) {
        return keys[shard][slice];
    }

    /** The shard layout. */
    public ShardAssignment assignment() {
        return assignment;
    }

    /** The settings. */
    public SisaConfig config() {
        return config;
    }

    /** The constituents' spec (shard k uses seed {@code spec.seed() + k}). */
    public ModelSpec spec() {
        return spec;
    }

    /** The split indices deleted so far, ascending. */
    public int[] deletedIndices() {
        return deleted.stream().toArray();
    }

    /** Number of stored checkpoints (S·R once trained). */
    public int checkpointCount() {
        return checkpoints.size();
    }

    /** Bytes held by the stored checkpoints' parameters and buffers. */
    public long storageBytes() {
        synchronized (checkpoints) {
            return checkpoints.values().stream().mapToLong(Checkpoint::bytes).sum();
        }
    }

    /** First index (exclusive) of slice {@code slice}'s prefix in shard {@code k}. */
    private int prefixEnd(int k, int slice) {
        int size = assignment.size(k);
        return slice == config.slices() - 1 ? size : (slice + 1) * (size / config.slices());
    }

    /** The key of slice {@code slice} of shard {@code k} given the current deletions. */
    private String sliceKey(int k, int slice) {
        int[] shard = assignment.shard(k);
        int end = prefixEnd(k, slice);
        int[] remaining = Arrays.stream(shard, 0, end).filter(i -> !deleted.get(i)).sorted().toArray();
        return k + "/" + slice + "/" + IndexView.hashIndices(remaining);
    }

    /** Trains each listed shard from its given slice on; returns the number of slices trained. */
    private int trainShards(int[] shards, int[] fromSlice, JobContext ctx) {
        if (shards.length == 0) {
            return 0;
        }
        int totalSlices = 0;
        for (int j = 0; j < shards.length; j++) {
            totalSlices += config.slices() - fromSlice[j];
        }
        AtomicInteger done = new AtomicInteger();
        int total = Math.max(1, totalSlices);
        JobContext quiet = new JobContext(ProgressListener.NONE, ctx.token());
        int threads = Math.min(config.parallelism(), shards.length);
        if (threads == 1) {
            for (int j = 0; j < shards.length; j++) {
                trainShard(shards[j], fromSlice[j], quiet, ctx, done, total);
            }
            return totalSlices;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "sisa-shard");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int j = 0; j < shards.length; j++) {
                int k = shards[j];
                int from = fromSlice[j];
                futures.add(pool.submit(() -> trainShard(k, from, quiet, ctx, done, total)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SisaException("SISA: interrupted while training shards");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new SisaException("SISA: shard training failed: " + e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return totalSlices;
    }

    private void trainShard(int k, int fromSlice, JobContext quiet, JobContext ctx, AtomicInteger done, int total) {
        Network net;
        if (fromSlice == 0) {
            net = ModelFactory.build(spec.withSeed(spec.seed() + k));
        } else {
            net = models[k] != null ? models[k] : ModelFactory.build(spec.withSeed(spec.seed() + k));
            Checkpoint clean;
            synchronized (checkpoints) {
                clean = checkpoints.get(keys[k][fromSlice - 1]);
            }
            if (clean == null) {
                throw new IllegalStateException("checkpoint of shard " + k + " slice " + (fromSlice - 1) + " missing");
            }
            net.setParams(clean.params());
            net.setBuffers(clean.buffers());
        }
        int[] shard = assignment.shard(k);
        int[] excluded = Arrays.stream(shard).filter(deleted::get).toArray();
        Trainer trainer = new Trainer();
        for (int sl = fromSlice; sl < config.slices(); sl++) {
            int end = prefixEnd(k, sl);
            int epochs = config.sliceEpochs(sl);
            if (epochs > 0) {
                List<int[]> orders = new ArrayList<>(epochs);
                for (int ep = 0; ep < epochs; ep++) {
                    orders.add(permutation(shard, end, k, sl, ep));
                }
                TrainingConfig tc = new TrainingConfig(epochs, config.batchSize(), config.optimizer(),
                        LrSchedule.constant(config.learningRate()), config.seed());
                trainer.replay(net, split, tc, orders, excluded, null, BatchHook.NONE, quiet);
            }
            String key = sliceKey(k, sl);
            synchronized (checkpoints) {
                if (keys[k][sl] != null) {
                    checkpoints.remove(keys[k][sl]);
                }
                checkpoints.put(key, new Checkpoint(net.params(), net.buffers()));
            }
            keys[k][sl] = key;
            int finished = done.incrementAndGet();
            ctx.progress((double) finished / total, "shard " + k + ", slice " + (sl + 1) + "/" + config.slices());
        }
        models[k] = net;
    }

    /** A seeded permutation of {@code shard[0..end)} for (shard, slice, epoch); independent of deletions. */
    private int[] permutation(int[] shard, int end, int k, int slice, int epoch) {
        long s = new SplittableRandom(config.seed()).split().nextLong();
        s = new SplittableRandom(s ^ (0x9E3779B97F4A7C15L * (k + 1))).nextLong();
        s = new SplittableRandom(s ^ (0xC2B2AE3D27D4EB4FL * (slice + 1))).nextLong();
        SplittableRandom random = new SplittableRandom(s ^ (0x165667B19E3779F9L * (epoch + 1)));
        int[] order = Arrays.copyOf(shard, end);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private float[] shardProbabilities(Network model, IndexView view) {
        int c = spec.numClasses();
        int[] idx = view.toArray();
        float[] out = new float[idx.length * c];
        float[] buffer = new float[EVAL_CHUNK * view.split().shape().pixelsPerImage()];
        boolean wasTraining = model.isTraining();
        model.setTraining(false);
        try {
            for (int from = 0; from < idx.length; from += EVAL_CHUNK) {
                int to = Math.min(idx.length, from + EVAL_CHUNK);
                INDArray p = model.probabilities(Features.of(view.split(), idx, from, to, buffer));
                float[][] rows = p.toFloatMatrix();
                for (int r = 0; r < rows.length; r++) {
                    System.arraycopy(rows[r], 0, out, (from + r) * c, c);
                }
                org.lethe.engine.model.Release.all(p);
            }
        } finally {
            model.setTraining(wasTraining);
        }
        return out;
    }
}
