package org.lethe.engine.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.lethe.engine.experiment.Comparison;
import org.lethe.engine.model.TrainedModel;
import org.lethe.engine.unlearning.MethodDescriptor;
import org.lethe.engine.unlearning.MethodRegistry;
import org.lethe.engine.unlearning.UnlearningResult;

/**
 * A retrained or unlearned model of the comparison, with the run that made it. Predictions are
 * not stored: a restored session evaluates the model again.
 *
 * @param label the name in charts and tables
 * @param methodId registry id ({@code retrain} for the reference)
 * @param paramsJson the method's parameters as a JSON object
 * @param seconds wall time of the run
 * @param peakExtraBytes the run's peak extra memory
 * @param figures method-specific numbers (sorted by name)
 * @param model the model
 */
public record ComparedModel(String label, String methodId, String paramsJson, double seconds, long peakExtraBytes,
        Map<String, Double> figures, TrainedModel model) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ComparedModel {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("a compared model needs a label");
        }
        Objects.requireNonNull(methodId, "methodId");
        Objects.requireNonNull(paramsJson, "paramsJson");
        Objects.requireNonNull(model, "model");
        figures = Collections.unmodifiableMap(new TreeMap<>(Map.copyOf(figures == null ? Map.of() : figures)));
    }

    /** The stored form of one comparison entry. */
    public static ComparedModel of(Comparison.Entry entry) {
        UnlearningResult r = entry.result();
        String params;
        try {
            params = JSON.writeValueAsString(r.params());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the parameters of " + entry.label() + " as JSON", e);
        }
        return new ComparedModel(entry.label(), r.method(), params, r.seconds(), r.peakExtraBytes(), r.figures(),
                r.model());
    }

    /**
     * The run again as an {@link UnlearningResult}, its parameters parsed and validated by the
     * method's record.
     *
     * @throws org.lethe.engine.unlearning.MethodParamException for an unknown method or invalid parameters
     */
    public UnlearningResult toResult(MethodRegistry registry) {
        MethodDescriptor<?> method = registry.byId(methodId);
        JsonNode node;
        try {
            node = JSON.readTree(paramsJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(label + ": parameters are not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalArgumentException(label + ": parameters must be a JSON object, were " + paramsJson);
        }
        Record params = MethodRegistry.params(method, object);
        return new UnlearningResult(model, methodId, params, seconds, peakExtraBytes, figures);
    }
}
