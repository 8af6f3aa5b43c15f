package org.lethe.ui.compare;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.jfree.chart.JFreeChart;
import org.lethe.engine.evaluation.EvaluatedModel;
import org.lethe.engine.evaluation.Predictions;
import org.lethe.engine.experiment.Comparison;
import org.lethe.viz.AccuracyBarChart;
import org.lethe.viz.ChartInputs;
import org.lethe.viz.ChartStyle;
import org.lethe.viz.ClassAccuracyChart;
import org.lethe.viz.ConfidenceHistogramChart;
import org.lethe.viz.CostGapChart;
import org.lethe.viz.HistogramBins;
import org.lethe.viz.MethodCost;
import org.lethe.viz.PerSampleScatterChart;
import org.lethe.viz.RocChart;
import org.lethe.viz.ScoreKind;
import org.lethe.viz.Split;

/**
 * The dashboard's charts, kept in step with a {@link Comparison}. When the new comparison only
 * appends models to the one shown, their bars, panels and curves are added to the live charts;
 * only when models were removed, replaced or re-ordered (the retrained model arriving after
 * others takes second place) are those charts rebuilt. The cost chart and the scatter are small and
 * are rebuilt when their inputs change. Not thread-safe: one instance per thread (the dashboard's
 * lives on the FX thread; exports build their own, see {@link #build}).
 */
public final class DashboardCharts {

    /** Lower end of the RMIA chart's log axes (the 0.1% false-positive rate of the table). */
    public static final double RMIA_MIN_RATE = 1e-3;

    /** Histogram bins per panel (true-class confidence, [0, 1]). */
    public static final int HISTOGRAM_BINS = 20;

    /** A model as charts see it: its name and its predictions (compared by identity). */
    private record ModelKey(String name, Predictions forget, Predictions retain, Predictions test) {

        static ModelKey of(EvaluatedModel m) {
            return new ModelKey(m.name(), m.forget(), m.retain(), m.test());
        }
    }

    /** A point of the scatter: the split and the position of its sample in that split's predictions. */
    public record PlottedSample(Split split, int position, EvaluatedModel original, EvaluatedModel other) {

        /** The sample's index in its dataset split (training split for forget/retain, test split for test). */
        public int sampleIndex() {
            Predictions p = switch (split) {
                case FORGET -> original.forget();
                case RETAIN -> original.retain();
                case TEST -> original.test();
            };
            return p.indices()[position];
        }
    }

    private final ChartStyle style;
    private final Map<DashboardChart, ReadOnlyObjectWrapper<JFreeChart>> charts = new EnumMap<>(DashboardChart.class);
    private List<ModelKey> shown = List.of();
    private List<String> classNames = List.of();
    private AccuracyBarChart accuracy;
    private ConfidenceHistogramChart confidence;
    private RocChart roc;
    private ClassAccuracyChart classes;
    private List<Object> costKey = List.of();
    private List<Object> rmiaKey = List.of();
    private List<Object> scatterKey = List.of();
    private EvaluatedModel scatterOriginal;
    private EvaluatedModel scatterOther;
    private int rebuilds;
    private int additions;

    /** Empty charts in {@code style}. */
    public DashboardCharts(ChartStyle style) {
        this.style = style;
        for (DashboardChart kind : DashboardChart.values()) {
            charts.put(kind, new ReadOnlyObjectWrapper<>(this, kind.fileStem()));
        }
    }

    /**
     * A fresh, independent chart of {@code comparison} (for exports on another thread).
     *
     * @param scatterModel the model the scatter sets against the original (null: the last one)
     */
    public static JFreeChart build(DashboardChart kind, Comparison comparison, String scatterModel, ChartStyle style) {
        DashboardCharts charts = new DashboardCharts(style);
        charts.update(comparison, scatterModel);
        return charts.chart(kind);
    }

    /** The chart currently shown for {@code kind}; a rebuild replaces it. */
    public ReadOnlyObjectProperty<JFreeChart> chartProperty(DashboardChart kind) {
        return charts.get(kind).getReadOnlyProperty();
    }

    /** The current chart of {@code kind} (null before the first comparison, or a scatter without a second model). */
    public JFreeChart chart(DashboardChart kind) {
        return charts.get(kind).get();
    }

    /**
     * Brings the charts up to {@code comparison}; null leaves them as they are.
     *
     * @param scatterModel the model the scatter sets against the original (null or unknown: the last one)
     */
    public void update(Comparison comparison, String scatterModel) {
        if (comparison == null) {
            return;
        }
        List<EvaluatedModel> models = comparison.models();
        List<ModelKey> keys = models.stream().map(ModelKey::of).toList();
        List<String> names = comparison.splits().dataset().classNames();
        if (accuracy == null || !names.equals(classNames) || keys.size() < shown.size()
                || !keys.subList(0, shown.size()).equals(shown)) {
            rebuild(models, names);
        } else {
            for (int i = shown.size(); i < models.size(); i++) {
                add(models.get(i));
                additions++;
            }
        }
        shown = keys;
        updateRmia(models);
        updateCost(comparison);
        updateScatter(models, scatterModel);
    }

    /** The model the scatter shows against the original, or null when there is none. */
    public EvaluatedModel scatterModel() {
        return scatterOther;
    }

    /**
     * The sample behind item {@code item} of the scatter's series {@code seriesKey} ("Forget",
     * "Retain" or "Test"), if that point exists.
     */
    public Optional<PlottedSample> scatterSample(String seriesKey, int item) {
        if (scatterOther == null) {
            return Optional.empty();
        }
        for (Split split : Split.values()) {
            if (split.label().equals(seriesKey)) {
                double[] x = ChartInputs.confidences(scatterOriginal).scores(split);
                double[] y = ChartInputs.confidences(scatterOther).scores(split);
                int[] plotted = PerSampleScatterChart.plottedSamples(x, y,
                        PerSampleScatterChart.DEFAULT_MAX_POINTS_PER_SPLIT);
                return item >= 0 && item < plotted.length
                        ? Optional.of(new PlottedSample(split, plotted[item], scatterOriginal, scatterOther))
                        : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** How many times the model charts were rebuilt from scratch. */
    int rebuilds() {
        return rebuilds;
    }

    /** How many models were added to the live charts without a rebuild. */
    int additions() {
        return additions;
    }

    private void rebuild(List<EvaluatedModel> models, List<String> names) {
        rebuilds++;
        classNames = names;
        accuracy = new AccuracyBarChart(style);
        confidence = new ConfidenceHistogramChart(ScoreKind.TRUE_CLASS_CONFIDENCE,
                HistogramBins.covering(ScoreKind.TRUE_CLASS_CONFIDENCE, HISTOGRAM_BINS), style);
        roc = RocChart.linear(style);
        classes = new ClassAccuracyChart(names, style);
        models.forEach(this::add);
        charts.get(DashboardChart.ACCURACY).set(accuracy.chart());
        charts.get(DashboardChart.CONFIDENCE).set(confidence.chart());
        charts.get(DashboardChart.MIA_ROC).set(roc.chart());
        charts.get(DashboardChart.CLASS_ACCURACY).set(classes.chart());
    }

    private void add(EvaluatedModel model) {
        accuracy.add(ChartInputs.accuracies(model));
        confidence.add(ChartInputs.confidences(model));
        roc.add(ChartInputs.displayName(model.name()), ChartInputs.miaRoc(model));
        classes.add(ChartInputs.testClassAccuracy(model));
    }

    /** The RMIA ROC on log-log axes when every model has one (reference models), else none. */
    private void updateRmia(List<EvaluatedModel> models) {
        List<Object> key = new ArrayList<>();
        for (EvaluatedModel m : models) {
            key.add(m.name());
            key.add(m.rmiaRoc());
        }
        if (key.equals(rmiaKey)) {
            return;
        }
        rmiaKey = key;
        if (models.isEmpty() || models.stream().anyMatch(m -> m.rmiaRoc() == null)) {
            charts.get(DashboardChart.RMIA_ROC).set(null);
            return;
        }
        RocChart rmia = RocChart.logLog(RMIA_MIN_RATE, style);
        for (EvaluatedModel m : models) {
            rmia.add(ChartInputs.displayName(m.name()), m.rmiaRoc());
        }
        rmia.chart().setTitle("RMIA ROC, forget vs test (log-log)");
        charts.get(DashboardChart.RMIA_ROC).set(rmia.chart());
    }

    private void updateCost(Comparison comparison) {
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
        if (key.equals(costKey) && chart(DashboardChart.COST_GAP) != null) {
            return;
        }
        costKey = key;
        CostGapChart cost = new CostGapChart(true, style);
        costs.forEach(cost::add);
        if (retrainSeconds > 0) {
            cost.markRetrainTime(retrainSeconds);
        }
        charts.get(DashboardChart.COST_GAP).set(cost.chart());
    }

    private void updateScatter(List<EvaluatedModel> models, String wanted) {
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
            return;
        }
        scatterKey = key;
        scatterOriginal = original;
        scatterOther = other;
        charts.get(DashboardChart.SCATTER).set(other == null ? null : PerSampleScatterChart.create(
                ScoreKind.TRUE_CLASS_CONFIDENCE, ChartInputs.confidences(original), ChartInputs.confidences(other),
                style));
    }
}
