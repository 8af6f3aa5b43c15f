package org.lethe.engine.unlearning;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.lethe.engine.LetheException;

/**
 * Every unlearning method Lethe offers, listed once, in display order. The GUI builds its forms,
 * the CLI its {@code --method}/{@code --param} handling and scenario files their method entries
 * from this registry. The methods that work at training time (SISA, amnesiac, DeltaGrad, ...) are
 * listed separately by {@link #trainingTime()}.
 */
public final class MethodRegistry {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final List<TrainingTimeMethod> TRAINING_TIME = TrainingTimeMethods.all();

    private final Map<String, MethodDescriptor<?>> methods = new LinkedHashMap<>();

    /** A registry of the given methods (ids must be unique). */
    public MethodRegistry(List<MethodDescriptor<?>> descriptors) {
        for (MethodDescriptor<?> d : descriptors) {
            if (methods.put(d.id(), d) != null) {
                throw new IllegalArgumentException("method id " + d.id() + " registered twice");
            }
        }
    }

    /** The standard registry with every method. */
    public static MethodRegistry standard() {
        return new MethodRegistry(StandardMethods.all());
    }

    /**
     * The training-time methods in display order: they need their own training run (which the CLI
     * command and the GUI start) and are not applied to a saved model like {@link #all()}.
     */
    public static List<TrainingTimeMethod> trainingTime() {
        return TRAINING_TIME;
    }

    /**
     * The training-time method with id {@code id}; a {@link MethodParamException} lists the valid ids
     * otherwise.
     */
    public static TrainingTimeMethod trainingTimeById(String id) {
        for (TrainingTimeMethod m : TRAINING_TIME) {
            if (m.id().equals(id)) {
                return m;
            }
        }
        throw new MethodParamException("unknown training-time method '" + id + "'; known: "
                + TRAINING_TIME.stream().map(TrainingTimeMethod::id).collect(Collectors.joining(", ")));
    }

    /** All methods in display order. */
    public List<MethodDescriptor<?>> all() {
        return List.copyOf(methods.values());
    }

    /** The method with id {@code id}; a {@link MethodParamException} lists the valid ids otherwise. */
    public MethodDescriptor<?> byId(String id) {
        MethodDescriptor<?> d = methods.get(id);
        if (d == null) {
            throw new MethodParamException("unknown method '" + id + "'; known methods: "
                    + String.join(", ", methods.keySet()));
        }
        return d;
    }

    /**
     * The method's defaults with {@code overrides} applied (values as text, e.g. from
     * {@code --param lr=0.01}), validated by the record's constructor.
     *
     * @throws MethodParamException for an unknown parameter (the valid ones are listed), a value of
     *     the wrong type, or a value out of range
     */
    public static <P extends Record> P params(MethodDescriptor<P> method, Map<String, String> overrides) {
        ObjectNode node = JSON.valueToTree(method.defaults());
        List<String> known = new ArrayList<>();
        node.fieldNames().forEachRemaining(known::add);
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            if (!node.has(e.getKey())) {
                throw new MethodParamException(method.id() + ": unknown parameter '" + e.getKey()
                        + "'; parameters: " + String.join(", ", known));
            }
            node.put(e.getKey(), e.getValue());
        }
        return fromJson(method, node);
    }

    /** Reads a method's parameters from JSON (scenario files); missing fields keep their defaults. */
    public static <P extends Record> P params(MethodDescriptor<P> method, ObjectNode given) {
        ObjectNode node = JSON.valueToTree(method.defaults());
        given.fields().forEachRemaining(e -> {
            if (!node.has(e.getKey())) {
                throw new MethodParamException(method.id() + ": unknown parameter '" + e.getKey() + "'");
            }
            node.set(e.getKey(), e.getValue());
        });
        return fromJson(method, node);
    }

    private static <P extends Record> P fromJson(MethodDescriptor<P> method, ObjectNode node) {
        try {
            return JSON.treeToValue(node, method.paramsType());
        } catch (InvalidFormatException e) {
            String field = e.getPath().stream().map(r -> r.getFieldName()).collect(Collectors.joining("."));
            throw new MethodParamException(method.id() + ": parameter '" + field + "' cannot be '"
                    + e.getValue() + "', expected " + e.getTargetType().getSimpleName(), e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            Throwable root = e;
            while (root.getCause() != null && !(root instanceof LetheException)) {
                root = root.getCause();
            }
            if (root instanceof LetheException le) {
                throw new MethodParamException(le.getMessage(), e);
            }
            throw new MethodParamException(method.id() + ": invalid parameters: " + root.getMessage(), e);
        }
    }
}
