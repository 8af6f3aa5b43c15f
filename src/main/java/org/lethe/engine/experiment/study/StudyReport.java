package org.lethe.engine.experiment.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a study produces: a table (one row per setting, or per setting and seed, as the study
 * chooses), the charts to draw from it, and notes for the reader. Serialised as
 * {@code report.json}: {@code {"scenario", "kind", "description", "dataset", "seeds", "columns",
 * "rows": [{column: value}], "charts", "notes"}}. Keep column names stable: scripts read them.
 *
 * @param scenario the study file's name
 * @param kind the study kind
 * @param description the file's description
 * @param dataset the dataset
 * @param seeds the seeds run
 * @param columns the table's columns, in display order
 * @param rows the rows, each mapping (some of) the columns to a number, string or boolean
 * @param charts charts drawn from the table
 * @param notes sentences shown under the table (what the numbers mean, caveats)
 */
public record StudyReport(String scenario, String kind, String description, String dataset, List<Long> seeds,
        List<Column> columns, List<Map<String, Object>> rows, List<StudyChart> charts, List<String> notes) {

    public StudyReport {
        Objects.requireNonNull(scenario, "scenario");
        seeds = List.copyOf(seeds);
        columns = List.copyOf(columns);
        List<Map<String, Object>> copy = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            copy.add(java.util.Collections.unmodifiableMap(new LinkedHashMap<>(row)));
        }
        rows = List.copyOf(copy);
        charts = List.copyOf(charts);
        notes = List.copyOf(notes);
    }

    /**
     * A table column.
     *
     * @param id key in each row (JSON and CSV header)
     * @param label how the HTML table heads it
     * @param decimals digits after the point in the HTML table (numbers only)
     */
    public record Column(String id, String label, int decimals) { }

    /** Starts a report for {@code spec}. */
    public static Builder builder(StudySpec spec) {
        return new Builder(spec);
    }

    /** Collects columns, rows, charts and notes. */
    public static final class Builder {
        private final StudySpec spec;
        private final List<Column> columns = new ArrayList<>();
        private final List<Map<String, Object>> rows = new ArrayList<>();
        private final List<StudyChart> charts = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();

        private Builder(StudySpec spec) {
            this.spec = Objects.requireNonNull(spec, "spec");
        }

        /** Adds a column. */
        public Builder column(String id, String label, int decimals) {
            columns.add(new Column(id, label, decimals));
            return this;
        }

        /** Adds a row (copied). */
        public Builder row(Map<String, Object> row) {
            rows.add(row);
            return this;
        }

        /** Adds a chart. */
        public Builder chart(StudyChart chart) {
            charts.add(chart);
            return this;
        }

        /** Adds a note. */
        public Builder note(String note) {
            notes.add(note);
            return this;
        }

        /** The report. */
        public StudyReport build() {
            return new StudyReport(spec.name(), spec.kind(), spec.description(), spec.dataset(), spec.seeds(),
                    columns, rows, charts, notes);
        }
    }
}
