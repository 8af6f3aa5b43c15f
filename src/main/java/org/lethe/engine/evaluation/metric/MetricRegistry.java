package org.lethe.engine.evaluation.metric;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The one list of evaluation metrics that the GUI, the CLI and scenario files share: lookup by
 * JSON id and the default set shown in comparison tables.
 */
public final class MetricRegistry {

    private static final Map<String, MetricId> BY_ID;

    static {
        Map<String, MetricId> map = new LinkedHashMap<>();
        for (MetricId m : MetricId.values()) {
            map.put(m.id(), m);
        }
        BY_ID = Collections.unmodifiableMap(map);
    }

    private MetricRegistry() {
    }

    /** All metrics in table order. */
    public static List<MetricId> all() {
        return List.of(MetricId.values());
    }

    /** The columns of the papers' comparison tables. */
    public static List<MetricId> headline() {
        return List.of(MetricId.FORGET_ACCURACY, MetricId.RETAIN_ACCURACY, MetricId.TEST_ACCURACY,
                MetricId.MIA_AUC, MetricId.MIA_EFFICACY);
    }

    /**
     * The metric with this JSON id (case-sensitive).
     *
     * @throws MetricInputException naming the known ids if there is none
     */
    public static MetricId byId(String id) {
        Objects.requireNonNull(id, "id");
        MetricId m = BY_ID.get(id);
        if (m == null) {
            throw new MetricInputException("unknown metric id '" + id + "', expected one of "
                    + String.join(", ", BY_ID.keySet()));
        }
        return m;
    }

    /** The ids of several metrics, e.g. for writing a JSON header. */
    public static List<String> ids(MetricId... metrics) {
        return Arrays.stream(metrics).map(MetricId::id).collect(Collectors.toUnmodifiableList());
    }
}
