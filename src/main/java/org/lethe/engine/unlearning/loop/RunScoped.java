package org.lethe.engine.unlearning.loop;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;

/**
 * A value a method computes in {@link IterativeUnlearning#prepare} and reads in later steps of the
 * same run (an adversarial label set, a gradient mask). Method objects are shared by every run of
 * the registry, so such values must not live in plain fields: this holder keys them by the run's
 * {@link LoopState}, which concurrent runs never share, and drops them with it.
 *
 * @param <T> the value's type
 */
public final class RunScoped<T> {

    private final String name;
    private final Map<LoopState, T> values = Collections.synchronizedMap(new WeakHashMap<>());

    /** @param name what the value is, for error messages */
    public RunScoped(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /** Stores the run's value. */
    public void set(LoopState state, T value) {
        values.put(state, Objects.requireNonNull(value, name));
    }

    /**
     * The run's value.
     *
     * @throws IllegalStateException if it was not set in this run
     */
    public T get(LoopState state) {
        T value = values.get(state);
        if (value == null) {
            throw new IllegalStateException(name + " was not prepared for this run");
        }
        return value;
    }
}
