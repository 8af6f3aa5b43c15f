package org.lethe.ui.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Collects the garbage collector's stop-the-world pauses while it listens, with their times on the
 * {@link System#nanoTime} clock, so that a benchmark can tell which pulse gaps a pause fell into.
 * Every pause stops the FX and render threads too, so a long one is a stall whatever the window does.
 *
 * <p>The pauses come from the collectors' JMX notifications (a notification arrives shortly after
 * its collection, on a JMX thread). Collectors whose bean counts concurrent cycles rather than
 * pauses (ZGC's "ZGC Cycles", Shenandoah's "Shenandoah Cycles") are left out. Times have the
 * beans' millisecond resolution.
 */
final class GcPauseLog {

    /**
     * One pause.
     *
     * @param collector the collector bean's name, e.g. "G1 Young Generation"
     * @param cause why it ran, e.g. "G1 Evacuation Pause" or "System.gc()"
     * @param startNanos when it began (System.nanoTime)
     * @param endNanos when it ended (System.nanoTime)
     */
    record Pause(String collector, String cause, long startNanos, long endNanos) {

        /** Its length in milliseconds. */
        double millis() {
            return (endNanos - startNanos) / 1e6;
        }

        /** Milliseconds of this pause inside [{@code from}, {@code to}] (nanoTime). */
        double overlapMillis(long from, long to) {
            return Math.max(0, Math.min(to, endNanos) - Math.max(from, startNanos)) / 1e6;
        }
    }

    private final List<Pause> pauses = new ArrayList<>();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onNotification;
    /** System.nanoTime() when the JVM started: the beans' times are milliseconds since then. */
    private final long jvmStartNanos = System.nanoTime() - ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000L;

    /** Starts listening to every collector that reports pauses. */
    synchronized void start() {
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (bean instanceof NotificationEmitter emitter && countsPauses(bean.getName())) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
    }

    /** Stops listening; what was collected stays. */
    synchronized void stop() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException e) {
                // already gone
            }
        }
        emitters.clear();
    }

    /** The pauses so far, in the order they were reported. */
    synchronized List<Pause> pauses() {
        return List.copyOf(pauses);
    }

    /** Whether a collector bean of this name reports pauses (not concurrent cycles). */
    static boolean countsPauses(String beanName) {
        return !beanName.contains("Cycles");
    }

    private void onNotification(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                (CompositeData) notification.getUserData());
        long start = jvmStartNanos + info.getGcInfo().getStartTime() * 1_000_000L;
        long end = start + info.getGcInfo().getDuration() * 1_000_000L;
        add(new Pause(info.getGcName(), info.getGcCause(), start, end));
    }

    /** Records a pause (the listener calls this; tests may call it directly). */
    synchronized void add(Pause pause) {
        pauses.add(pause);
    }
}
