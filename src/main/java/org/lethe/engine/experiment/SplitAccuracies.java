package org.lethe.engine.experiment;

import org.lethe.engine.evaluation.Predictions;
import org.lethe.engine.model.Network;
import org.lethe.engine.unlearning.DataSplits;

/**
 * A model's accuracy, in percent, on the forget, retain and test sets.
 *
 * @param forgetAccuracy on the forget set (AMUN's "unlearn accuracy"; SalUn's UA is 100 minus it)
 * @param retainAccuracy on the retain set
 * @param testAccuracy on the test set
 */
public record SplitAccuracies(double forgetAccuracy, double retainAccuracy, double testAccuracy) {

    /** Evaluates {@code network} on the three sets. */
    public static SplitAccuracies of(Network network, DataSplits splits) {
        return new SplitAccuracies(percent(network, splits.forget()), percent(network, splits.retain()),
                percent(network, splits.test()));
    }

    private static double percent(Network network, org.lethe.engine.data.IndexView view) {
        return view.isEmpty() ? Double.NaN : 100.0 * Predictions.compute(network, view).accuracy();
    }
}
