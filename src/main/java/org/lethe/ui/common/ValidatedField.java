package org.lethe.ui.common;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * A form value edited as text, with the reason it is invalid (null while it is valid). The check
 * runs on every change, so a view can mark the field at once and block its action. Use on the FX
 * thread.
 */
public final class ValidatedField {

    private final String name;
    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");

    /**
     * A field named {@code name} starting at {@code initial}.
     *
     * @param check returns why a text is invalid (a sentence naming the field), or null when valid
     */
    public ValidatedField(String name, String initial, Function<String, String> check) {
        this.name = Objects.requireNonNull(name, "name");
        Objects.requireNonNull(check, "check");
        // an invalidation listener added first runs before every other listener of the text, so the
        // error is up to date whenever anyone else hears of the change
        text.addListener(obs -> error.set(check.apply(value())));
        text.set(initial);
        error.set(check.apply(initial.trim()));
    }

    /** An integer field accepting {@code min..max}. */
    public static ValidatedField integer(String name, long initial, long min, long max) {
        return new ValidatedField(name, Long.toString(initial), s -> checkInteger(name, s, min, max));
    }

    /** A decimal field accepting {@code min..max} (both inclusive). */
    public static ValidatedField decimal(String name, double initial, double min, double max) {
        return new ValidatedField(name, format(initial), s -> checkDecimal(name, s, min, max));
    }

    /** The label of the field, as used in its messages. */
    public String name() {
        return name;
    }

    /** The text being edited. */
    public StringProperty textProperty() {
        return text;
    }

    /** Why the text is invalid, or null. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Whether the text is valid. */
    public boolean isValid() {
        return error.get() == null;
    }

    /** The trimmed text. */
    public String value() {
        return text.get() == null ? "" : text.get().trim();
    }

    /** The value as an int (call only while valid). */
    public int intValue() {
        return Integer.parseInt(value());
    }

    /** The value as a long (call only while valid). */
    public long longValue() {
        return Long.parseLong(value());
    }

    /** The value as a double (call only while valid). */
    public double doubleValue() {
        return Double.parseDouble(value());
    }

    /** Shows a number without a trailing ".0" and with exponents for very small values (1e-4). */
    public static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        if (value != 0 && Math.abs(value) < 1e-3) {
            return String.format(Locale.ROOT, "%.3e", value).replaceAll("\\.?0+e", "e").replace("e-0", "e-");
        }
        return Double.toString(value);
    }

    /** Why {@code s} is not an integer in {@code min..max}, or null. */
    public static String checkInteger(String name, String s, long min, long max) {
        if (s.isEmpty()) {
            return name + ": enter a whole number";
        }
        long v;
        try {
            v = Long.parseLong(s);
        } catch (NumberFormatException e) {
            return name + ": '" + s + "' is not a whole number";
        }
        if (v < min || v > max) {
            return name + " must be between " + min + " and " + max + ", was " + v;
        }
        return null;
    }

    /** Why {@code s} is not a number in {@code min..max}, or null. */
    public static String checkDecimal(String name, String s, double min, double max) {
        if (s.isEmpty()) {
            return name + ": enter a number";
        }
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return name + ": '" + s + "' is not a number";
        }
        if (!Double.isFinite(v) || v < min || v > max) {
            return name + " must be between " + format(min) + " and " + format(max) + ", was " + s;
        }
        return null;
    }
}
