package org.lethe.ui.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.lethe.engine.evaluation.EvaluatedModel;
import org.lethe.engine.evaluation.ModelMetrics;
import org.lethe.engine.evaluation.metric.UnlearningWarning;
import org.lethe.engine.experiment.Comparison;
import org.lethe.engine.experiment.RunWarnings;

/**
 * One line of the metrics table. Percentages and distances are null where they do not apply
 * (distances before a retrained model exists); {@code avgGap} and {@code speedup} are NaN then.
 *
 * @param label the model's label
 * @param methodId registry id, {@code original} or {@code retrain}
 * @param forget forget-set accuracy (%)
 * @param retain retain accuracy (%)
 * @param test test accuracy (%)
 * @param miaAuc membership-inference AUC (%)
 * @param miaEfficacy MIA-efficacy (%)
 * @param l2 parameter L2 distance to the retrained model
 * @param kl forget-set KL divergence from the retrained model
 * @param avgGap Avg Gap to the retrained model (points)
 * @param seconds wall time of the run (training time for the original)
 * @param speedup retrain time over this run's time
 * @param warnings short names of the warnings ("collapse", "no-op", "over-forgetting", "diverged")
 * @param sentences the warnings as sentences, in the same order
 * @param rmiaAuc RMIA forget-vs-test AUC (%), null without reference models
 * @param tprAt1Fpr RMIA true-positive rate at 1% false positives (%), null without reference models
 * @param tprAt01Fpr RMIA true-positive rate at 0.1% false positives (%), null without reference models
 */
public record MetricRow(String label, String methodId, double forget, double retain, double test, Double miaAuc,
        Double miaEfficacy, Double l2, Double kl, double avgGap, double seconds, double speedup,
        List<String> warnings, List<String> sentences, Double rmiaAuc, Double tprAt1Fpr, Double tprAt01Fpr) {

    public MetricRow {
        Objects.requireNonNull(label, "label");
        warnings = List.copyOf(warnings);
        sentences = List.copyOf(sentences);
        if (warnings.size() != sentences.size()) {
            throw new IllegalArgumentException(warnings.size() + " warning names for " + sentences.size()
                    + " sentences, expected one name per sentence");
        }
    }

    /** The table of {@code comparison}, in the order of its rows. */
    public static List<MetricRow> of(Comparison comparison) {
        List<MetricRow> out = new ArrayList<>();
        for (Comparison.Row row : comparison.rows()) {
            out.add(of(row));
        }
        return out;
    }

    /** One row, with a "diverged" warning added when the model's outputs were not finite. */
    public static MetricRow of(Comparison.Row row) {
        EvaluatedModel e = row.evaluated();
        ModelMetrics m = e.metrics();
        List<String> names = new ArrayList<>();
        List<String> sentences = new ArrayList<>();
        boolean unlearned = !row.methodId().equals("original") && !row.methodId().equals("retrain");
        if (unlearned && (e.forget().nonFiniteRows() > 0 || e.test().nonFiniteRows() > 0)) {
            names.add("diverged");
            sentences.add(RunWarnings.DIVERGED);
        }
        for (UnlearningWarning w : row.warnings()) {
            names.add(shortName(w));
            sentences.add(w.sentence());
        }
        return new MetricRow(row.label(), row.methodId(), m.forgetAccuracy(), m.retainAccuracy(), m.testAccuracy(),
                m.miaAuc(), m.miaEfficacy(), m.l2ToRetrained(), m.klToRetrained(), row.avgGap(), row.seconds(),
                row.speedup(), names, sentences, m.rmiaAuc(), m.tprAt1Fpr(), m.tprAt01Fpr());
    }

    /** The badge text of a warning. */
    public static String shortName(UnlearningWarning warning) {
        return switch (warning) {
            case COLLAPSE -> "collapse";
            case NO_OP -> "no-op";
            case OVER_FORGETTING -> "over-forgetting";
        };
    }

    /** Whether any warning applies. */
    public boolean warned() {
        return !warnings.isEmpty();
    }

    /** The warnings' sentences, one per line, for a tooltip. */
    public String warningText() {
        return String.join("\n", sentences);
    }

    /** A number for a cell: {@code decimals} decimals, "–" when missing. */
    public static String format(Double value, int decimals) {
        return value == null || !Double.isFinite(value) ? "\u2013"
                : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** A speed-up for a cell, e.g. "×12.5", "–" when missing. */
    public static String formatSpeedup(double value) {
        return Double.isFinite(value) ? "\u00d7" + format(value, value >= 100 ? 0 : 1) : "\u2013";
    }
}
