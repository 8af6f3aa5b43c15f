package org.lethe.engine.experiment;

import java.util.ArrayList;
import java.util.List;
import org.lethe.engine.evaluation.EvaluatedModel;
import org.lethe.engine.evaluation.ModelMetrics;
import org.lethe.engine.evaluation.metric.UnlearningWarnings;
import org.lethe.engine.experiment.sweep.ScenarioSettings;

/** The warnings that reports, the CLI and the dashboard print for an unlearned model, as sentences. */
public final class RunWarnings {

    /** The sentence of the warning that a model's outputs were not finite numbers. */
    public static final String DIVERGED = "Diverged: the model's outputs are not finite numbers (scored as uniform"
            + " guesses); lower the learning rate or the number of epochs.";

    private RunWarnings() {
    }

    /**
     * {@link #DIVERGED} first when the model's outputs were not finite, then the sentences of
     * {@link UnlearningWarnings#check}.
     *
     * @param retrained the retrained model, or null when there is none
     */
    public static List<String> of(EvaluatedModel unlearned, ModelMetrics original, ModelMetrics retrained) {
        List<String> out = new ArrayList<>();
        if (unlearned.test().nonFiniteRows() > 0 || unlearned.forget().nonFiniteRows() > 0) {
            out.add(DIVERGED);
        }
        UnlearningWarnings.check(ScenarioSettings.scores(unlearned.metrics()),
                ScenarioSettings.scores(original),
                retrained == null ? null : ScenarioSettings.scores(retrained))
                .forEach(w -> out.add(w.sentence()));
        return out;
    }
}
