package org.lethe.engine.unlearning.loop;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.lethe.engine.model.Network;
import org.lethe.engine.model.TrainedModel;
import org.lethe.engine.unlearning.DataSplits;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a method sees during the shared loop: the untouched original, the working network, the
 * data, the seeded random source, the current epoch, and a place to leave figures for the result.
 */
public final class LoopState {

    private final TrainedModel original;
    private final Network network;
    private final DataSplits splits;
    private final LoopSettings settings;
    private final SplittableRandom random;
    private final Map<String, Double> figures = new LinkedHashMap<>();
    private final Map<Key<?>, Object> values = new java.util.HashMap<>();
    private INDArray mask;
    private int epoch;
    private double sampleScale = 1;

    /**
     * Names a value a method computes in {@code prepare} and reads later in the same run (an
     * adversarial set, relabelled targets). Method instances are shared between runs, so such
     * values live in the run's state, not in fields.
     *
     * @param <T> the value's type
     */
    public static final class Key<T> {

        private final String name;

        /** A key named {@code name} (for error messages). */
        public Key(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    LoopState(TrainedModel original, Network network, DataSplits splits, LoopSettings settings) {
        this.original = original;
        this.network = network;
        this.splits = splits;
        this.settings = settings;
        this.random = new SplittableRandom(settings.seed());
    }

    /** The original model; read it, never change it. */
    public TrainedModel original() {
        return original;
    }

    /** The network being unlearned (a copy of the original's). */
    public Network network() {
        return network;
    }

    /** The data. */
    public DataSplits splits() {
        return splits;
    }

    /** The loop settings. */
    public LoopSettings settings() {
        return settings;
    }

    /** The run's seeded random source (shuffling and the method's own random choices). */
    public SplittableRandom random() {
        return random;
    }

    /** The current epoch, from 0. */
    public int epoch() {
        return epoch;
    }

    void setEpoch(int epoch) {
        this.epoch = epoch;
    }

    /** Restricts updates to the parameters where {@code mask} is 1 (others stay bit-identical). */
    public void setMask(INDArray mask) {
        this.mask = mask;
    }

    /** The update mask, or null for none. */
    public INDArray mask() {
        return mask;
    }

    /**
     * The share in (0, 1] of its nominal samples each pass of this run draws, set once by a method
     * that fits a {@link SampleBudget}; 1 (full passes) otherwise.
     */
    public double sampleScale() {
        return sampleScale;
    }

    void setSampleScale(double scale) {
        if (!(scale > 0 && scale <= 1)) {
            throw new IllegalArgumentException("sample scale must be in (0, 1], was " + scale);
        }
        this.sampleScale = scale;
    }

    /** Stores this run's value for {@code key}. */
    public <T> void put(Key<T> key, T value) {
        values.put(key, java.util.Objects.requireNonNull(value, "value"));
    }

    /**
     * This run's value for {@code key}.
     *
     * @throws IllegalStateException if none was stored (prepare did not run)
     */
    @SuppressWarnings("unchecked")
    public <T> T get(Key<T> key) {
        Object value = values.get(key);
        if (value == null) {
            throw new IllegalStateException("no '" + key + "' in this run: prepare() did not store it");
        }
        return (T) value;
    }

    /** Leaves a method-specific number for the result (e.g. "adversarialSamples"). */
    public void figure(String name, double value) {
        figures.put(name, value);
    }

    Map<String, Double> figures() {
        return figures;
    }
}
