package org.lethe.ui.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.lethe.engine.evaluation.EvaluatedModel;
import org.lethe.engine.evaluation.Predictions;
import org.lethe.engine.experiment.Comparison;
import org.lethe.ui.compare.PreparedCharts.Replacement;
import org.lethe.ui.compare.PreparedCharts.ScatterChange;
import org.lethe.viz.ChartInputs;
import org.lethe.viz.ChartStyle;
import org.lethe.viz.CostGapChart;
import org.lethe.viz.MethodCost;
import org.lethe.viz.PerSampleScatterChart;
import org.lethe.viz.RocChart;
import org.lethe.viz.ScoreKind;

/**
 * The chart worker's side of the dashboard: remembers what the charts show (or will show once the
 * prepared results are applied) and, for each new comparison, works out the least that has to
 * change. Models appended to the shown ones only add their inputs; removed, replaced or
 * re-ordered models rebuild the model charts; the cost chart, the RMIA ROC and the scatter are
 * rebuilt when their inputs change. Used by one thread at a time (the worker).
 */
final class ChartPlanner {

    /** A model as the charts see it: its name and its predictions (compared by identity). */
    private record ModelKey(String name, Predictions forget, Predictions retain, Predictions test) {

        static ModelKey of(EvaluatedModel m) {
            return new ModelKey(m.name(), m.forget(), m.retain(), m.test());
        }
    }

    private final ChartStyle style;
    private final AtomicInteger rebuilds = new AtomicInteger();
    private final AtomicInteger additions = new AtomicInteger();
    private final Set<String> builtOn = ConcurrentHashMap.newKeySet();
    private List<ModelKey> shown = List.of();
    private List<String> classNames;
    private List<Object> costKey;
    private List<Object> rmiaKey;
    private List<Object> scatterKey = List.of();

    ChartPlanner(ChartStyle style) {
        this.style = Objects.requireNonNull(style, "style");
    }

    /** Drops what is known about the shown charts: the next comparison rebuilds them all. */
    void forget() {
        shown = List.of();
        classNames = null;
        costKey = null;
        rmiaKey = null;
        scatterKey = List.of();
    }

    /** How many times the model charts were rebuilt from scratch. */
    int rebuilds() {
        return rebuilds.get();
    }

    /** How many models were added to the live model charts without a rebuild. */
    int additions() {
        return additions.get();
    }

    /** The names of the threads that built charts or computed their inputs. */
    Set<String> builtOn() {
        return Set.copyOf(builtOn);
    }

    /**
     * The changes that bring the charts from what they show to {@code comparison}.
     *
     * @param scatterModel the model the scatter sets against the original (null or unknown: the last one)
     */
    PreparedCharts prepare(Comparison comparison, String scatterModel) {
        builtOn.add(Thread.currentThread().getName());
        List<EvaluatedModel> models = comparison.models();
        List<ModelKey> keys = models.stream().map(ModelKey::of).toList();
        List<String> names = comparison.splits().dataset().classNames();
        ModelChartSet rebuilt = null;
        List<ModelInputs> appended = List.of();
        if (!names.equals(classNames) || keys.size() < shown.size()
                || !keys.subList(0, shown.size()).equals(shown)) {
            rebuilt = new ModelChartSet(names, style);
            for (EvaluatedModel m : models) {
                rebuilt.add(ModelInputs.of(m));
            }
            classNames = names;
            rebuilds.incrementAndGet();
        } else {
            appended = models.subList(shown.size(), models.size()).stream().map(ModelInputs::of).toList();
            additions.addAndGet(appended.size());
        }
        shown = keys;
        return new PreparedCharts(rebuilt, appended, rmia(models), cost(comparison), scatter(models, scatterModel));
    }

    /** The RMIA ROC on log-log axes when every model has one (reference models), else none. */
    private Replacement rmia(List<EvaluatedModel> models) {
        List<Object> key = new ArrayList<>();
        for (EvaluatedModel m : models) {
            key.add(m.name());
            key.add(m.rmiaRoc());
        }
        if (key.equals(rmiaKey)) {
            return null;
        }
        rmiaKey = key;
        if (models.isEmpty() || models.stream().anyMatch(m -> m.rmiaRoc() == null)) {
            return new Replacement(null);
        }
        RocChart rmia = RocChart.logLog(DashboardCharts.RMIA_MIN_RATE, style);
        for (EvaluatedModel m : models) {
            rmia.add(ChartInputs.displayName(m.name()), m.rmiaRoc());
        }
        rmia.chart().setTitle("RMIA ROC, forget vs test (log-log)");
        return new Replacement(rmia.chart());
    }

    /** Unlearning time against Avg Gap for every method but the original and the retrain. */
    private Replacement cost(Comparison comparison) {
        List<Object> key = new ArrayList<>();
        List<MethodCost> costs = new ArrayList<>();
        for (Comparison.Row row : comparison.rows()) {
            if (row.methodId().equals("original") || row.methodId().equals("retrain")) {
                continue;
            }
            key.add(List.of(row.label(), row.seconds(), row.avgGap()));
            if (row.seconds() > 0 && Double.isFinite(row.seconds()) && Double.isFinite(row.avgGap())) {
                costs.add(MethodCost.single(row.label(), row.seconds(), row.avgGap()));
            }
        }
        double retrainSeconds = comparison.retrained().map(e -> e.result().seconds()).orElse(Double.NaN);
        key.add(retrainSeconds);
        if (key.equals(costKey)) {
            return null;
        }
        costKey = key;
        CostGapChart cost = new CostGapChart(true, style);
        costs.forEach(cost::add);
        if (retrainSeconds > 0) {
            cost.markRetrainTime(retrainSeconds);
        }
        return new Replacement(cost.chart());
    }

    /** The original against the wanted model (or the last one), when there is a second model. */
    private ScatterChange scatter(List<EvaluatedModel> models, String wanted) {
        EvaluatedModel original = models.get(0);
        EvaluatedModel other = null;
        for (EvaluatedModel m : models.subList(1, models.size())) {
            if (m.name().equals(wanted)) {
                other = m;
            }
        }
        if (other == null && models.size() > 1) {
            other = models.get(models.size() - 1);
        }
        List<Object> key = other == null ? List.of() : List.of(ModelKey.of(original), ModelKey.of(other));
        if (key.equals(scatterKey) && !key.isEmpty()) {
            return null;
        }
        scatterKey = key;
        if (other == null) {
            return new ScatterChange(null, null, null);
        }
        return new ScatterChange(PerSampleScatterChart.create(ScoreKind.TRUE_CLASS_CONFIDENCE,
                ChartInputs.confidences(original), ChartInputs.confidences(other), style), original, other);
    }
}
