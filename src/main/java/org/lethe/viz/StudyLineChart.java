package org.lethe.viz;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.lethe.engine.experiment.study.StudyChart;
import org.lethe.engine.experiment.study.StudyReport;

/**
 * Draws a {@link StudyChart} from its study's table: one line with markers per y column, in the
 * colour-blind-safe method colours, rows without a number in the x or y column left out. A
 * log x axis drops rows with x at or below zero.
 */
public final class StudyLineChart {

    private StudyLineChart() {
    }

    /** The chart {@code spec} over {@code report}'s rows. */
    public static JFreeChart build(StudyReport report, StudyChart spec, ChartStyle style) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(style, "style");
        XYSeriesCollection data = new XYSeriesCollection();
        for (String column : spec.yColumns()) {
            for (Object group : groups(report, spec)) {
                String name = group == null ? labelOf(report, column)
                        : spec.yColumns().size() == 1 ? group.toString() : group + ", " + labelOf(report, column);
                XYSeries series = new XYSeries(name, false, true);
                for (Map<String, Object> row : report.rows()) {
                    Double x = number(row.get(spec.xColumn()));
                    Double y = number(row.get(column));
                    boolean inGroup = group == null || group.equals(row.get(spec.series()));
                    if (inGroup && x != null && y != null && (!spec.logX() || x > 0)) {
                        series.add(x, y);
                    }
                }
                if (!series.isEmpty()) {
                    data.addSeries(series);
                }
            }
        }
        ValueAxis xAxis;
        if (spec.logX()) {
            LogAxis log = new LogAxis(spec.xLabel());
            log.setBase(10);
            log.setNumberFormatOverride(Charts.format("0.###"));
            Charts.decadeTicks(log);
            xAxis = log;
        } else {
            NumberAxis lin = new NumberAxis(spec.xLabel());
            lin.setAutoRangeIncludesZero(false);
            xAxis = lin;
        }
        NumberAxis yAxis = new NumberAxis(spec.yLabel());
        yAxis.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, Palette.method(i));
            renderer.setSeriesStroke(i, Palette.stroke(i + 2, style.lineWidth()));
            renderer.setSeriesShape(i, Palette.marker(i + 2, 6 + style.lineWidth()));
        }
        XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);
        JFreeChart chart = new JFreeChart(spec.title(), plot);
        return style.apply(chart);
    }

    /** The distinct values of the series column in row order, or a single null group without one. */
    private static List<Object> groups(StudyReport report, StudyChart spec) {
        if (spec.series() == null) {
            return java.util.Collections.singletonList(null);
        }
        Set<Object> values = new LinkedHashSet<>();
        for (Map<String, Object> row : report.rows()) {
            if (row.get(spec.series()) != null) {
                values.add(row.get(spec.series()));
            }
        }
        return new ArrayList<>(values);
    }

    private static String labelOf(StudyReport report, String column) {
        return report.columns().stream().filter(c -> c.id().equals(column)).map(StudyReport.Column::label)
                .findFirst().orElse(column);
    }

    private static Double number(Object value) {
        if (value instanceof Number n && !Double.isNaN(n.doubleValue())) {
            return n.doubleValue();
        }
        return null;
    }
}
