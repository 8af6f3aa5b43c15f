package org.lethe.engine.unlearning;

import org.bytedeco.javacpp.Pointer;

/**
 * Tracks how far heap plus native (JavaCPP/ND4J) memory rises above a baseline during a run.
 * Sampling is cheap (two counters), so loops sample once per step.
 */
public final class MemoryProbe {

    private final long baseline;
    private long peak;

    private MemoryProbe(long baseline) {
        this.baseline = baseline;
        this.peak = baseline;
    }

    /** Starts measuring from the current usage. */
    public static MemoryProbe start() {
        return new MemoryProbe(used());
    }

    /** Records the current usage. */
    public void sample() {
        peak = Math.max(peak, used());
    }

    /** The largest rise above the baseline seen so far, in bytes (never negative). */
    public long peakExtraBytes() {
        sample();
        return Math.max(0, peak - baseline);
    }

    private static long used() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory() + Pointer.totalBytes();
    }
}
