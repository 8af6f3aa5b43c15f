package org.lethe.engine.unlearning;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.lethe.engine.model.TrainedModel;

/**
 * The outcome of an unlearning run.
 *
 * @param model the unlearned model, with provenance naming the method and parameters
 * @param method the method's registry id
 * @param params the parameters used
 * @param seconds wall time of the run
 * @param peakExtraBytes the largest growth of heap plus native memory during the run
 * @param figures method-specific numbers (e.g. "adversarialSamples", "maskedFraction"), kept sorted by
 *     name so that reports, sessions and their round trips list them in one order
 */
public record UnlearningResult(TrainedModel model, String method, Record params, double seconds,
        long peakExtraBytes, Map<String, Double> figures) {

    public UnlearningResult {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(params, "params");
        figures = Collections.unmodifiableMap(new TreeMap<>(Map.copyOf(figures)));
    }
}
