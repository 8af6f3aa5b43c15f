package org.lethe.engine.experiment.study;

import java.util.List;
import java.util.Objects;

/**
 * A line chart a study asks for: one line per {@code y} column over the {@code x} column of its
 * table (rows with a missing value are skipped); with a {@code series} column, one line per y column
 * and distinct value of that column (e.g. one line per method). Drawn by the viz layer; the engine
 * only names it.
 *
 * @param id file name without extension ({@code charts/ID.png|svg|csv})
 * @param title chart title
 * @param xColumn table column on the horizontal axis (numeric)
 * @param xLabel axis label
 * @param yColumns table columns drawn as lines (numeric)
 * @param yLabel axis label
 * @param logX whether the horizontal axis is logarithmic
 * @param series column whose values split the rows into lines (null: one line per y column)
 */
public record StudyChart(String id, String title, String xColumn, String xLabel, List<String> yColumns,
        String yLabel, boolean logX, String series) {

    /** A chart with one line per y column. */
    public StudyChart(String id, String title, String xColumn, String xLabel, List<String> yColumns, String yLabel,
            boolean logX) {
        this(id, title, xColumn, xLabel, yColumns, yLabel, logX, null);
    }

    public StudyChart {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(xColumn, "xColumn");
        yColumns = List.copyOf(yColumns);
        if (yColumns.isEmpty()) {
            throw new IllegalArgumentException("chart " + id + ": no y column");
        }
    }
}
