package org.lethe.ui.unlearn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import org.lethe.engine.unlearning.MethodDescriptor;
import org.lethe.engine.unlearning.MethodParamException;
import org.lethe.engine.unlearning.MethodRegistry;

/**
 * A method in the Unlearn screen's list: whether it is checked for queueing, its parameter fields,
 * and why its parameters cannot be used (a field's error, or one the method's record raises for
 * the combination). Use on the FX thread.
 */
public final class MethodEntry {

    private final MethodDescriptor<?> method;
    private final List<ParamField> fields;
    private final BooleanProperty checked = new SimpleBooleanProperty(this, "checked");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");

    /** The entry of {@code method}, unchecked, at its defaults. */
    public MethodEntry(MethodDescriptor<?> method) {
        this.method = Objects.requireNonNull(method, "method");
        this.fields = method.params().stream().map(p -> new ParamField(method, p)).toList();
        for (ParamField f : fields) {
            f.valueProperty().addListener((obs, old, now) -> validate());
        }
        validate();
    }

    /** The registry entry. */
    public MethodDescriptor<?> method() {
        return method;
    }

    /** The registry id, e.g. {@code ft}. */
    public String id() {
        return method.id();
    }

    /** The name in lists, charts and tables, e.g. "Fine-tune (FT)". */
    public String displayName() {
        return method.displayName();
    }

    /** One paragraph about the method. */
    public String description() {
        return method.description();
    }

    /** The parameters in declaration order. */
    public List<ParamField> fields() {
        return fields;
    }

    /** The field named {@code name}. */
    public ParamField field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(method.id() + " has no parameter " + name));
    }

    /** Whether the method is to be queued. */
    public BooleanProperty checkedProperty() {
        return checked;
    }

    /** Why the parameters cannot be used, or null. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Puts every parameter back to its default. */
    public void resetDefaults() {
        fields.forEach(ParamField::reset);
    }

    /**
     * The parameters as the method's record.
     *
     * @throws MethodParamException when a value is invalid
     */
    public Record params() {
        Map<String, String> values = new LinkedHashMap<>();
        for (ParamField f : fields) {
            values.put(f.name(), f.text());
        }
        return MethodRegistry.params(method, values);
    }

    private void validate() {
        for (ParamField f : fields) {
            if (f.errorProperty().get() != null) {
                error.set(f.errorProperty().get());
                return;
            }
        }
        try {
            params();
            error.set(null);
        } catch (MethodParamException e) {
            error.set(e.getMessage());
        }
    }

    @Override
    public String toString() {
        return method.displayName();
    }
}
