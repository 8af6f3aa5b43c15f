package org.lethe.engine.evaluation.mia;

import java.util.Locale;
import java.util.Objects;
import org.lethe.engine.evaluation.metric.MetricInputException;

/**
 * The outcome of one membership-inference evaluation.
 *
 * @param attack which attack, e.g. "threshold (confidence)", "MIA-efficacy (SVC)", "RMIA"
 * @param measure what {@code value} is
 * @param value the number as a fraction in [0, 1] (see {@link #percent()})
 * @param samples how many target samples the number is about
 * @param meaning one sentence saying what the number means for these samples
 */
public record MiaResult(String attack, Measure measure, double value, int samples, String meaning) {

    /** What a result's value measures. */
    public enum Measure {
        /** ROC-AUC of the attack's score, members against non-members; 0.5 is chance. */
        AUC,
        /** Share of the targets predicted to be members. */
        MEMBER_RATE,
        /** Share of the targets predicted to be non-members. */
        NON_MEMBER_RATE
    }

    /** Checks the fields. */
    public MiaResult {
        Objects.requireNonNull(attack, "attack");
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(meaning, "meaning");
        if (!(value >= 0 && value <= 1)) {
            throw new MetricInputException(attack + ": result " + value + ", expected a fraction in [0, 1]");
        }
        if (samples < 0) {
            throw new MetricInputException(attack + ": " + samples + " samples, expected a count ≥ 0");
        }
    }

    /** The value in percent. */
    public double percent() {
        return value * 100.0;
    }

    /** E.g. "RMIA: AUC 50.18% (1000 samples), meaning". */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: %s %.2f%% (%d samples), %s", attack, measure, percent(),
                samples, meaning);
    }
}
