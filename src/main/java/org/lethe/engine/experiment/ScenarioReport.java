package org.lethe.engine.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.lethe.engine.evaluation.ModelMetrics;
import org.lethe.engine.evaluation.metric.MeanStd;

/**
 * What {@code lethe run} writes to {@code report.json}. Field names are stable: scripts depend on
 * them. Metrics are means over seeds; {@code perSeed} keeps every run.
 *
 * @param scenario the scenario's name
 * @param description the scenario's description
 * @param dataset the dataset's name
 * @param forget the forget-set spec
 * @param seeds the seeds
 * @param original the original model's metrics
 * @param retrained the retrained model's metrics
 * @param retrainSeconds mean retrain wall time
 * @param methods one entry per method
 * @param perSeed every seed's numbers
 */
public record ScenarioReport(String scenario, String description, String dataset, String forget, List<Long> seeds,
        ModelMetrics original, ModelMetrics retrained, double retrainSeconds, List<MethodSummary> methods,
        List<SeedRecord> perSeed) {

    /**
     * One method over all seeds.
     *
     * @param method registry id
     * @param label display label
     * @param params the parameters (of the first seed)
     * @param avgGap mean absolute gap to Retrain over forget/retain/test accuracy and MIA AUC, mean and std over seeds
     * @param seconds mean wall time
     * @param retrainSeconds mean retrain wall time
     * @param speedup retrainSeconds / seconds
     * @param peakExtraBytes largest extra memory over the seeds
     * @param models {@code {"unlearned": metrics}}
     * @param warnings warnings raised in any seed
     */
    public record MethodSummary(String method, String label, JsonNode params, MeanStd avgGap, double seconds,
            double retrainSeconds, double speedup, long peakExtraBytes, Map<String, ModelMetrics> models,
            List<String> warnings) { }

    /**
     * One seed.
     *
     * @param seed the seed
     * @param forgetCount samples in the forget set
     * @param trainSeconds time to train the original
     * @param retrainSeconds time to retrain
     * @param original the original's metrics
     * @param retrained the retrained model's metrics
     * @param runs the methods' runs
     */
    public record SeedRecord(long seed, int forgetCount, double trainSeconds, double retrainSeconds,
            ModelMetrics original, ModelMetrics retrained, List<RunRecord> runs) { }

    /**
     * One method run.
     *
     * @param method registry id
     * @param label display label
     * @param seconds wall time
     * @param avgGap gap to this seed's retrained model
     * @param metrics the unlearned model's metrics
     * @param warnings warnings computed from the numbers
     * @param figures the method's own numbers
     */
    public record RunRecord(String method, String label, double seconds, double avgGap, ModelMetrics metrics,
            List<String> warnings, Map<String, Double> figures) { }
}
