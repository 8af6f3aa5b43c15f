package org.lethe.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lethe.engine.experiment.study.StudyReport;

/** Prints a study's table as aligned text columns. */
final class StudyTable {

    private StudyTable() {
    }

    static void print(StudyReport report, PrintWriter out) {
        List<StudyReport.Column> columns = report.columns();
        List<String[]> lines = new ArrayList<>();
        lines.add(columns.stream().map(StudyReport.Column::label).toArray(String[]::new));
        for (Map<String, Object> row : report.rows()) {
            lines.add(columns.stream().map(c -> cell(row.get(c.id()), c.decimals())).toArray(String[]::new));
        }
        int[] widths = new int[columns.size()];
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        for (String[] line : lines) {
            StringBuilder b = new StringBuilder(" ");
            for (int i = 0; i < line.length; i++) {
                b.append(' ').append(i == 0 ? String.format("%-" + widths[i] + "s", line[i])
                        : String.format("%" + widths[i] + "s", line[i]));
            }
            out.println(b);
        }
        for (String note : report.notes()) {
            out.println("  " + note);
        }
    }

    private static String cell(Object value, int decimals) {
        if (value == null || value instanceof Double d && d.isNaN()) {
            return "-";
        }
        if (value instanceof Double || value instanceof Float) {
            return String.format(Locale.ROOT, "%." + decimals + "f", ((Number) value).doubleValue());
        }
        return value.toString();
    }
}
