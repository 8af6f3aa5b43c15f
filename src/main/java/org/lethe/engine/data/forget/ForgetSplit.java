package org.lethe.engine.data.forget;

import java.util.Objects;
import java.util.StringJoiner;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.data.IndexView;

/**
 * A resolved forget set: the training samples to forget and the rest of the training split to
 * retain, with the spec text and seed they came from (so the pair can be recreated and recorded as
 * provenance).
 *
 * @param forget the samples to forget, tagged "forget", ascending, not empty
 * @param retain every other training sample, tagged "retain", ascending, not empty
 * @param spec the canonical text of the spec that produced the split
 * @param seed the seed used for random terms
 */
public record ForgetSplit(IndexView forget, IndexView retain, String spec, long seed) {

    /** Tag of {@link #forget()}. */
    public static final String FORGET_TAG = "forget";
    /** Tag of {@link #retain()}. */
    public static final String RETAIN_TAG = "retain";

    private static final int SUMMARY_CLASS_LIMIT = 12;

    /**
     * Checks that both views share one split, carry their tags, are strictly ascending, disjoint
     * and together cover the split, and that neither is empty.
     */
    public ForgetSplit {
        Objects.requireNonNull(forget, "forget");
        Objects.requireNonNull(retain, "retain");
        Objects.requireNonNull(spec, "spec");
        if (forget.split() != retain.split()) {
            throw new IllegalArgumentException("forget and retain views point into different splits");
        }
        if (!FORGET_TAG.equals(forget.tag()) || !RETAIN_TAG.equals(retain.tag())) {
            throw new IllegalArgumentException("views must be tagged forget and retain, were "
                    + forget.tag() + " and " + retain.tag());
        }
        if (forget.isEmpty() || retain.isEmpty()) {
            throw new IllegalArgumentException("forget (" + forget.size() + ") and retain ("
                    + retain.size() + ") must both hold samples");
        }
        checkPartition(forget, retain);
    }

    private static void checkPartition(IndexView forget, IndexView retain) {
        int total = forget.split().count();
        if (forget.size() + retain.size() != total) {
            throw new IllegalArgumentException("forget (" + forget.size() + ") + retain (" + retain.size()
                    + ") do not add up to the split's " + total + " samples");
        }
        int f = 0;
        int r = 0;
        for (int expected = 0; expected < total; expected++) {
            if (f < forget.size() && forget.index(f) == expected) {
                f++;
            } else if (r < retain.size() && retain.index(r) == expected) {
                r++;
            } else {
                throw new IllegalArgumentException("sample " + expected
                        + " is missing, repeated or out of order in forget/retain");
            }
        }
    }

    /** Number of samples to forget. */
    public int forgetSize() {
        return forget.size();
    }

    /** Number of samples to retain. */
    public int retainSize() {
        return retain.size();
    }

    /** Forget-set samples per class, for every class of {@code dataset}. */
    public int[] forgetCountsPerClass(ImageDataset dataset) {
        return forget.countsPerClass(dataset.numClasses());
    }

    /**
     * A one-line description for the GUI and CLI, e.g. {@code 612 samples: 3 ×600, 5 ×12}: the
     * forget-set size, then each class that has samples in it (by class name, in class order; the
     * first {@value #SUMMARY_CLASS_LIMIT}, then how many more).
     */
    public String summary(ImageDataset dataset) {
        int[] counts = forgetCountsPerClass(dataset);
        StringJoiner classes = new StringJoiner(", ");
        int shown = 0;
        int hidden = 0;
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] == 0) {
                continue;
            }
            if (shown < SUMMARY_CLASS_LIMIT) {
                classes.add(dataset.classNames().get(c) + " \u00d7" + counts[c]);
                shown++;
            } else {
                hidden++;
            }
        }
        String text = forget.size() + (forget.size() == 1 ? " sample: " : " samples: ") + classes;
        if (hidden > 0) {
            text += " and " + hidden + (hidden == 1 ? " more class" : " more classes");
        }
        return text;
    }
}
