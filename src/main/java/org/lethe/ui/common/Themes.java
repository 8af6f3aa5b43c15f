package org.lethe.ui.common;

import java.net.URL;
import javafx.scene.Scene;

/** The stylesheets: a base sheet plus one theme file of named colours. */
public final class Themes {

    /** The default light theme. */
    public static final String LIGHT = "light";

    private Themes() {
    }

    /** Applies the base sheet and the named theme to {@code scene}. */
    public static void apply(Scene scene, String theme) {
        scene.getStylesheets().setAll(sheet("theme-" + theme), sheet("base"));
    }

    private static String sheet(String name) {
        URL url = Themes.class.getResource("/assets/css/" + name + ".css");
        if (url == null) {
            throw new IllegalStateException("missing stylesheet /assets/css/" + name + ".css");
        }
        return url.toExternalForm();
    }
}
