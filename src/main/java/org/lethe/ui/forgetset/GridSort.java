package org.lethe.ui.forgetset;

import org.lethe.ui.common.Strings;
import org.lethe.ui.dataset.SampleOrder;

/** The orders the thumbnail grid offers: by index, or by the original model's confidence or loss. */
public enum GridSort {
    /** Training-set order (the default). */
    INDEX("forget.sort.index"),
    /** Most confident first. */
    CONFIDENCE_DESCENDING("forget.sort.confidenceDesc"),
    /** Least confident first. */
    CONFIDENCE_ASCENDING("forget.sort.confidenceAsc"),
    /** Highest loss first. */
    LOSS_DESCENDING("forget.sort.lossDesc"),
    /** Lowest loss first. */
    LOSS_ASCENDING("forget.sort.lossAsc");

    private final String key;

    GridSort(String key) {
        this.key = key;
    }

    /** Whether this order needs the original model's scores. */
    public boolean needsScores() {
        return this != INDEX;
    }

    /** The grid order for {@code scores} (null for {@link #INDEX}). */
    public SampleOrder order(SampleScores scores) {
        return switch (this) {
            case INDEX -> null;
            case CONFIDENCE_DESCENDING -> new SampleOrder(scores.confidence(), true);
            case CONFIDENCE_ASCENDING -> new SampleOrder(scores.confidence(), false);
            case LOSS_DESCENDING -> new SampleOrder(scores.loss(), true);
            case LOSS_ASCENDING -> new SampleOrder(scores.loss(), false);
        };
    }

    @Override
    public String toString() {
        return Strings.text(key);
    }
}
