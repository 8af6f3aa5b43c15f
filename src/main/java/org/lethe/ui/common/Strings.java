package org.lethe.ui.common;

import java.util.Locale;
import java.util.MissingResourceException;

/**
 * UI strings built in Java code, read from the same resource bundle the FXML files use
 * ({@link FxmlView#strings()}), so every text of the workbench lives in
 * {@code assets/i18n/messages.properties}.
 */
public final class Strings {

    private Strings() {
    }

    /**
     * The text under {@code key}.
     *
     * @throws MissingResourceException when the bundle has no such key (a programming error)
     */
    public static String text(String key) {
        return FxmlView.strings().getString(key);
    }

    /** The text under {@code key} used as a {@link String#format} pattern for {@code args}. */
    public static String format(String key, Object... args) {
        return String.format(Locale.getDefault(Locale.Category.FORMAT), text(key), args);
    }
}
