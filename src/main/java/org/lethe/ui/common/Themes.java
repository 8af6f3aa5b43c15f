package org.lethe.ui.common;

import java.net.URL;
import java.util.List;
import javafx.scene.Scene;

/**
 * The stylesheets: a base sheet for layout plus one theme file of named colours (and, for the
 * projector theme, larger type). The theme comes after the base sheet, so a theme may override any
 * base rule. The scene's root also carries the style class {@code theme-<name>} for rules that
 * differ per theme.
 */
public final class Themes {

    /** The default light theme. */
    public static final String LIGHT = "light";
    /** Light text on dark surfaces, for dim rooms. */
    public static final String DARK = "dark";
    /** High contrast and large type for projectors. */
    public static final String PROJECTOR = "projector";

    private static final List<String> ALL = List.of(LIGHT, DARK, PROJECTOR);

    private Themes() {
    }

    /** Every theme, in menu order. */
    public static List<String> all() {
        return ALL;
    }

    /** The root font size of {@code theme} in pixels, before any UI scaling. */
    public static double baseFontSize(String theme) {
        return PROJECTOR.equals(theme) ? 20 : 13;
    }

    /**
     * Applies the base sheet and the named theme to {@code scene}.
     *
     * @throws IllegalArgumentException for an unknown theme
     */
    public static void apply(Scene scene, String theme) {
        if (!ALL.contains(theme)) {
            throw new IllegalArgumentException("unknown theme '" + theme + "'; themes: " + ALL);
        }
        scene.getStylesheets().setAll(sheet("base"), sheet("theme-" + theme));
        if (scene.getRoot() != null) {
            scene.getRoot().getStyleClass().removeIf(c -> c.startsWith("theme-"));
            scene.getRoot().getStyleClass().add("theme-" + theme);
        }
    }

    /** The URL of the stylesheet of {@code theme}, e.g. to check what a scene uses. */
    public static String themeSheet(String theme) {
        return sheet("theme-" + theme);
    }

    private static String sheet(String name) {
        URL url = Themes.class.getResource("/assets/css/" + name + ".css");
        if (url == null) {
            throw new IllegalStateException("missing stylesheet /assets/css/" + name + ".css");
        }
        return url.toExternalForm();
    }
}
