package org.lethe.ui.common;

import javafx.beans.value.ObservableValue;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;

/** Connects form controls to {@link ValidatedField}s: text both ways, and an {@code :invalid} mark. */
public final class FieldBinding {

    /** The pseudo-class set on a control whose value is invalid (styled in base.css). */
    public static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");

    private FieldBinding() {
    }

    /** Binds {@code control}'s text to {@code field} and marks it while invalid. */
    public static void bind(TextField control, ValidatedField field) {
        control.textProperty().bindBidirectional(field.textProperty());
        markInvalid(control, field.errorProperty(), control.getTooltip() == null ? null : control.getTooltip().getText());
    }

    /**
     * Marks {@code node} with {@link #INVALID} while {@code error} is non-null; a control's tooltip
     * then shows the error, and {@code help} (may be null) otherwise.
     */
    public static void markInvalid(Node node, ObservableValue<String> error, String help) {
        Runnable update = () -> {
            String e = error.getValue();
            node.pseudoClassStateChanged(INVALID, e != null);
            if (node instanceof Control c) {
                String text = e != null ? e : help;
                c.setTooltip(text == null || text.isEmpty() ? null : new Tooltip(text));
            }
        };
        error.addListener((obs, old, now) -> update.run());
        update.run();
    }
}
