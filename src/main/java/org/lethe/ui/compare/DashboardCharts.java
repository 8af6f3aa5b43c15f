package org.lethe.ui.compare;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.jfree.chart.JFreeChart;
import org.lethe.engine.evaluation.EvaluatedModel;
import org.lethe.engine.evaluation.Predictions;
import org.lethe.engine.evaluation.metric.Roc;
import org.lethe.engine.experiment.Comparison;
import org.lethe.engine.experiment.SplitAccuracies;
import org.lethe.viz.AccuracyBarChart;
import org.lethe.viz.ChartInputs;
import org.lethe.viz.ChartStyle;
import org.lethe.viz.ClassAccuracyChart;
import org.lethe.viz.ConfidenceHistogramChart;
import org.lethe.viz.CostGapChart;
import org.lethe.viz.HistogramBins;
import org.lethe.viz.MethodCost;
import org.lethe.viz.ModelAccuracies;
import org.lethe.viz.ModelClassAccuracy;
import org.lethe.viz.ModelScores;
import org.lethe.viz.PerSampleScatterChart;
import org.lethe.viz.RocChart;
import org.lethe.viz.ScoreKind;
import org.lethe.viz.Split;

/**
 * The dashboard's charts, kept in step with a {@link Comparison}. When the new comparison only
 * appends models to the one shown, their bars, panels and curves are added to the live charts;
 * only when models were removed, replaced or re-ordered (the retrained model arriving after
 * others takes second place) are those charts rebuilt. The cost chart, the RMIA ROC and the
 * scatter are small and are rebuilt when their inputs change.
 *
 * <p>Threads: {@link #update} only records the newest request. The work (reading predictions,
 * computing the charts' inputs, building and styling new charts, which are not shown yet and so
 * belong to no thread) runs on one <em>worker</em> thread; the result is handed to the
 * <em>apply</em> executor (the FX thread), which only swaps the new charts into
 * {@link #chartProperty} or adds the prepared inputs to the live charts with their change events
 * held back, so that each shown chart is redrawn once per update (a JFreeChart viewer redraws on
 * every change event, and styling a chart fires dozens), one chart per turn of the FX thread so
 * that frames are rendered in between. Requests that arrive while the worker is
 * busy are folded into the newest, and results that queue up on the FX thread are merged, so a
 * burst of comparisons ends with the last one shown. Exports and reports on other threads use
 * {@link #build}, which does everything on the calling thread.
 */
public final class DashboardCharts {

    /** Lower end of the RMIA chart's log axes (the 0.1% false-positive rate of the table). */
    public static final double RMIA_MIN_RATE = 1e-3;

    /** Histogram bins per panel (true-class confidence, [0, 1]). */
    public static final int HISTOGRAM_BINS = 20;

    /** Name of the thread that builds the dashboard's charts. */
    public static final String WORKER_THREAD = "lethe-dashboard-charts";

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DashboardCharts.class);

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


    /** What {@link #update} was last asked for. */
    private record Request(Comparison comparison, String scatterModel) { }

    /** One model's inputs to the four model charts, computed on the worker. */
    private record ModelInputs(ModelAccuracies accuracies, ModelScores confidences, String name, Roc miaRoc,
            ModelClassAccuracy classAccuracy) {

        static ModelInputs of(EvaluatedModel m) {
            return new ModelInputs(ChartInputs.accuracies(m), ChartInputs.confidences(m),
                    ChartInputs.displayName(m.name()), ChartInputs.miaRoc(m), ChartInputs.testClassAccuracy(m));
        }
    }

    /** The four charts that show every model: accuracy, confidence histograms, MIA ROC, class accuracy. */
    private static final class ModelCharts {
        final AccuracyBarChart accuracy;
        final ConfidenceHistogramChart confidence;
        final RocChart roc;
        final ClassAccuracyChart classes;

        ModelCharts(List<String> classNames, ChartStyle style) {
            accuracy = new AccuracyBarChart(style);
            confidence = new ConfidenceHistogramChart(ScoreKind.TRUE_CLASS_CONFIDENCE,
                    HistogramBins.covering(ScoreKind.TRUE_CLASS_CONFIDENCE, HISTOGRAM_BINS), style);
            roc = RocChart.linear(style);
            classes = new ClassAccuracyChart(classNames, style);
        }

        void add(ModelInputs model) {
            accuracy.add(model.accuracies());
            confidence.add(model.confidences());
            roc.add(model.name(), model.miaRoc());
            classes.add(model.classAccuracy());
        }

        List<JFreeChart> charts() {
            return List.of(accuracy.chart(), confidence.chart(), roc.chart(), classes.chart());
        }
    }

    /** A chart that takes the place of the shown one (null: no chart). */
    private record Replacement(JFreeChart chart) { }

    /** A new scatter and the two models it sets against each other (both null: no scatter). */
    private record ScatterChange(JFreeChart chart, EvaluatedModel original, EvaluatedModel other) { }

    /**
     * What the worker prepared for the FX thread: fresh model charts or inputs to append to the live
     * ones, and replacements for the other charts (null: unchanged).
     */
    private record Prepared(ModelCharts rebuilt, List<ModelInputs> appended, Replacement rmia, Replacement cost,
            ScatterChange scatter) { }

    private final ChartStyle style;
    private final Executor worker;
    private final Executor apply;
    private final Map<DashboardChart, ReadOnlyObjectWrapper<JFreeChart>> charts = new EnumMap<>(DashboardChart.class);
    private final AtomicReference<Request> pending = new AtomicReference<>();
    private final ConcurrentLinkedQueue<Prepared> prepared = new ConcurrentLinkedQueue<>();
    private final Planner planner = new Planner();
    private final AtomicInteger rebuilds = new AtomicInteger();
    private final AtomicInteger additions = new AtomicInteger();
    private final Set<String> builtOn = ConcurrentHashMap.newKeySet();
    // owned by the apply executor (the FX thread)
    private ModelCharts live;
    private final ArrayDeque<Runnable> steps = new ArrayDeque<>();
    private boolean stepScheduled;
    private EvaluatedModel scatterOriginal;
    private EvaluatedModel scatterOther;

    /**
     * Empty charts in {@code style} that are built on their own worker thread ({@value #WORKER_THREAD},
     * a daemon that ends when idle) and shown on the FX thread.
     */
    public DashboardCharts(ChartStyle style) {
        this(style, newWorker(), Platform::runLater);
    }

    /**
     * Empty charts in {@code style}.
     *
     * @param worker runs the work in submission order, one task at a time (a single thread)
     * @param apply runs the hand-over in submission order: the thread that owns the shown charts
     */
    public DashboardCharts(ChartStyle style, Executor worker, Executor apply) {
        this.style = Objects.requireNonNull(style, "style");
        this.worker = Objects.requireNonNull(worker, "worker");
        this.apply = Objects.requireNonNull(apply, "apply");
        for (DashboardChart kind : DashboardChart.values()) {
            charts.put(kind, new ReadOnlyObjectWrapper<>(this, kind.fileStem()));
        }
    }

    private static Executor newWorker() {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, WORKER_THREAD);
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /**
     * A fresh, independent chart of {@code comparison}, built on the calling thread (for exports on
     * another thread).
     *
     * @param scatterModel the model the scatter sets against the original (null: the last one)
     */
    public static JFreeChart build(DashboardChart kind, Comparison comparison, String scatterModel, ChartStyle style) {
        DashboardCharts charts = new DashboardCharts(style, Runnable::run, Runnable::run);
        charts.update(comparison, scatterModel);
        return charts.chart(kind);
    }

    /** The chart currently shown for {@code kind}; a rebuild replaces it. Changes on the apply executor. */
    public ReadOnlyObjectProperty<JFreeChart> chartProperty(DashboardChart kind) {
        return charts.get(kind).getReadOnlyProperty();
    }

    /** The current chart of {@code kind} (null before the first comparison, or a scatter without a second model). */
    public JFreeChart chart(DashboardChart kind) {
        return charts.get(kind).get();
    }

    /**
     * Asks for the charts of {@code comparison}; null leaves them as they are. Returns at once: the
     * charts change later, on the apply executor, unless a newer request supersedes this one first.
     *
     * @param scatterModel the model the scatter sets against the original (null or unknown: the last one)
     */
    public void update(Comparison comparison, String scatterModel) {
        if (comparison == null) {
            return;
        }
        pending.set(new Request(comparison, scatterModel));
        worker.execute(this::prepareNewest);
    }

    /**
     * Builds and draws, off screen on the worker thread, one throwaway chart of each kind with
     * made-up numbers, so that the classes, fonts and styles the dashboard needs are loaded before
     * the first comparison arrives.
     */
    public void prewarm() {
        worker.execute(() -> {
            long start = System.nanoTime();
            try {
                warmUp(style);
                LOG.debug("dashboard charts warmed up in {} ms", (System.nanoTime() - start) / 1_000_000);
            } catch (RuntimeException e) {
                LOG.debug("warming up the dashboard charts failed", e);
            }
        });
    }

    /**
     * Completes once everything asked for so far is shown (the worker and the apply executor both
     * ran past it). For tests.
     */
    CompletableFuture<Void> idle() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        worker.execute(() -> apply.execute(() -> completeWhenSettled(done)));
        return done;
    }

    /** The names of the threads that built chart objects or computed their inputs. For tests. */
    Set<String> builtOn() {
        return Set.copyOf(builtOn);
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
        EvaluatedModel original = scatterOriginal;
        EvaluatedModel other = scatterOther;
        if (other == null) {
            return Optional.empty();
        }
        for (Split split : Split.values()) {
            if (split.label().equals(seriesKey)) {
                double[] x = ChartInputs.confidences(original).scores(split);
                double[] y = ChartInputs.confidences(other).scores(split);
                int[] plotted = PerSampleScatterChart.plottedSamples(x, y,
                        PerSampleScatterChart.DEFAULT_MAX_POINTS_PER_SPLIT);
                return item >= 0 && item < plotted.length
                        ? Optional.of(new PlottedSample(split, plotted[item], original, other))
                        : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** How many times the model charts were rebuilt from scratch. */
    int rebuilds() {
        return rebuilds.get();
    }

    /** How many models were added to the live charts without a rebuild. */
    int additions() {
        return additions.get();
    }

    /** Worker: prepares the newest request, if no earlier task took it, and hands the result over. */
    private void prepareNewest() {
        Request request = pending.getAndSet(null);
        if (request == null) {
            return;
        }
        Prepared result;
        try {
            result = planner.prepare(request.comparison(), request.scatterModel());
        } catch (RuntimeException e) {
            planner.forget();
            apply.execute(() -> {
                throw e;
            });
            return;
        }
        prepared.add(result);
        apply.execute(this::showPrepared);
    }

    /**
     * Apply executor: shows everything prepared so far. Results that queued up are merged (a
     * rebuild drops what was prepared before it, appended models accumulate, the newest replacement
     * of a chart wins), so each shown chart is redrawn at most once; and the charts change one per
     * turn of the apply executor (see {@link #runNextStep}), so that the FX thread can render a
     * frame between two redraws instead of drawing all of them in one pulse.
     */
    private void showPrepared() {
        finishSteps(); // what an earlier result left undone goes first: the order of changes holds
        ModelCharts rebuilt = null;
        List<ModelInputs> appended = new ArrayList<>();
        Replacement rmia = null;
        Replacement cost = null;
        ScatterChange scatter = null;
        boolean any = false;
        for (Prepared p = prepared.poll(); p != null; p = prepared.poll()) {
            any = true;
            if (p.rebuilt() != null) {
                rebuilt = p.rebuilt();
                appended.clear();
            }
            appended.addAll(p.appended());
            rmia = p.rmia() != null ? p.rmia() : rmia;
            cost = p.cost() != null ? p.cost() : cost;
            scatter = p.scatter() != null ? p.scatter() : scatter;
        }
        if (!any) {
            return;
        }
        if (rebuilt != null) {
            appended.forEach(rebuilt::add); // not shown yet: no redraws
            live = rebuilt;
            ModelCharts fresh = rebuilt;
            steps.add(() -> charts.get(DashboardChart.ACCURACY).set(fresh.accuracy.chart()));
            steps.add(() -> charts.get(DashboardChart.CONFIDENCE).set(fresh.confidence.chart()));
            steps.add(() -> charts.get(DashboardChart.MIA_ROC).set(fresh.roc.chart()));
            steps.add(() -> charts.get(DashboardChart.CLASS_ACCURACY).set(fresh.classes.chart()));
        } else if (!appended.isEmpty()) {
            // the data goes in with the change events held back; each chart then sends one (one redraw)
            List<JFreeChart> shown = live.charts();
            shown.forEach(c -> c.setNotify(false));
            try {
                appended.forEach(live::add);
            } finally {
                shown.forEach(c -> steps.add(() -> c.setNotify(true)));
            }
        }
        if (cost != null) {
            JFreeChart chart = cost.chart();
            steps.add(() -> charts.get(DashboardChart.COST_GAP).set(chart));
        }
        if (scatter != null) {
            ScatterChange change = scatter;
            steps.add(() -> {
                scatterOriginal = change.original();
                scatterOther = change.other();
                charts.get(DashboardChart.SCATTER).set(change.chart());
            });
        }
        if (rmia != null) {
            JFreeChart chart = rmia.chart();
            steps.add(() -> charts.get(DashboardChart.RMIA_ROC).set(chart));
        }
        runNextStep();
    }

    /** Apply executor: makes the next chart change and leaves the rest to a later turn. */
    private void runNextStep() {
        stepScheduled = false;
        Runnable step = steps.poll();
        if (step != null) {
            step.run();
        }
        if (!steps.isEmpty() && !stepScheduled) {
            stepScheduled = true;
            apply.execute(this::runNextStep);
        }
    }

    /** Apply executor: makes every chart change still waiting, now. */
    private void finishSteps() {
        for (Runnable step = steps.poll(); step != null; step = steps.poll()) {
            step.run();
        }
    }

    /** Apply executor: completes {@code done} once no chart change is waiting. */
    private void completeWhenSettled(CompletableFuture<Void> done) {
        if (steps.isEmpty()) {
            done.complete(null);
        } else {
            apply.execute(() -> completeWhenSettled(done));
        }
    }

    /** Worker-side state: what the charts show (or will, once the prepared results are applied). */
    private final class Planner {
        private List<ModelKey> shown = List.of();
        private List<String> classNames;
        private List<Object> costKey;
        private List<Object> rmiaKey;
        private List<Object> scatterKey = List.of();

        /** Drops what is known about the shown charts: the next request rebuilds them all. */
        void forget() {
            shown = List.of();
            classNames = null;
            costKey = null;
            rmiaKey = null;
            scatterKey = List.of();
        }

        Prepared prepare(Comparison comparison, String scatterModel) {
            builtOn.add(Thread.currentThread().getName());
            List<EvaluatedModel> models = comparison.models();
            List<ModelKey> keys = models.stream().map(ModelKey::of).toList();
            List<String> names = comparison.splits().dataset().classNames();
            ModelCharts rebuilt = null;
            List<ModelInputs> appended = List.of();
            if (!names.equals(classNames) || keys.size() < shown.size()
                    || !keys.subList(0, shown.size()).equals(shown)) {
                rebuilt = new ModelCharts(names, style);
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
            return new Prepared(rebuilt, appended, rmia(models), cost(comparison), scatter(models, scatterModel));
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
            RocChart rmia = RocChart.logLog(RMIA_MIN_RATE, style);
            for (EvaluatedModel m : models) {
                rmia.add(ChartInputs.displayName(m.name()), m.rmiaRoc());
            }
            rmia.chart().setTitle("RMIA ROC, forget vs test (log-log)");
            return new Replacement(rmia.chart());
        }

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

    /** Builds one chart of each kind from made-up numbers and draws it into a small image. */
    static void warmUp(ChartStyle style) {
        double[] a = {0.95, 0.62, 0.88, 0.31, 0.77, 0.54, 0.99, 0.12};
        double[] b = {0.41, 0.83, 0.27, 0.66, 0.92, 0.08, 0.58, 0.73};
        ModelScores first = new ModelScores("A", a, b, a);
        ModelScores second = new ModelScores("B", b, a, b);
        List<String> classes = ClassAccuracyChart.numberedClasses(10);
        ModelCharts models = new ModelCharts(classes, style);
        for (ModelScores s : List.of(first, second)) {
            models.add(new ModelInputs(new ModelAccuracies(s.model(), new SplitAccuracies(40, 90, 85)), s, s.model(),
                    Roc.of(s.forget(), s.test()), new ModelClassAccuracy(s.model(), new double[] {
                        91, 95, 88, 0, 87, 84, 90, 89, 82, 85})));
        }
        RocChart rmia = RocChart.logLog(RMIA_MIN_RATE, style);
        rmia.add("A", Roc.of(a, b));
        CostGapChart cost = new CostGapChart(true, style);
        cost.add(MethodCost.single("A", 2.5, 1.5));
        cost.markRetrainTime(30);
        List<JFreeChart> all = new ArrayList<>(models.charts());
        all.add(rmia.chart());
        all.add(cost.chart());
        all.add(PerSampleScatterChart.create(ScoreKind.TRUE_CLASS_CONFIDENCE, first, second, style));
        BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            for (JFreeChart chart : all) {
                chart.draw(g, new Rectangle2D.Double(0, 0, 320, 240));
            }
        } finally {
            g.dispose();
        }
    }
}
