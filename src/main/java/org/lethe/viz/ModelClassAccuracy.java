package org.lethe.viz;

import java.util.Objects;
import org.lethe.engine.evaluation.Predictions;

/**
 * One model's accuracy per class, in percent, as fed to {@link ClassAccuracyChart}.
 *
 * @param model the model's display name
 * @param percent accuracy of each class in percent (NaN for a class without samples); copied
 */
public record ModelClassAccuracy(String model, double[] percent) {

    /** Copies the array and checks the name. */
    public ModelClassAccuracy {
        Charts.requireName(model, "model");
        percent = Objects.requireNonNull(percent, "percent").clone();
    }

    /** Per-class accuracy of {@code predictions} (fractions turned into percent). */
    public static ModelClassAccuracy of(String model, Predictions predictions) {
        double[] acc = predictions.perClassAccuracy();
        for (int k = 0; k < acc.length; k++) {
            acc[k] *= 100;
        }
        return new ModelClassAccuracy(model, acc);
    }

    /** Number of classes. */
    public int classCount() {
        return percent.length;
    }

    @Override
    public double[] percent() {
        return percent.clone();
    }
}
