package org.lethe.ui.train;

import java.util.Objects;
import javafx.animation.PauseTransition;
import javafx.util.Duration;
import org.jfree.chart.JFreeChart;

/**
 * Redraws a live chart at a bounded rate. Changes made through {@link #update} reach the chart's
 * data at once, but its viewers are notified at most once per interval: the first change after a
 * quiet interval redraws immediately, later ones are folded into one redraw when the interval
 * ends. Use on the FX thread.
 */
public final class ThrottledChart {

    private final JFreeChart chart;
    private final long intervalNanos;
    private final PauseTransition delayed;
    private long lastRedraw = Long.MIN_VALUE / 2;
    private long redraws;

    /** Limits {@code chart} to one redraw per {@code intervalMillis}. */
    public ThrottledChart(JFreeChart chart, long intervalMillis) {
        this.chart = Objects.requireNonNull(chart, "chart");
        if (intervalMillis < 1) {
            throw new IllegalArgumentException("redraw interval must be >= 1 ms, was " + intervalMillis);
        }
        this.intervalNanos = intervalMillis * 1_000_000L;
        this.delayed = new PauseTransition(Duration.millis(intervalMillis));
        delayed.setOnFinished(e -> redraw());
    }

    /** The chart. */
    public JFreeChart chart() {
        return chart;
    }

    /** Applies {@code change} to the chart's data and schedules a redraw within the interval. */
    public void update(Runnable change) {
        chart.setNotify(false);
        change.run();
        long now = System.nanoTime();
        if (now - lastRedraw >= intervalNanos) {
            delayed.stop();
            redraw();
        } else if (delayed.getStatus() != javafx.animation.Animation.Status.RUNNING) {
            delayed.playFromStart();
        }
    }

    /** Redraws now if a change is still waiting (e.g. when a run ends). */
    public void flush() {
        if (!chart.isNotify()) {
            delayed.stop();
            redraw();
        }
    }

    /** How many redraws were requested so far. */
    public long redraws() {
        return redraws;
    }

    private void redraw() {
        lastRedraw = System.nanoTime();
        redraws++;
        chart.setNotify(true);
    }
}
