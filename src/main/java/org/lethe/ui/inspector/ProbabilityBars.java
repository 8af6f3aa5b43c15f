package org.lethe.ui.inspector;

import java.util.List;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * One model's probabilities over the classes as vertical bars, the true class and a wrong
 * prediction marked by colour. Each bar's node carries its probability under
 * {@link #PROBABILITY_KEY} in its properties (and in a tooltip), so tests and screen readers can
 * read the exact value.
 */
public final class ProbabilityBars extends HBox {

    /** Key of a bar's probability (a Float) in {@code bar.getProperties()}. */
    public static final String PROBABILITY_KEY = "probability";
    /** Key of a bar's class index (an Integer) in {@code bar.getProperties()}. */
    public static final String CLASS_KEY = "class";

    private static final double BAR_HEIGHT = 64;

    /**
     * Bars for {@code probabilities}.
     *
     * @param classNames one name per class
     * @param trueClass the image's label (marked)
     * @param predicted the model's prediction (marked when wrong)
     */
    public ProbabilityBars(List<String> classNames, float[] probabilities, int trueClass, int predicted) {
        getStyleClass().add("probability-bars");
        setSpacing(3);
        setAlignment(Pos.BOTTOM_LEFT);
        for (int k = 0; k < probabilities.length; k++) {
            float p = probabilities[k];
            Region bar = new Region();
            bar.getStyleClass().add("probability-bar");
            if (k == trueClass) {
                bar.getStyleClass().add("true-class");
            } else if (k == predicted) {
                bar.getStyleClass().add("wrong-prediction");
            }
            double h = Math.max(1, BAR_HEIGHT * Math.max(0, Math.min(1, p)));
            bar.setMinHeight(h);
            bar.setPrefHeight(h);
            bar.setMaxHeight(h);
            bar.setMaxWidth(Double.MAX_VALUE);
            bar.getProperties().put(PROBABILITY_KEY, p);
            bar.getProperties().put(CLASS_KEY, k);
            String name = k < classNames.size() ? classNames.get(k) : Integer.toString(k);
            Tooltip.install(bar, new Tooltip(String.format(Locale.ROOT, "%s: p = %.4f", name, p)));
            StackPane track = new StackPane(bar);
            track.getStyleClass().add("probability-track");
            track.setAlignment(Pos.BOTTOM_CENTER);
            track.setMinHeight(BAR_HEIGHT);
            track.setPrefHeight(BAR_HEIGHT);
            Label value = new Label(percent(p));
            value.getStyleClass().add("probability-value");
            Label cls = new Label(name);
            cls.getStyleClass().add("probability-class");
            if (k == trueClass) {
                cls.getStyleClass().add("true-class");
            }
            VBox column = new VBox(1, value, track, cls);
            column.setAlignment(Pos.BOTTOM_CENTER);
            column.setMinWidth(26);
            column.setPrefWidth(34);
            HBox.setHgrow(column, Priority.ALWAYS);
            getChildren().add(column);
        }
    }

    /** "97", "3.2", "<0.1" (percent), short enough to sit above a bar. */
    static String percent(float p) {
        double v = 100.0 * p;
        if (v >= 9.95) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (v >= 0.05) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return "<0.1";
    }
}
