package org.lethe.engine.experiment;

import java.util.Objects;
import org.lethe.engine.unlearning.UnlearningResult;

/**
 * One method run next to the retrained reference, with the three models' accuracies.
 *
 * @param unlearned the method's result
 * @param retrained the retrain's result
 * @param original the original's accuracies
 * @param retrainedAccuracies the retrained model's accuracies
 * @param unlearnedAccuracies the unlearned model's accuracies
 */
public record UnlearningOutcome(UnlearningResult unlearned, UnlearningResult retrained, SplitAccuracies original,
        SplitAccuracies retrainedAccuracies, SplitAccuracies unlearnedAccuracies) {

    public UnlearningOutcome {
        Objects.requireNonNull(unlearned, "unlearned");
        Objects.requireNonNull(retrained, "retrained");
    }

    /** Unlearning time relative to the retrain's (retrain seconds / method seconds). */
    public double speedup() {
        return retrained.seconds() / unlearned.seconds();
    }
}
