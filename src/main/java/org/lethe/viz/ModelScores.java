package org.lethe.viz;

import java.util.Objects;
import org.lethe.engine.evaluation.Predictions;

/**
 * One model's per-sample scores on the three splits (e.g. true-class confidence), as fed to
 * {@link ConfidenceHistogramChart} and {@link PerSampleScatterChart}. Arrays are copied; a split
 * may be empty.
 *
 * @param model the model's display name
 * @param forget scores on the forget set, in sample order
 * @param retain scores on the retain set, in sample order
 * @param test scores on the test set, in sample order
 */
public record ModelScores(String model, double[] forget, double[] retain, double[] test) {

    /** Copies the arrays and checks the name. */
    public ModelScores {
        Charts.requireName(model, "model");
        forget = Objects.requireNonNull(forget, "forget").clone();
        retain = Objects.requireNonNull(retain, "retain").clone();
        test = Objects.requireNonNull(test, "test").clone();
    }

    /** The {@code kind} score of each split's predictions. */
    public static ModelScores of(String model, ScoreKind kind, Predictions forget, Predictions retain,
                                 Predictions test) {
        return new ModelScores(model, kind.of(forget), kind.of(retain), kind.of(test));
    }

    /** The scores of {@code split} (a copy). */
    public double[] scores(Split split) {
        return switch (split) {
            case FORGET -> forget.clone();
            case RETAIN -> retain.clone();
            case TEST -> test.clone();
        };
    }

    @Override
    public double[] forget() {
        return forget.clone();
    }

    @Override
    public double[] retain() {
        return retain.clone();
    }

    @Override
    public double[] test() {
        return test.clone();
    }
}
