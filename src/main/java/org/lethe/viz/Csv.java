package org.lethe.viz;

import java.util.List;

/** CSV formatting (RFC 4180 quoting: comma separated, quotes doubled; lines end with "\n"). */
final class Csv {

    private Csv() {
    }

    /** Appends one line of cells. */
    static void line(StringBuilder sb, List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(cell(cells.get(i)));
        }
        sb.append('\n');
    }

    /** One cell: numbers via their Java text form (locale-free), strings quoted when needed, null empty. */
    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String s;
        if (value instanceof Double d) {
            s = number(d);
        } else if (value instanceof Float f) {
            s = number(f.doubleValue());
        } else {
            s = value.toString();
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    /** A double in Java's shortest form that reads back to the same value (0.1, 1.0E-4, NaN). */
    static String number(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        return Double.toString(d);
    }
}
