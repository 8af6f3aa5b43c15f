package org.lethe.ui.unlearn;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.lethe.engine.unlearning.MethodDescriptor;
import org.lethe.engine.unlearning.MethodDescriptor.ParamInfo;
import org.lethe.engine.unlearning.MethodParamException;
import org.lethe.engine.unlearning.MethodRegistry;
import org.lethe.ui.common.ValidatedField;

/**
 * One parameter of a method as the form edits it: its value as text (numbers, {@code true}/
 * {@code false}, or an enum constant's name) and why that value is invalid. The value is checked
 * by the method's own parameter record through {@link MethodRegistry#params(MethodDescriptor, Map)},
 * with every other parameter at its default, so the form accepts exactly what the engine accepts.
 * Use on the FX thread.
 */
public final class ParamField {

    /** How the form edits a parameter. */
    public enum Kind {
        /** A whole number in a text field. */
        INTEGER,
        /** A decimal number in a text field. */
        DECIMAL,
        /** A check box. */
        BOOLEAN,
        /** A choice among enum constants. */
        CHOICE
    }

    private final MethodDescriptor<?> method;
    private final ParamInfo info;
    private final Kind kind;
    private final List<String> choices;
    private final StringProperty value = new SimpleStringProperty(this, "value");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");

    /** The field of parameter {@code info} of {@code method}, at its default. */
    public ParamField(MethodDescriptor<?> method, ParamInfo info) {
        this.method = Objects.requireNonNull(method, "method");
        this.info = Objects.requireNonNull(info, "info");
        Class<?> type = info.type();
        if (type == boolean.class || type == Boolean.class) {
            kind = Kind.BOOLEAN;
            choices = List.of();
        } else if (type.isEnum()) {
            kind = Kind.CHOICE;
            choices = Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
        } else if (type == int.class || type == long.class || type == Integer.class || type == Long.class
                || type == short.class || type == byte.class) {
            kind = Kind.INTEGER;
            choices = List.of();
        } else {
            kind = Kind.DECIMAL;
            choices = List.of();
        }
        // added first and an invalidation listener: runs before anyone else hears of a change
        value.addListener(obs -> error.set(check(value.get())));
        reset();
    }

    /** The parameter's name, as in scenario files and {@code --param name=value}. */
    public String name() {
        return info.name();
    }

    /** One sentence saying what it does. */
    public String description() {
        return info.description();
    }

    /** How the form edits it. */
    public Kind kind() {
        return kind;
    }

    /** The enum constants' names, for {@link Kind#CHOICE}. */
    public List<String> choices() {
        return choices;
    }

    /** The default as text. */
    public String defaultText() {
        Object d = info.defaultValue();
        if (d instanceof Double || d instanceof Float) {
            return ValidatedField.format(((Number) d).doubleValue());
        }
        return d instanceof Enum<?> e ? e.name() : String.valueOf(d);
    }

    /** The valid range as people read it, e.g. "1 – 100", or "" when there is none to show. */
    public String rangeText() {
        if (kind != Kind.INTEGER && kind != Kind.DECIMAL) {
            return "";
        }
        boolean low = Double.isFinite(info.min());
        boolean high = Double.isFinite(info.max());
        if (low && high) {
            return ValidatedField.format(info.min()) + " \u2013 " + ValidatedField.format(info.max());
        }
        if (low) {
            return "\u2265 " + ValidatedField.format(info.min());
        }
        if (high) {
            return "\u2264 " + ValidatedField.format(info.max());
        }
        return kind == Kind.INTEGER ? "any whole number" : "any number";
    }

    /** The value being edited, as text. */
    public StringProperty valueProperty() {
        return value;
    }

    /** Why the value is invalid, or null. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The trimmed value. */
    public String text() {
        return value.get() == null ? "" : value.get().trim();
    }

    /** Puts the default back. */
    public void reset() {
        value.set(defaultText());
        error.set(check(value.get()));
    }

    private String check(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            return method.id() + ": " + name() + " needs a value";
        }
        if (kind == Kind.INTEGER) {
            String problem = ValidatedField.checkInteger(method.id() + ": " + name(), t,
                    Long.MIN_VALUE, Long.MAX_VALUE);
            if (problem != null) {
                return problem;
            }
        }
        try {
            MethodRegistry.params(method, Map.of(name(), t));
            return null;
        } catch (MethodParamException e) {
            return e.getMessage();
        }
    }
}
