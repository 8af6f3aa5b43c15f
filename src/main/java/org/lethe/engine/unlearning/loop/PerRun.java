package org.lethe.engine.unlearning.loop;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Per-run data of an iterative method (an adversarial set, sample weights) that {@code prepare}
 * computes and {@code plan} or {@code gradient} read. Methods are shared, stateless instances, so the
 * data is keyed by the run's {@link LoopState}; entries disappear with the run.
 *
 * @param <T> the data's type
 */
public final class PerRun<T> {

    private final Map<LoopState, T> values = Collections.synchronizedMap(new WeakHashMap<>());

    /** Stores the data of the run {@code state}. */
    public void put(LoopState state, T value) {
        values.put(state, value);
    }

    /**
     * The data of the run {@code state}.
     *
     * @throws IllegalStateException if {@code prepare} stored none
     */
    public T get(LoopState state) {
        T value = values.get(state);
        if (value == null) {
            throw new IllegalStateException("no per-run data: prepare() did not run for this loop state");
        }
        return value;
    }
}
