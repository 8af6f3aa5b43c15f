package org.lethe.ui.forgetset;

import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.data.ImageSplit;
import org.lethe.ui.common.Strings;

/**
 * The training images the user picked to forget, with undo/redo. Every change replaces the whole
 * selection (a bit set), so undo is a stack of snapshots; listeners learn about changes through
 * {@link #versionProperty()}, which grid cells watch to redraw their marks. Use on the FX thread.
 */
public final class ForgetSelection {

    private static final int UNDO_LIMIT = 100;

    private ImageDataset dataset;
    private BitSet selected = new BitSet();
    private final Deque<BitSet> undo = new ArrayDeque<>();
    private final Deque<BitSet> redo = new ArrayDeque<>();
    private final ReadOnlyIntegerWrapper count = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper version = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(Strings.text("forget.nothing"));
    private int anchor = -1;
    /** The selection before the gesture in progress (a rubber band), or null when there is none. */
    private BitSet gestureBase;

    /** Starts over on a newly loaded dataset (the history is cleared). */
    public void reset(ImageDataset newDataset) {
        dataset = newDataset;
        selected = new BitSet();
        undo.clear();
        redo.clear();
        anchor = -1;
        gestureBase = null;
        publish();
    }

    /**
     * Starts a gesture (a rubber-band drag) whose intermediate selections are shown at once but
     * recorded as one change: {@link #preview} them, then {@link #endGesture} (one undo step) or
     * {@link #cancelGesture}. A gesture already in progress is ended first.
     */
    public void beginGesture() {
        if (gestureBase != null) {
            endGesture();
        }
        gestureBase = (BitSet) selected.clone();
    }

    /** The selection when the gesture began (a copy), or the current one outside a gesture. */
    public BitSet gestureBase() {
        return (BitSet) (gestureBase != null ? gestureBase : selected).clone();
    }

    /** Whether a gesture is in progress. */
    public boolean inGesture() {
        return gestureBase != null;
    }

    /**
     * Shows {@code next} as the selection while a gesture is in progress, without an undo step.
     *
     * @throws IllegalStateException outside a gesture
     */
    public void preview(BitSet next) {
        if (gestureBase == null) {
            throw new IllegalStateException("preview outside a gesture; call beginGesture() first");
        }
        if (!next.equals(selected)) {
            selected = (BitSet) next.clone();
            publish();
        }
    }

    /** Ends the gesture: its last preview stays, as one undoable change (none if nothing changed). */
    public void endGesture() {
        BitSet base = gestureBase;
        gestureBase = null;
        if (base == null || base.equals(selected)) {
            return;
        }
        pushUndo(base);
    }

    /** Ends the gesture and restores the selection it began with. */
    public void cancelGesture() {
        BitSet base = gestureBase;
        gestureBase = null;
        if (base != null && !base.equals(selected)) {
            selected = base;
            publish();
        }
    }

    /** How many selected images each class has, by label (zeros before a dataset is loaded). */
    public int[] perClassCounts() {
        int[] perClass = new int[dataset == null ? 0 : dataset.numClasses()];
        if (dataset != null) {
            ImageSplit train = dataset.train();
            selected.stream().forEach(i -> perClass[train.label(i)]++);
        }
        return perClass;
    }

    /** Whether training image {@code index} is selected. */
    public boolean isSelected(int index) {
        return selected.get(index);
    }

    /** Plain click: only this image. */
    public void selectOnly(int index) {
        BitSet next = new BitSet();
        next.set(index);
        anchor = index;
        apply(next);
    }

    /** Ctrl-click: toggles one image. */
    public void toggle(int index) {
        BitSet next = (BitSet) selected.clone();
        next.flip(index);
        anchor = index;
        apply(next);
    }

    /** Shift-click: adds every image shown between the last clicked one and this one. */
    public void extendTo(int index, List<Integer> shown) {
        int from = anchor < 0 ? -1 : shown.indexOf(anchor);
        int to = shown.indexOf(index);
        if (from < 0 || to < 0) {
            toggle(index);
            return;
        }
        BitSet next = (BitSet) selected.clone();
        for (int i = Math.min(from, to); i <= Math.max(from, to); i++) {
            next.set(shown.get(i));
        }
        apply(next);
    }

    /** Adds every training image of class {@code label}. */
    public void selectClass(int label) {
        BitSet next = (BitSet) selected.clone();
        ImageSplit train = dataset.train();
        for (int i = 0; i < train.count(); i++) {
            if (train.label(i) == label) {
                next.set(i);
            }
        }
        apply(next);
    }

    /** Replaces the selection by a seeded random {@code fraction} of the training set. */
    public void selectRandom(double fraction, long seed) {
        int n = dataset.train().count();
        int k = Math.max(1, (int) Math.round(fraction * n));
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        BitSet next = new BitSet(n);
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(n - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
            next.set(order[i]);
        }
        apply(next);
    }

    /**
     * Replaces the selection by exactly {@code indices} (undoable), e.g. when a session or a
     * scenario sets the forget set.
     *
     * @throws IllegalArgumentException if an index is outside the training split
     */
    public void replaceWith(int[] indices) {
        int n = dataset == null ? 0 : dataset.train().count();
        BitSet next = new BitSet(n);
        for (int index : indices) {
            if (index < 0 || index >= n) {
                throw new IllegalArgumentException("index " + index + " outside the " + n + " training images");
            }
            next.set(index);
        }
        apply(next);
    }

    /** Clears the selection. */
    public void clear() {
        apply(new BitSet());
    }

    /** Takes back the last change; returns false when there is none. */
    public boolean undo() {
        if (gestureBase != null) {
            endGesture();
        }
        if (undo.isEmpty()) {
            return false;
        }
        redo.push(selected);
        selected = undo.pop();
        publish();
        return true;
    }

    /** Repeats the last undone change; returns false when there is none. */
    public boolean redo() {
        if (gestureBase != null) {
            endGesture();
        }
        if (redo.isEmpty()) {
            return false;
        }
        undo.push(selected);
        selected = redo.pop();
        publish();
        return true;
    }

    /** The selected training indices, ascending. */
    public int[] indices() {
        return selected.stream().toArray();
    }

    /** Number of selected images. */
    public ReadOnlyIntegerProperty countProperty() {
        return count.getReadOnlyProperty();
    }

    /** Increases on every change; cells redraw their marks when it does. */
    public ReadOnlyIntegerProperty versionProperty() {
        return version.getReadOnlyProperty();
    }

    /** "612 to forget: 3×600, 5×12" or "Nothing selected to forget". */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    private void apply(BitSet next) {
        if (gestureBase != null) {
            endGesture();
        }
        if (next.equals(selected)) {
            return;
        }
        BitSet before = selected;
        selected = next;
        pushUndo(before);
    }

    /** Records {@code before} as the state to undo to, then tells the listeners. */
    private void pushUndo(BitSet before) {
        undo.push(before);
        while (undo.size() > UNDO_LIMIT) {
            undo.removeLast();
        }
        redo.clear();
        publish();
    }

    private void publish() {
        int n = selected.cardinality();
        count.set(n);
        version.set(version.get() + 1);
        summary.set(n == 0 || dataset == null ? Strings.text("forget.nothing") : describe(n));
    }

    private String describe(int n) {
        int[] perClass = perClassCounts();
        StringBuilder b = new StringBuilder(Strings.format("forget.count", n));
        int shown = 0;
        for (int c = 0; c < perClass.length; c++) {
            if (perClass[c] > 0) {
                if (shown++ == 8) {
                    b.append(" \u2026");
                    break;
                }
                b.append(shown == 1 ? " " : ", ").append(dataset.classNames().get(c)).append('\u00d7')
                        .append(perClass[c]);
            }
        }
        return b.toString();
    }
}
