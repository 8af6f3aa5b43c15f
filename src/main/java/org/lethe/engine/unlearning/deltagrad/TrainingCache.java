package org.lethe.engine.unlearning.deltagrad;

import java.util.BitSet;
import java.util.Objects;
import org.lethe.engine.data.ImageSplit;
import org.lethe.engine.model.ModelFactory;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.Network;
import org.lethe.engine.model.TrainingConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The trajectory of an SGD run that DeltaGrad needs to update it: for every iteration {@code t} the
 * batch (split indices), the learning rate, the parameters {@code w_t} before the step and the
 * batch's mean-loss gradient {@code g_t} at {@code w_t} without the weight-decay term; plus the
 * initial and final parameters and the current training set.
 *
 * <p>Made by {@link CachedTraining#train}. Each {@link DeltaGrad#apply} replaces the part of the
 * trajectory the request changed by the updated one (so the next request starts from the updated
 * model), which is why the cache is mutable; the replacement happens only once an update has
 * finished, so a cancelled or failed update leaves it as it was. Accessors return copies. Not
 * thread-safe: serve one request at a time.
 *
 * <p>Memory: two float64 vectors of the network's size per iteration ({@link #storageBytes()}),
 * e.g. 153 MB for logistic regression on 60,000 MNIST digits, batch 1024, 20 epochs (1,180 iterations).
 */
public final class TrainingCache {

    private final ModelSpec spec;
    private final ImageSplit split;
    private final TrainingConfig config;
    private final double[] initialParams;
    private final int[] epochOf;
    private final double[] learningRates;
    private final int[][] batches;
    private final double[][] params;
    private final double[][] gradients;
    private final BitSet members;
    private final double trainSeconds;
    private double[] finalParams;
    private int revision;

    TrainingCache(ModelSpec spec, ImageSplit split, TrainingConfig config, double[] initialParams, int[] epochOf,
                  double[] learningRates, int[][] batches, double[][] params, double[][] gradients, double[] finalParams,
                  BitSet members, double trainSeconds) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.split = Objects.requireNonNull(split, "split");
        this.config = Objects.requireNonNull(config, "config");
        this.initialParams = initialParams;
        this.epochOf = epochOf;
        this.learningRates = learningRates;
        this.batches = batches;
        this.params = params;
        this.gradients = gradients;
        this.finalParams = finalParams;
        this.members = members;
        this.trainSeconds = trainSeconds;
    }

    /** The network's spec (float64 logistic regression or MLP). */
    public ModelSpec spec() {
        return spec;
    }

    /** The split whose indices the batches hold. */
    public ImageSplit split() {
        return split;
    }

    /** The training run's settings (plain SGD, coupled L2). */
    public TrainingConfig config() {
        return config;
    }

    /** λ, the coupled L2 coefficient of the run. */
    public double weightDecay() {
        return config.optimizer().weightDecay();
    }

    /** Number of iterations T of the run (batches emptied by deletions included). */
    public int iterations() {
        return batches.length;
    }

    /** The epoch (0-based) iteration {@code t} belongs to. */
    public int epochOf(int t) {
        return epochOf[t];
    }

    /** The learning rate of iteration {@code t}. */
    public double learningRate(int t) {
        return learningRates[t];
    }

    /** The split indices of iteration {@code t}'s batch as it is now (a copy; empty if every sample was deleted). */
    public int[] batch(int t) {
        return batches[t].clone();
    }

    /** Number of samples in the current training set. */
    public int trainingSize() {
        return members.cardinality();
    }

    /** Whether split sample {@code index} is in the current training set. */
    public boolean contains(int index) {
        return index >= 0 && members.get(index);
    }

    /** The current training set, ascending split indices. */
    public int[] trainingIndices() {
        return members.stream().toArray();
    }

    /** The parameters the run started from. */
    public double[] initialParams() {
        return initialParams.clone();
    }

    /** The parameters at the end of the current trajectory (the trained or last updated model). */
    public double[] finalParams() {
        return finalParams.clone();
    }

    /** The cached parameters before iteration {@code t} (a copy). */
    public double[] params(int t) {
        return params[t].clone();
    }

    /** A new network holding {@link #finalParams()}. */
    public Network network() {
        return networkWith(finalParams);
    }

    /** A new network of this cache's spec holding {@code flat}. */
    public Network networkWith(double[] flat) {
        Network net = ModelFactory.build(spec);
        net.setParams(Nd4j.createFromArray(flat));
        return net;
    }

    /** Number of parameters p. */
    public int numParams() {
        return initialParams.length;
    }

    /**
     * Bytes the cache holds: {@code 2·T·p} float64 values (parameters and gradients) plus the batches'
     * indices (4 bytes each) and one learning rate per iteration.
     */
    public long storageBytes() {
        long indices = 0;
        for (int[] b : batches) {
            indices += b.length;
        }
        return 2L * batches.length * initialParams.length * Double.BYTES + indices * Integer.BYTES
                + (long) batches.length * (Double.BYTES + Integer.BYTES);
    }

    /** Seconds the cached training run took. */
    public double trainSeconds() {
        return trainSeconds;
    }

    /**
     * An independent cache with the same trajectory and training set, at revision 0, so that several
     * requests can each be served against the same trained model. Cheap: an update replaces whole
     * per-iteration arrays and never writes into them, so the copy shares those arrays and only
     * copies the arrays that point to them ({@code O(T)} references, not {@code O(T·p)} values).
     */
    public TrainingCache snapshot() {
        return new TrainingCache(spec, split, config, initialParams, epochOf, learningRates, batches.clone(),
                params.clone(), gradients.clone(), finalParams, (BitSet) members.clone(), trainSeconds);
    }

    /** How many updates have been applied; a plan is only valid for the revision it was made for. */
    public int revision() {
        return revision;
    }

    // ---- package-private access for DeltaGrad, the plan and the retrain baseline ----

    int[] batchRef(int t) {
        return batches[t];
    }

    double[] paramsRef(int t) {
        return params[t];
    }

    double[] gradientRef(int t) {
        return gradients[t];
    }

    double[] initialParamsRef() {
        return initialParams;
    }

    /**
     * Replaces iterations {@code from..T-1} by an updated trajectory and the training set by the
     * updated one; advances the revision.
     */
    void commit(int from, int[][] newBatches, double[][] newParams, double[][] newGradients, double[] newFinal,
                int[] deleted, int[] added) {
        for (int t = from; t < batches.length; t++) {
            batches[t] = newBatches[t - from];
            params[t] = newParams[t - from];
            gradients[t] = newGradients[t - from];
        }
        finalParams = newFinal;
        for (int i : deleted) {
            members.clear(i);
        }
        for (int i : added) {
            members.set(i);
        }
        revision++;
    }
}
