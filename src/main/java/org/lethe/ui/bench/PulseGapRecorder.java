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
     */
    public record Stats(String phase, int pulses, double seconds, double maxGapMs, double p99GapMs, double meanGapMs,
            int gapsOver50ms, double fxCpuMs, double renderCpuMs) {

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
     */
    public record Gap(String phase, double atSeconds, double gapMs) { }

    private final List<String> phaseNames = new ArrayList<>();
    private final List<long[]> phaseGaps = new ArrayList<>();
    private final List<int[]> phaseSizes = new ArrayList<>();
    private final List<long[]> phaseSpans = new ArrayList<>();
    private final List<Gap> longGaps = new ArrayList<>();
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
        synchronized (this) {
            cpuMark = cpu.now();
        }
        timer.start();
    }

    /** Stops counting (FX thread). */
    public void stop() {
        timer.stop();
        synchronized (this) {
            chargeCpu();
            cpuMark = null;
        }
    }

    /** Gaps from now on belong to phase {@code name} (FX thread); a name used before continues that phase. */
    public synchronized void phase(String name) {
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
                longGaps.add(new Gap(phaseNames.get(current), (nanos - first) / 1e9, gap / 1e6));
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
                out.add(stats(phaseNames.get(i), phaseSizes.get(i)[1], gaps, (span[1] - span[0]) / 1e9, phaseCpu.get(i)));
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
        return stats("all", pulses, all, seconds, cpuTotal);
    }

    /** The {@code n} longest gaps over {@link #STALL_MILLIS}, longest first. */
    public synchronized List<Gap> longestGaps(int n) {
        return longGaps.stream().sorted(Comparator.comparingDouble(Gap::gapMs).reversed()).limit(n).toList();
    }

    private static Stats stats(String phase, int pulses, long[] gaps, double seconds, long[] cpuNanos) {
        double fxCpu = round(cpuNanos[0] / 1e6);
        double renderCpu = round(cpuNanos[1] / 1e6);
        if (gaps.length == 0) {
            return new Stats(phase, pulses, seconds, 0, 0, 0, 0, fxCpu, renderCpu);
        }
        long[] sorted = gaps.clone();
        Arrays.sort(sorted);
        long sum = 0;
        int stalls = 0;
        for (long g : sorted) {
            sum += g;
            if (g > STALL_MILLIS * 1e6) {
                stalls++;
            }
        }
        int p99 = (int) Math.ceil(0.99 * sorted.length) - 1;
        return new Stats(phase, pulses, seconds, round(sorted[sorted.length - 1] / 1e6),
                round(sorted[Math.max(0, p99)] / 1e6), round(sum / 1e6 / sorted.length), stalls, fxCpu, renderCpu);
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
