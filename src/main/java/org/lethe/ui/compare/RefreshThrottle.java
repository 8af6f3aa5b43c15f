package org.lethe.ui.compare;

import java.util.Objects;
import javafx.animation.PauseTransition;
import javafx.util.Duration;

/**
 * Runs an action at most once per interval however often it is requested: the first request
 * after a quiet period runs at once, further ones within the interval are folded into one run at
 * its end. Keeps chart redraws at a bounded rate when results arrive in bursts. FX thread only.
 */
public final class RefreshThrottle {

    private final Runnable action;
    private final PauseTransition cooldown;
    private boolean pending;

    /** Runs {@code action} at most once per {@code interval}. */
    public RefreshThrottle(Duration interval, Runnable action) {
        this.action = Objects.requireNonNull(action, "action");
        this.cooldown = new PauseTransition(interval);
        cooldown.setOnFinished(e -> {
            if (pending) {
                pending = false;
                run();
            }
        });
    }

    /** Asks for a run: now, or at the end of the current interval. */
    public void request() {
        if (cooldown.getStatus() == javafx.animation.Animation.Status.RUNNING) {
            pending = true;
        } else {
            run();
        }
    }

    private void run() {
        cooldown.playFromStart();
        action.run();
    }
}
