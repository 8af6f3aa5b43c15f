package org.lethe.ui.bench;

import java.util.List;

/**
 * Names where a stalled pulse was held up, from one stack sample of the FX thread (and of Prism's
 * render thread when the FX thread only waits for it). The name has the form
 * {@code "<who> <step>: <where>"}, for example {@code "fx css: org.lethe.ui...ThumbnailCell.updateItem:114"}
 * or {@code "render NGCanvas: com.sun.pisces.PiscesRenderer.drawImageImpl"}, so samples can be
 * grouped by the pulse step (CSS, layout, animation, a {@code runLater}, an input event) or by
 * the kind of node being painted, as well as by the innermost frame of ours.
 */
final class StallSite {

    /** Frames that mark a step of the FX thread's work, innermost checked first; {@code [class prefix, step]}. */
    private static final List<String[]> STEPS = List.of(
            new String[] {"javafx.scene.Scene.doCSSPass", "css"},
            new String[] {"javafx.scene.Scene.doLayoutPass", "layout"},
            new String[] {"javafx.scene.Scene$ScenePulseListener.synchronizeSceneNodes", "sync"},
            new String[] {"com.sun.scenario.animation.AbstractPrimaryTimer.timePulseImpl", "animation"},
            new String[] {"com.sun.javafx.tk.quantum.PaintCollector.renderAll", "paint"},
            new String[] {"com.sun.javafx.event.", "event"},
            new String[] {"com.sun.javafx.application.PlatformImpl.lambda$runLater", "runLater"});

    private StallSite() {
    }

    /**
     * The site of one sample.
     *
     * @param fx the FX thread's stack
     * @param render the render thread's stack, used when the FX thread is parked
     */
    static String of(StackTraceElement[] fx, StackTraceElement[] render) {
        if (fx.length == 0) {
            return "?";
        }
        String top = name(fx[0]);
        if (top.startsWith("com.sun.glass.ui.gtk.GtkApplication._runLoop")
                || top.startsWith("com.sun.glass.ui.monocle.RunnableProcessor")) {
            return "idle (no pulse due: the process got no CPU, or the pulse timer was late)";
        }
        if (top.equals("jdk.internal.misc.Unsafe.park")) {
            return "render " + paintedNode(render) + ": " + renderTop(render) + " (fx waits in " + waiter(fx) + ")";
        }
        return "fx " + step(fx) + ": " + ours(fx, top);
    }

    private static String step(StackTraceElement[] stack) {
        for (StackTraceElement e : stack) {
            String name = name(e);
            for (String[] step : STEPS) {
                if (name.startsWith(step[0])) {
                    return step[1];
                }
            }
        }
        return "other";
    }

    /** The innermost frame of Lethe (outside the bench) with the top frame, or the top frame alone. */
    private static String ours(StackTraceElement[] stack, String top) {
        for (StackTraceElement e : stack) {
            if (e.getClassName().startsWith("org.lethe.") && !e.getClassName().startsWith("org.lethe.ui.bench.")) {
                return e.getClassName() + "." + e.getMethodName() + ":" + e.getLineNumber() + " (top: " + top + ")";
            }
        }
        return top;
    }

    /** The innermost scene-graph peer being painted (NGCanvas, NGRegion, NGText...), or "-". */
    private static String paintedNode(StackTraceElement[] render) {
        for (StackTraceElement e : render) {
            String cls = e.getClassName();
            int dot = cls.lastIndexOf('.');
            String simple = cls.substring(dot + 1);
            if (cls.startsWith("com.sun.javafx.sg.prism.NG") && !simple.equals("NGNode") && !simple.equals("NGGroup")) {
                return simple.contains("$") ? simple.substring(0, simple.indexOf('$')) : simple;
            }
        }
        return "-";
    }

    private static String renderTop(StackTraceElement[] render) {
        return render.length == 0 ? "?" : name(render[0]);
    }

    /** The first frame outside the JDK's locking code: what the FX thread waits for. */
    private static String waiter(StackTraceElement[] fx) {
        for (StackTraceElement e : fx) {
            String cls = e.getClassName();
            if (!cls.startsWith("jdk.internal.") && !cls.startsWith("java.util.concurrent.")) {
                return name(e);
            }
        }
        return "?";
    }

    private static String name(StackTraceElement e) {
        return e.getClassName() + "." + e.getMethodName();
    }
}
