package org.lethe.ui.workbench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * Records on which thread observable state changes: every watched property or list gets a listener
 * that notes {@link Thread#currentThread()} when it fires. A change that does not happen on the FX
 * application thread is a threading bug (listeners, bindings and the scene graph assume the FX
 * thread), so tests assert that {@link #offFxThread()} stays empty.
 */
final class FxThreadWatch {

    /** One change seen off the FX thread. */
    record Violation(String what, String thread) {
        @Override
        public String toString() {
            return what + " changed on " + thread;
        }
    }

    private final List<Violation> violations = java.util.Collections.synchronizedList(new ArrayList<>());
    private final ConcurrentHashMap<String, AtomicInteger> changes = new ConcurrentHashMap<>();

    /** Watches a property (a change listener, so lazily validated values fire on every change). */
    <T> void watch(String name, ObservableValue<T> value) {
        value.addListener((obs, old, now) -> record(name));
    }

    /** Watches a list. */
    <T> void watch(String name, ObservableList<T> list) {
        list.addListener((ListChangeListener<T>) change -> record(name));
    }

    /** Notes a callback that must run on the FX thread (e.g. a live-metrics sink). */
    void record(String name) {
        changes.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
        if (!Platform.isFxApplicationThread()) {
            violations.add(new Violation(name, Thread.currentThread().getName()));
        }
    }

    /** Changes seen off the FX thread, in order. */
    List<Violation> offFxThread() {
        synchronized (violations) {
            return List.copyOf(violations);
        }
    }

    /** How often {@code name} changed so far. */
    int changes(String name) {
        AtomicInteger n = changes.get(name);
        return n == null ? 0 : n.get();
    }
}
