package org.lethe.ui.compare;

import org.lethe.engine.evaluation.EvaluatedModel;
import org.lethe.engine.evaluation.Predictions;
import org.lethe.viz.Split;

/**
 * A point of the dashboard's scatter: the split and the position of its sample in that split's
 * predictions, with the two models the scatter sets against each other.
 */
public record PlottedSample(Split split, int position, EvaluatedModel original, EvaluatedModel other) {

    /** The sample's index in its dataset split (training split for forget/retain, test split for test). */
    public int sampleIndex() {
        Predictions p = switch (split) {
            case FORGET -> original.forget();
            case RETAIN -> original.retain();
            case TEST -> original.test();
        };
        return p.indices()[position];
    }
}
