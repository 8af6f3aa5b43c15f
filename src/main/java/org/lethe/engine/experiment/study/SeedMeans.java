package org.lethe.engine.experiment.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Collects one row per setting and seed and gives one row per setting, averaged over the seeds:
 * numbers become their mean (NaN and missing values left out; integers stay integers when every
 * seed gave the same one), anything else keeps the first seed's value. Settings keep the order in
 * which they were first added.
 */
public final class SeedMeans {

    private final Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();

    /** Adds one seed's row for the setting {@code key}. */
    public void add(String key, Map<String, Object> row) {
        Objects.requireNonNull(key, "key");
        rows.computeIfAbsent(key, k -> new ArrayList<>()).add(new LinkedHashMap<>(row));
    }

    /** One averaged row per setting, in first-added order. */
    public List<Map<String, Object>> means() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (List<Map<String, Object>> group : rows.values()) {
            Map<String, Object> mean = new LinkedHashMap<>();
            for (Map<String, Object> row : group) {
                for (String column : row.keySet()) {
                    mean.putIfAbsent(column, average(group, column));
                }
            }
            out.add(mean);
        }
        return out;
    }

    private static Object average(List<Map<String, Object>> group, String column) {
        Object first = null;
        double sum = 0;
        int count = 0;
        boolean sameInteger = true;
        for (Map<String, Object> row : group) {
            Object value = row.get(column);
            if (value == null) {
                continue;
            }
            if (first == null) {
                first = value;
            }
            if (!(value instanceof Number n)) {
                continue;
            }
            boolean integral = value instanceof Integer || value instanceof Long;
            sameInteger &= integral && value.equals(first);
            if (!Double.isNaN(n.doubleValue())) {
                sum += n.doubleValue();
                count++;
            }
        }
        if (!(first instanceof Number)) {
            return first;
        }
        if (sameInteger) {
            return first;
        }
        return count == 0 ? Double.NaN : sum / count;
    }
}
