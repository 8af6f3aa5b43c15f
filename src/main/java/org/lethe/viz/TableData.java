package org.lethe.viz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.lethe.engine.io.AtomicFiles;

/**
 * A small table of results (e.g. parameter distances and KL divergences per method) that the GUI
 * shows in a TableView and the CLI writes as CSV. Cells are strings or numbers; {@code null} is an
 * empty cell.
 *
 * @param title what the table shows
 * @param columns column headings
 * @param rows rows of cells, each as long as {@code columns}
 */
public record TableData(String title, List<String> columns, List<List<Object>> rows) {

    /** Copies the lists and checks that every row fits the columns and holds only strings, numbers or nulls. */
    public TableData {
        Charts.requireName(title, "table");
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("table " + title + " has no columns, expected at least one");
        }
        List<List<Object>> copy = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            List<Object> row = rows.get(r);
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("table " + title + ", row " + r + ": " + row.size()
                        + " cells, expected " + columns.size() + " " + columns);
            }
            for (int c = 0; c < row.size(); c++) {
                Object cell = row.get(c);
                if (cell != null && !(cell instanceof String) && !(cell instanceof Number)) {
                    throw new IllegalArgumentException("table " + title + ", row " + r + ", column "
                            + columns.get(c) + ": a " + cell.getClass().getSimpleName()
                            + ", expected a string or a number");
                }
            }
            copy.add(java.util.Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = List.copyOf(copy);
    }

    /** A table without rows. */
    public static TableData empty(String title, List<String> columns) {
        return new TableData(title, columns, List.of());
    }

    /** A new table with {@code cells} appended as a row. */
    public TableData withRow(Object... cells) {
        List<List<Object>> more = new ArrayList<>(rows);
        more.add(java.util.Arrays.asList(cells));
        return new TableData(title, columns, more);
    }

    /** The cell at ({@code row}, {@code column}); may be null. */
    public Object cell(int row, int column) {
        return rows.get(row).get(column);
    }

    /** Text of a cell for display: numbers with {@code decimals} decimals (Locale.ROOT), null as "". */
    public String text(int row, int column, int decimals) {
        Object v = cell(row, column);
        if (v == null) {
            return "";
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return Double.isNaN(d) ? "–" : String.format(java.util.Locale.ROOT, "%." + decimals + "f", d);
        }
        return v.toString();
    }

    /** RFC 4180 CSV: a header line, then one line per row; numbers in full precision. */
    public String toCsv() {
        StringBuilder sb = new StringBuilder();
        Csv.line(sb, new ArrayList<>(columns));
        for (List<Object> row : rows) {
            Csv.line(sb, row);
        }
        return sb.toString();
    }

    /** Writes {@link #toCsv()} to {@code file} as UTF-8, atomically. */
    public void writeCsv(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        byte[] bytes = toCsv().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }
}
