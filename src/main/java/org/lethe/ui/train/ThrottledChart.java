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
 *
 * <p>The interval also stretches with the cost of a redraw (a viewer draws the whole chart on the
 * FX thread when notified): it is at least {@value #COST_FACTOR} times the last redraw's duration,
 * up to {@value #MAX_INTERVAL_MILLIS} ms, so a slow machine (software rendering, a busy CPU) spends
 * at most about a tenth of the FX thread's time on the live chart.
 */
public final class ThrottledChart {

    /** The interval is at least this many times the last redraw's duration. */
    public static final int COST_FACTOR = 10;
    /** The interval never stretches beyond this. */
    public static final long MAX_INTERVAL_MILLIS = 2000;

    private final JFreeChart chart;
    private final long baseIntervalNanos;
    private long intervalNanos;
    private final PauseTransition delayed;
    private long lastRedraw = Long.MIN_VALUE / 2;
    private long redraws;

    /** Limits {@code chart} to one redraw per {@code intervalMillis}. */
    public ThrottledChart(JFreeChart chart, long intervalMillis) {
        this.chart = Objects.requireNonNull(chart, "chart");
        if (intervalMillis < 1) {
            throw new IllegalArgumentException("redraw interval must be >= 1 ms, was " + intervalMillis);
        }
        this.baseIntervalNanos = intervalMillis * 1_000_000L;
        this.intervalNanos = baseIntervalNanos;
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
            delayed.setDuration(Duration.millis((lastRedraw + intervalNanos - now) / 1e6));
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

    /** The current shortest time between two redraws, in milliseconds. */
    public long intervalMillis() {
        return intervalNanos / 1_000_000L;
    }

    private void redraw() {
        long start = System.nanoTime();
        redraws++;
        chart.setNotify(true); // the viewers draw now
        long end = System.nanoTime();
        lastRedraw = end;
        intervalNanos = Math.max(baseIntervalNanos, Math.min(MAX_INTERVAL_MILLIS * 1_000_000L,
                COST_FACTOR * (end - start)));
    }
}
