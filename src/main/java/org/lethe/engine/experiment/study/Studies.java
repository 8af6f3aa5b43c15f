package org.lethe.engine.experiment.study;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of study kinds. A scenario file without a {@code kind} (or with
 * {@code "kind": "unlearning"}) is a post-hoc comparison ({@link org.lethe.engine.experiment.Scenario});
 * every other kind must be listed here.
 */
public final class Studies {

    /** The kind of an ordinary post-hoc scenario file. */
    public static final String UNLEARNING = "unlearning";

    private final Map<String, Study<?>> byKind = new LinkedHashMap<>();

    private Studies(List<Study<?>> studies) {
        for (Study<?> study : studies) {
            if (byKind.putIfAbsent(study.kind(), study) != null) {
                throw new IllegalArgumentException("two studies of kind " + study.kind());
            }
        }
    }

    /** Every built-in study. */
    public static Studies standard() {
        return new Studies(List.of(
                new DeltaGradDeletionStudy(),
                new UnlearnableShareStudy(),
                new AmnesiacMemoryStudy(),
                new SisaStudy()));
    }

    /** A registry of exactly {@code studies} (tests). */
    public static Studies of(List<Study<?>> studies) {
        return new Studies(studies);
    }

    /** The study of {@code kind}, if there is one. */
    public Optional<Study<?>> find(String kind) {
        return Optional.ofNullable(byKind.get(kind));
    }

    /** Every kind, in registration order. */
    public List<String> kinds() {
        return List.copyOf(byKind.keySet());
    }
}
