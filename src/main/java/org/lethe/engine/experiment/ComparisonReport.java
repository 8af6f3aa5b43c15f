package org.lethe.engine.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.lethe.engine.LetheException;
import org.lethe.engine.evaluation.EvaluatedModel;
import org.lethe.engine.evaluation.metric.MeanStd;

/**
 * Turns a live {@link Comparison} (as the workbench builds it, one model at a time) into the same
 * report a {@code lethe run} of one seed writes: a {@link ScenarioReport} plus the evaluated models
 * and class names its charts need, so {@link ReportFiles} and the HTML report treat both alike.
 * Each unlearned model becomes one "method" entry under its label.
 */
public final class ComparisonReport {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private ComparisonReport() {
    }

    /**
     * The report of {@code comparison}.
     *
     * @param name the report's title (the scenario name in {@code report.json})
     * @param description a paragraph for people
     * @param seed the seed the original was trained with (reports list it as the only seed)
     * @throws LetheException when the comparison has no retrained model yet (every number of the
     *     report is measured against it)
     */
    public static ScenarioRunner.Result of(Comparison comparison, String name, String description, long seed) {
        Objects.requireNonNull(comparison, "comparison");
        Objects.requireNonNull(name, "name");
        Comparison.Entry retrained = comparison.retrained().orElseThrow(() -> new LetheException(
                "cannot write a report of '" + name + "': it compares every model with the retrained one, "
                        + "and no Retrain run has finished yet; queue Retrain first"));
        EvaluatedModel original = comparison.original();
        List<Comparison.Row> rows = comparison.rows();
        double trainSeconds = rows.get(0).seconds();
        double retrainSeconds = retrained.result().seconds();
        List<ScenarioReport.RunRecord> runs = new ArrayList<>();
        List<ScenarioReport.MethodSummary> methods = new ArrayList<>();
        for (Comparison.Entry entry : comparison.unlearned()) {
            Comparison.Row row = rows.stream().filter(r -> r.label().equals(entry.label())).findFirst().orElseThrow();
            List<String> warnings = RunWarnings.of(entry.evaluated(), original.metrics(), retrained.evaluated().metrics());
            runs.add(new ScenarioReport.RunRecord(entry.result().method(), entry.label(), row.seconds(), row.avgGap(),
                    entry.evaluated().metrics(), warnings, entry.result().figures()));
            methods.add(new ScenarioReport.MethodSummary(entry.result().method(), entry.label(),
                    params(entry.result().params()), MeanStd.of(row.avgGap()), row.seconds(), retrainSeconds,
                    row.speedup(), entry.result().peakExtraBytes(), Map.of("unlearned", entry.evaluated().metrics()),
                    List.copyOf(warnings)));
        }
        ScenarioReport.SeedRecord perSeed = new ScenarioReport.SeedRecord(seed, comparison.splits().forget().size(),
                trainSeconds, retrainSeconds, original.metrics(), retrained.evaluated().metrics(), runs);
        ScenarioReport report = new ScenarioReport(name, description == null ? "" : description,
                comparison.splits().dataset().name(), comparison.splits().forgetSpec(), List.of(seed),
                original.metrics(), retrained.evaluated().metrics(), retrainSeconds, methods, List.of(perSeed));
        return new ScenarioRunner.Result(report, comparison.models(), comparison.splits().dataset().classNames());
    }

    private static JsonNode params(Record params) {
        return JSON.valueToTree(params);
    }
}
