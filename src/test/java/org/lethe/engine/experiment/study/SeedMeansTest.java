package org.lethe.engine.experiment.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeedMeansTest {

    private static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void averagesNumbersKeepsLabelsAndEqualIntegers() {
        SeedMeans means = new SeedMeans();
        means.add("a", row("name", "a", "count", 6, "steps", 10, "x", 1.0, "y", Double.NaN));
        means.add("b", row("name", "b", "count", 60, "steps", 4, "x", 5.0, "y", null));
        means.add("a", row("name", "a", "count", 6, "steps", 11, "x", 3.0, "y", 2.0));
        assertThat(means.means()).containsExactly(
                row("name", "a", "count", 6, "steps", 10.5, "x", 2.0, "y", 2.0),
                row("name", "b", "count", 60, "steps", 4, "x", 5.0, "y", null));
    }
}
