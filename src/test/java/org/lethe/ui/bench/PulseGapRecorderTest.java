package org.lethe.ui.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The pulse recorder sees a blocked FX thread: 120 ms of sleep inside a {@code runLater} shows up
 * as a gap of at least 120 ms in the phase it happened in, and as a stall over 50 ms. (No timing
 * assertion on the application itself: that is what {@code lethe bench ui} measures.)
 */
@ExtendWith(ApplicationExtension.class)
class PulseGapRecorderTest {

    @Start
    void start(Stage stage) {
        stage.show();
    }

    private static <T> T fx(java.util.concurrent.Callable<T> action) throws Exception {
        return WaitForAsyncUtils.asyncFx(action).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aBlockedFxThreadShowsAsOneLongGapInItsPhase() throws Exception {
        PulseGapRecorder recorder = new PulseGapRecorder();
        fx(() -> {
            recorder.start();
            recorder.phase("quiet");
            return null;
        });
        Thread.sleep(300);
        fx(() -> {
            recorder.phase("blocked");
            Platform.runLater(() -> sleep(120));
            return null;
        });
        Thread.sleep(400);
        fx(() -> {
            recorder.stop();
            return null;
        });
        PulseGapRecorder.Stats blocked = recorder.phases().stream().filter(p -> p.phase().equals("blocked"))
                .findFirst().orElseThrow();
        assertThat(blocked.maxGapMs()).isGreaterThanOrEqualTo(120);
        assertThat(blocked.gapsOver50ms()).isGreaterThanOrEqualTo(1);
        assertThat(recorder.longestGaps(3)).first().satisfies(g -> {
            assertThat(g.phase()).isEqualTo("blocked");
            assertThat(g.gapMs()).isGreaterThanOrEqualTo(120);
        });
        assertThat(recorder.overall().maxGapMs()).isGreaterThanOrEqualTo(120);
        assertThat(recorder.overall().pulses()).isGreaterThan(5);
    }

    @Test
    void statisticsFollowTheRecordedPulses() {
        PulseGapRecorder recorder = new PulseGapRecorder();
        recorder.phase("a");
        long t = 1_000_000_000L;
        for (int i = 0; i < 100; i++) {
            recorder.pulse(t += 16_000_000L);
        }
        recorder.phase("b");
        recorder.pulse(t += 130_000_000L);
        recorder.pulse(t += 16_000_000L);
        PulseGapRecorder.Stats a = recorder.phases().get(0);
        PulseGapRecorder.Stats b = recorder.phases().get(1);
        assertThat(a.phase()).isEqualTo("a");
        assertThat(a.pulses()).isEqualTo(100);
        assertThat(a.maxGapMs()).isEqualTo(16.0);
        assertThat(a.gapsOver50ms()).isZero();
        assertThat(b.pulses()).isEqualTo(2);
        assertThat(b.maxGapMs()).isEqualTo(130.0);
        assertThat(b.gapsOver50ms()).isEqualTo(1);
        PulseGapRecorder.Stats all = recorder.overall();
        assertThat(all.pulses()).isEqualTo(102);
        assertThat(all.maxGapMs()).isEqualTo(130.0);
        assertThat(all.p99GapMs()).isEqualTo(16.0);
        assertThat(all.gapsOver50ms()).isEqualTo(1);
        assertThat(recorder.longestGaps(5)).extracting(PulseGapRecorder.Gap::phase).containsExactly("b");
    }

    @Test
    void fxThreadCpuIsChargedToThePhaseThatUsedIt() throws Exception {
        PulseGapRecorder recorder = new PulseGapRecorder();
        fx(() -> {
            recorder.start();
            recorder.phase("quiet");
            return null;
        });
        Thread.sleep(300);
        fx(() -> {
            recorder.phase("busy");
            spinCpu(150);
            return null;
        });
        Thread.sleep(200);
        fx(() -> {
            recorder.phase("after");
            recorder.stop();
            return null;
        });
        PulseGapRecorder.Stats quiet = recorder.phases().stream().filter(p -> p.phase().equals("quiet"))
                .findFirst().orElseThrow();
        PulseGapRecorder.Stats busy = recorder.phases().stream().filter(p -> p.phase().equals("busy"))
                .findFirst().orElseThrow();
        assertThat(busy.fxCpuMs()).isGreaterThanOrEqualTo(145);
        assertThat(quiet.fxCpuMs()).isLessThan(busy.fxCpuMs() - 50);
        assertThat(recorder.overall().fxCpuMs()).isGreaterThanOrEqualTo(busy.fxCpuMs());
        assertThat(recorder.overall().renderCpuMs()).isGreaterThanOrEqualTo(0);
    }

    /** Uses {@code millis} of this thread's CPU time. */
    private static void spinCpu(long millis) {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long end = threads.getCurrentThreadCpuTime() + millis * 1_000_000L;
        long x = 0;
        while (threads.getCurrentThreadCpuTime() < end) {
            x += System.nanoTime() % 7;
        }
        assertThat(x).isGreaterThanOrEqualTo(0);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
