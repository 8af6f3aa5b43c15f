package org.lethe.ui.common;

import javafx.beans.value.ChangeListener;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SkinBase;
import javafx.scene.layout.StackPane;

/**
 * A progress bar skin without animation. The default skin animates an indeterminate bar (a queued
 * job, or a step of unknown length) on every pulse, and in the jobs panel each frame of that
 * animation made Prism repaint the whole window: measured under Xvfb with the software pipeline,
 * about 860 full-window repaints (18 s of the render thread's time) while three unlearning jobs
 * were queued. This skin draws an indeterminate bar once, full width and striped (the
 * {@code :indeterminate} pseudo-class, styled in base.css), and a determinate bar as usual.
 *
 * <p>It keeps the default skin's parts, a {@code .track} with a {@code .bar} over it, so the
 * theme's progress-bar rules apply unchanged. base.css installs it for every progress bar with
 * {@code -fx-skin}.
 */
public final class StillProgressBarSkin extends SkinBase<ProgressBar> {

    /** Narrowest preferred width, as for the default skin. */
    private static final double MIN_PREF_WIDTH = 100;

    private final StackPane track = new StackPane();
    private final StackPane bar = new StackPane();
    private final ChangeListener<Number> relayout = (obs, old, now) -> getSkinnable().requestLayout();

    /** Skins {@code control}. */
    public StillProgressBarSkin(ProgressBar control) {
        super(control);
        track.getStyleClass().setAll("track");
        bar.getStyleClass().setAll("bar");
        getChildren().setAll(track, bar);
        control.progressProperty().addListener(relayout);
    }

    @Override
    public void dispose() {
        if (getSkinnable() != null) {
            getSkinnable().progressProperty().removeListener(relayout);
        }
        super.dispose();
    }

    /** The width of the bar for {@code progress} in a track {@code width} wide (full for indeterminate). */
    static double barWidth(double progress, double width) {
        if (progress < 0 || Double.isNaN(progress)) {
            return width;
        }
        return Math.floor(Math.min(1, progress) * width);
    }

    @Override
    protected void layoutChildren(double x, double y, double w, double h) {
        track.resizeRelocate(x, y, w, h);
        bar.resizeRelocate(x, y, barWidth(getSkinnable().getProgress(), w), h);
    }

    @Override
    protected double computePrefWidth(double height, double top, double right, double bottom, double left) {
        return Math.max(MIN_PREF_WIDTH, left + bar.prefWidth(-1) + right);
    }

    @Override
    protected double computePrefHeight(double width, double top, double right, double bottom, double left) {
        return top + bar.prefHeight(width) + bottom;
    }

    @Override
    protected double computeMaxWidth(double height, double top, double right, double bottom, double left) {
        return getSkinnable().prefWidth(height);
    }

    @Override
    protected double computeMaxHeight(double width, double top, double right, double bottom, double left) {
        return getSkinnable().prefHeight(width);
    }
}
