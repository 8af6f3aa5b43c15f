package org.lethe.ui.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import javafx.animation.AnimationTimer;

/**
 * Records the time between consecutive JavaFX pulses. A running {@link AnimationTimer} makes the
 * toolkit pulse continuously (about 60 times a second); when the FX thread is busy (a long
 * listener, a slow layout or chart redraw, blocking I/O) the next pulse comes late, and the gap
 * shows how long the window could not react. Gaps are kept per named phase, so a benchmark can tell
 * which activity caused a stall.
 *
 * <p>{@link #start()}, {@link #phase(String)} and {@link #stop()} belong on the FX thread; the
 * results can be read from any thread (they are snapshots).
 */
public final class PulseGapRecorder {

    /** A gap longer than this is a stall (issue #7). */
    public static final double STALL_MILLIS = 50;

    /**
     * The gaps of one phase (or of the whole run).
     *
     * @param phase the phase's name ("all" for the whole run)
     * @param pulses pulses counted in it
     * @param seconds time from the phase's first to its last pulse
     * @param maxGapMs the longest gap
     * @param p99GapMs the 99th percentile of the gaps
     * @param meanGapMs the mean gap
     * @param gapsOver50ms gaps longer than {@link #STALL_MILLIS}
     * @param fxCpuMs CPU time the FX thread used in the phase: the work the window put on it, which
     *     (unlike the gaps) does not grow when other processes take the CPU away
     * @param renderCpuMs CPU time Prism's render thread used in the phase (painting the frames)
     * @param gcPauses the garbage collector's stop-the-world pauses that began in the phase (they stop
     *     the FX and render threads as well)
     * @param gcPauseMs their total length
     * @param maxGcPauseMs the longest of them
     * @param gapsWithGc gaps over 50 ms during which the collector paused the JVM
     * @param gapsOver50msWithoutGc gaps that are still over 50 ms after taking the collector's pauses
     *     out of them: the stalls the window itself (layout, drawing, a late pulse) is left with
     */
    public record Stats(String phase, int pulses, double seconds, double maxGapMs, double p99GapMs, double meanGapMs,
            int gapsOver50ms, double fxCpuMs, double renderCpuMs, int gcPauses, double gcPauseMs, double maxGcPauseMs,
            int gapsWithGc, int gapsOver50msWithoutGc) {

        public Stats {
            Objects.requireNonNull(phase, "phase");
        }
    }

    /**
     * One long gap, for finding its cause.
     *
     * @param phase the phase it ended in
     * @param atSeconds when it ended, seconds after the first pulse
     * @param gapMs its length
     * @param gcMs how much of it the garbage collector had the JVM paused
     */
    public record Gap(String phase, double atSeconds, double gapMs, double gcMs) { }

    /** A gap over {@link #STALL_MILLIS}: its phase and its ends (System.nanoTime). */
    private record Stall(int phase, long from, long to) { }

    private final List<String> phaseNames = new ArrayList<>();
    private final List<long[]> phaseGaps = new ArrayList<>();
    private final List<int[]> phaseSizes = new ArrayList<>();
    private final List<long[]> phaseSpans = new ArrayList<>();
    private final List<Stall> stalls = new ArrayList<>();
    /** When each phase began (System.nanoTime) and which it was, in order: {nanos, phase index}. */
    private final List<long[]> phaseStarts = new ArrayList<>();
    private final GcPauseLog gc = new GcPauseLog();
    /** Per phase: FX thread and render thread CPU nanoseconds. */
    private final List<long[]> phaseCpu = new ArrayList<>();
    private final ThreadCpu cpu = new ThreadCpu();
    private long[] cpuMark;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            pulse(System.nanoTime());
        }
    };
    private long first = Long.MIN_VALUE;
    private long last = Long.MIN_VALUE;
    private int current = -1;

    /** A recorder in phase {@code "start"}; call {@link #start()} to begin. */
    public PulseGapRecorder() {
        phase("start");
    }

    /** Starts counting pulses (FX thread). */
    public void start() {
        cpu.watchFxThread(Thread.currentThread());
        gc.start();
        synchronized (this) {
            cpuMark = cpu.now();
        }
        timer.start();
    }

    /** Stops counting (FX thread). */
    public void stop() {
        timer.stop();
        gc.stop();
        synchronized (this) {
            chargeCpu();
            cpuMark = null;
        }
    }

    /** Gaps from now on belong to phase {@code name} (FX thread); a name used before continues that phase. */
    public void phase(String name) {
        phase(name, System.nanoTime());
    }

    /** {@link #phase(String)} at time {@code nanos} (System.nanoTime); for tests with made-up times. */
    synchronized void phase(String name, long nanos) {
        Objects.requireNonNull(name, "name");
        int index = phaseNames.indexOf(name);
        if (index < 0) {
            phaseNames.add(name);
            phaseGaps.add(new long[256]);
            phaseSizes.add(new int[2]); // gaps, pulses
            phaseSpans.add(new long[] {Long.MIN_VALUE, Long.MIN_VALUE});
            phaseCpu.add(new long[2]);
            index = phaseNames.size() - 1;
        }
        chargeCpu();
        current = index;
        phaseStarts.add(new long[] {nanos, index});
    }

    /** Notes a pulse at {@code nanos} (System.nanoTime); the timer calls this, tests may call it directly. */
    synchronized void pulse(long nanos) {
        long[] span = phaseSpans.get(current);
        if (span[0] == Long.MIN_VALUE) {
            span[0] = nanos;
        }
        span[1] = nanos;
        phaseSizes.get(current)[1]++;
        if (first == Long.MIN_VALUE) {
            first = nanos;
        } else {
            long gap = nanos - last;
            int[] size = phaseSizes.get(current);
            long[] gaps = phaseGaps.get(current);
            if (size[0] == gaps.length) {
                gaps = Arrays.copyOf(gaps, gaps.length * 2);
                phaseGaps.set(current, gaps);
            }
            gaps[size[0]++] = gap;
            if (gap > STALL_MILLIS * 1e6) {
                stalls.add(new Stall(current, last, nanos));
            }
        }
        last = nanos;
    }

    /** Adds the CPU used since the last mark to the current phase (while started). */
    private void chargeCpu() {
        if (cpuMark == null || current < 0) {
            return;
        }
        long[] now = cpu.now();
        long[] used = phaseCpu.get(current);
        for (int i = 0; i < 2; i++) {
            used[i] += Math.max(0, now[i] - cpuMark[i]);
        }
        cpuMark = now;
    }

    /** The name of the phase under way. */
    public synchronized String currentPhase() {
        return phaseNames.get(current);
    }

    /** When the last pulse came (System.nanoTime), or {@code Long.MIN_VALUE} before the first. */
    public synchronized long lastPulseNanos() {
        return last;
    }

    /** The statistics of each phase that saw a pulse, in the order the phases began. */
    public synchronized List<Stats> phases() {
        chargeCpu();
        List<Stats> out = new ArrayList<>();
        for (int i = 0; i < phaseNames.size(); i++) {
            long[] span = phaseSpans.get(i);
            if (span[0] != Long.MIN_VALUE) {
                long[] gaps = Arrays.copyOf(phaseGaps.get(i), phaseSizes.get(i)[0]);
                out.add(stats(phaseNames.get(i), phaseSizes.get(i)[1], gaps, (span[1] - span[0]) / 1e9, phaseCpu.get(i),
                        gcIn(i)));
            }
        }
        return out;
    }

    /** The statistics of the whole run. */
    public synchronized Stats overall() {
        chargeCpu();
        long[] cpuTotal = new long[2];
        for (long[] used : phaseCpu) {
            cpuTotal[0] += used[0];
            cpuTotal[1] += used[1];
        }
        int total = 0;
        int pulses = 0;
        for (int[] size : phaseSizes) {
            total += size[0];
            pulses += size[1];
        }
        long[] all = new long[total];
        int at = 0;
        for (int i = 0; i < phaseNames.size(); i++) {
            int n = phaseSizes.get(i)[0];
            System.arraycopy(phaseGaps.get(i), 0, all, at, n);
            at += n;
        }
        double seconds = first == Long.MIN_VALUE ? 0 : (last - first) / 1e9;
        return stats("all", pulses, all, seconds, cpuTotal, gcIn(-1));
    }

    /** The {@code n} longest gaps over {@link #STALL_MILLIS}, longest first. */
    public synchronized List<Gap> longestGaps(int n) {
        List<GcPauseLog.Pause> pauses = gc.pauses();
        return stalls.stream().map(s -> new Gap(phaseNames.get(s.phase()), (s.to() - first) / 1e9,
                        round((s.to() - s.from()) / 1e6), round(gcMillis(pauses, s))))
                .sorted(Comparator.comparingDouble(Gap::gapMs).reversed()).limit(n).toList();
    }

    /**
     * The collector's pauses and their effect on the stalls of phase {@code phase} (-1: all phases):
     * {pauses, total ms, longest ms, stalls with a pause, stalls still over the limit without it}.
     */
    private double[] gcIn(int phase) {
        List<GcPauseLog.Pause> pauses = gc.pauses();
        double[] out = new double[5];
        for (GcPauseLog.Pause p : pauses) {
            int at = phaseAt(p.startNanos());
            if (at >= 0 && (phase < 0 || at == phase)) {
                out[0]++;
                out[1] += p.millis();
                out[2] = Math.max(out[2], p.millis());
            }
        }
        for (Stall s : stalls) {
            if (phase < 0 || s.phase() == phase) {
                double paused = gcMillis(pauses, s);
                if (paused > 0) {
                    out[3]++;
                }
                if ((s.to() - s.from()) / 1e6 - paused > STALL_MILLIS) {
                    out[4]++;
                }
            }
        }
        return out;
    }

    /** Milliseconds of collector pauses inside stall {@code s}. */
    private static double gcMillis(List<GcPauseLog.Pause> pauses, Stall s) {
        double sum = 0;
        for (GcPauseLog.Pause p : pauses) {
            sum += p.overlapMillis(s.from(), s.to());
        }
        return sum;
    }

    /** The phase under way at {@code nanos}, or -1 before the first phase began or after the recording. */
    private int phaseAt(long nanos) {
        int at = -1;
        for (long[] start : phaseStarts) {
            if (start[0] <= nanos) {
                at = (int) start[1]; // the latest phase begun by then (phases begin in list order)
            }
        }
        return last != Long.MIN_VALUE && nanos > last + 1_000_000_000L ? -1 : at;
    }

    /** Records a collector pause (the GC notifications do this; tests may call it directly). */
    void gcPause(String collector, long startNanos, long endNanos) {
        gc.add(new GcPauseLog.Pause(collector, "test", startNanos, endNanos));
    }

    private static Stats stats(String phase, int pulses, long[] gaps, double seconds, long[] cpuNanos, double[] gc) {
        double fxCpu = round(cpuNanos[0] / 1e6);
        double renderCpu = round(cpuNanos[1] / 1e6);
        int gcPauses = (int) gc[0];
        double gcMs = round(gc[1]);
        double gcMax = round(gc[2]);
        if (gaps.length == 0) {
            return new Stats(phase, pulses, seconds, 0, 0, 0, 0, fxCpu, renderCpu, gcPauses, gcMs, gcMax, 0, 0);
        }
        long[] sorted = gaps.clone();
        Arrays.sort(sorted);
        long sum = 0;
        int over = 0;
        for (long g : sorted) {
            sum += g;
            if (g > STALL_MILLIS * 1e6) {
                over++;
            }
        }
        int p99 = (int) Math.ceil(0.99 * sorted.length) - 1;
        return new Stats(phase, pulses, seconds, round(sorted[sorted.length - 1] / 1e6),
                round(sorted[Math.max(0, p99)] / 1e6), round(sum / 1e6 / sorted.length), over, fxCpu, renderCpu,
                gcPauses, gcMs, gcMax, (int) gc[3], (int) gc[4]);
    }

    private static double round(double millis) {
        return Math.round(millis * 10) / 10.0;
    }

    /**
     * Reads the CPU time of the FX thread and of Prism's render thread ({@code QuantumRenderer-0},
     * found lazily); zeros where the JVM does not measure thread CPU time.
     */
    private static final class ThreadCpu {

        private final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        private long fxId = -1;
        private long renderId = -1;

        void watchFxThread(Thread fx) {
            fxId = fx.getId();
            if (threads.isThreadCpuTimeSupported() && !threads.isThreadCpuTimeEnabled()) {
                threads.setThreadCpuTimeEnabled(true);
            }
        }

        long[] now() {
            if (renderId < 0) {
                renderId = Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getName().startsWith("QuantumRenderer")).mapToLong(Thread::getId)
                        .findFirst().orElse(-1);
            }
            return new long[] {time(fxId), time(renderId)};
        }

        private long time(long id) {
            if (id < 0 || !threads.isThreadCpuTimeSupported()) {
                return 0;
            }
            return Math.max(0, threads.getThreadCpuTime(id));
        }
    }
}
