package org.lethe.ui.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ResourceBundle;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.util.Callback;

/** Every FXML file of the workbench, loaded with the shared resource bundle. */
public enum FxmlView {
    /** The main window. */
    MAIN_WINDOW("main_window.fxml"),
    /** The Train screen. */
    TRAIN_VIEW("train_view.fxml"),
    /** The Unlearn screen. */
    UNLEARN_VIEW("unlearn_view.fxml"),
    /** The comparison dashboard. */
    COMPARE_VIEW("compare_view.fxml"),
    /** The per-sample inspector. */
    INSPECTOR_VIEW("inspector_view.fxml"),
    /** The experiments history. */
    HISTORY_VIEW("history_view.fxml"),
    /** The "Download dataset" window. */
    DOWNLOAD_VIEW("download_view.fxml");

    /** Base name of the UI strings in {@code assets/i18n}. */
    public static final String BUNDLE = "assets.i18n.messages";

    private final String file;

    FxmlView(String file) {
        this.file = file;
    }

    /** The FXML resource. */
    public URL url() {
        URL url = FxmlView.class.getResource("/fxml/" + file);
        if (url == null) {
            throw new IllegalStateException("missing FXML resource /fxml/" + file);
        }
        return url;
    }

    /** The UI strings. */
    public static ResourceBundle strings() {
        return ResourceBundle.getBundle(BUNDLE);
    }

    /** Loads the view, creating its controller with {@code controllers}. */
    public Parent load(Callback<Class<?>, Object> controllers) {
        FXMLLoader loader = new FXMLLoader(url(), strings());
        loader.setControllerFactory(controllers);
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + file, e);
        }
    }
}
