package org.lethe.viz;

import java.util.Objects;
import org.lethe.engine.experiment.SplitAccuracies;

/**
 * One model's forget / retain / test accuracy, as fed to {@link AccuracyBarChart}.
 *
 * @param model the model's display name ("Original", "Retrain", "SalUn", ...)
 * @param accuracies its accuracies in percent (NaN for an empty split)
 */
public record ModelAccuracies(String model, SplitAccuracies accuracies) {

    /** Checks that both parts are present and the name is not blank. */
    public ModelAccuracies {
        Charts.requireName(model, "model");
        Objects.requireNonNull(accuracies, "accuracies");
    }

    /** Accuracy on {@code split}, in percent. */
    public double percent(Split split) {
        return switch (split) {
            case FORGET -> accuracies.forgetAccuracy();
            case RETAIN -> accuracies.retainAccuracy();
            case TEST -> accuracies.testAccuracy();
        };
    }
}
