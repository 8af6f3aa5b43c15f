package org.lethe.ui.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Stall samples are named by who held the pulse up: the FX thread's pulse step, or the node being painted. */
class StallSiteTest {

    private static StackTraceElement frame(String cls, String method) {
        return new StackTraceElement(cls, method, cls.replace('.', '/') + ".java", 10);
    }

    @Test
    void fxWorkIsNamedByItsPulseStepAndOurInnermostFrame() {
        StackTraceElement[] fx = {
            frame("javafx.css.CompoundSelector", "applies"),
            frame("org.lethe.ui.dataset.ThumbnailCell", "updateItem"),
            frame("javafx.scene.Parent", "layout"),
            frame("javafx.scene.Scene", "doLayoutPass"),
            frame("javafx.scene.Scene$ScenePulseListener", "pulse"),
        };
        assertThat(StallSite.of(fx, new StackTraceElement[0])).isEqualTo(
                "fx layout: org.lethe.ui.dataset.ThumbnailCell.updateItem:10 (top: javafx.css.CompoundSelector.applies)");
    }

    @Test
    void aParkedFxThreadBlamesTheNodeTheRendererPaints() {
        StackTraceElement[] fx = {
            frame("jdk.internal.misc.Unsafe", "park"),
            frame("java.util.concurrent.locks.LockSupport", "park"),
            frame("com.sun.javafx.tk.quantum.PaintCollector", "waitForRenderingToComplete"),
        };
        StackTraceElement[] render = {
            frame("com.sun.marlin.Renderer", "_endRendering"),
            frame("com.sun.javafx.sg.prism.NGCanvas", "renderStream"),
            frame("com.sun.javafx.sg.prism.NGGroup", "renderContent"),
        };
        assertThat(StallSite.of(fx, render)).isEqualTo("render NGCanvas: com.sun.marlin.Renderer._endRendering"
                + " (fx waits in com.sun.javafx.tk.quantum.PaintCollector.waitForRenderingToComplete)");
    }

    @Test
    void anFxThreadInItsEventLoopMeansNoPulseWasDue() {
        StackTraceElement[] fx = {frame("com.sun.glass.ui.gtk.GtkApplication", "_runLoop")};
        assertThat(StallSite.of(fx, new StackTraceElement[0])).startsWith("idle (no pulse due");
    }
}
