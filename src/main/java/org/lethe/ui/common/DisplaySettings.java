package org.lethe.ui.common;

import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;

/**
 * How the workbench looks: the theme, a UI scale on top of the operating system's, and the
 * presenter view. Screens bind to these properties; {@link #attach(Scene)} keeps a scene in step.
 * Use on the FX thread.
 *
 * <p><b>Presenter view</b> hides advanced controls while lecturing. A screen opts in either by
 * {@link #hideInPresenterView(Node...)} (binds visibility and layout) or by giving a node the
 * style class {@value #ADVANCED}; the root carries the style class {@value #PRESENTER} while the
 * view is on, for CSS rules.
 *
 * <p><b>Scaling</b>: JavaFX already follows the operating system's display scaling (Windows and
 * macOS settings, {@code GDK_SCALE} or {@code -Dglass.gtk.uiScale} on Linux). On top of that
 * {@link #uiScaleProperty()} multiplies the root font size; it starts at {@code -Dlethe.uiScale}
 * (default 1) and the View menu changes it.
 */
public final class DisplaySettings {

    /** Style class of controls the presenter view hides. */
    public static final String ADVANCED = "advanced";
    /** Style class of the root while the presenter view is on. */
    public static final String PRESENTER = "presenter";
    /** Smallest and largest UI scale. */
    public static final double MIN_SCALE = 0.5;
    /** Largest UI scale. */
    public static final double MAX_SCALE = 3;

    private final ObjectProperty<String> theme = new SimpleObjectProperty<>(this, "theme", Themes.LIGHT);
    private final DoubleProperty uiScale = new SimpleDoubleProperty(this, "uiScale", 1);
    private final BooleanProperty presenter = new SimpleBooleanProperty(this, "presenter", false);

    /** Settings starting from the system properties {@code lethe.theme} and {@code lethe.uiScale}. */
    public DisplaySettings() {
        String configured = System.getProperty("lethe.theme");
        if (configured != null && Themes.all().contains(configured.toLowerCase(Locale.ROOT))) {
            theme.set(configured.toLowerCase(Locale.ROOT));
        }
        uiScale.set(parseScale(System.getProperty("lethe.uiScale")));
        uiScale.addListener((obs, old, now) -> {
            double clamped = Math.max(MIN_SCALE, Math.min(MAX_SCALE, now.doubleValue()));
            if (clamped != now.doubleValue()) {
                uiScale.set(clamped);
            }
        });
    }

    /** A scale from text such as {@code 1.5} or {@code 150%}; 1 when absent or not a number. */
    static double parseScale(String text) {
        if (text == null || text.isBlank()) {
            return 1;
        }
        try {
            String t = text.strip();
            double v = t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1)) / 100
                    : Double.parseDouble(t);
            return Double.isFinite(v) ? Math.max(MIN_SCALE, Math.min(MAX_SCALE, v)) : 1;
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** The theme's name, one of {@link Themes#all()}. */
    public ObjectProperty<String> themeProperty() {
        return theme;
    }

    /** The font scale on top of the operating system's scaling (1 = as designed). */
    public DoubleProperty uiScaleProperty() {
        return uiScale;
    }

    /** Whether the presenter view (advanced controls hidden) is on. */
    public BooleanProperty presenterProperty() {
        return presenter;
    }

    /** Makes {@code nodes} disappear (and give up their space) while the presenter view is on. */
    public void hideInPresenterView(Node... nodes) {
        ObservableBooleanValue shown = presenter.not();
        for (Node n : nodes) {
            n.visibleProperty().bind(shown);
            n.managedProperty().bind(shown);
        }
    }

    /** Applies the settings to {@code scene} now and whenever they change. */
    public void attach(Scene scene) {
        Runnable look = () -> {
            Themes.apply(scene, theme.get());
            applyFont(scene.getRoot());
        };
        look.run();
        theme.addListener((obs, old, now) -> look.run());
        uiScale.addListener((obs, old, now) -> applyFont(scene.getRoot()));
        presenter.addListener((obs, old, now) -> applyPresenter(scene.getRoot()));
        scene.rootProperty().addListener((obs, old, root) -> {
            look.run();
            applyPresenter(root);
        });
        applyPresenter(scene.getRoot());
    }

    /** The root font size now in effect, in pixels. */
    public double fontSize() {
        return Themes.baseFontSize(theme.get()) * uiScale.get();
    }

    private void applyFont(Parent root) {
        if (root != null) {
            root.setStyle(uiScale.get() == 1 ? ""
                    : String.format(Locale.ROOT, "-fx-font-size: %.1fpx;", fontSize()));
        }
    }

    private void applyPresenter(Parent root) {
        if (root == null) {
            return;
        }
        boolean on = presenter.get();
        root.getStyleClass().remove(PRESENTER);
        if (on) {
            root.getStyleClass().add(PRESENTER);
        }
        for (Node n : root.lookupAll("." + ADVANCED)) {
            if (!n.visibleProperty().isBound()) {
                n.setVisible(!on);
            }
            if (!n.managedProperty().isBound()) {
                n.setManaged(!on);
            }
        }
    }
}
