package org.lethe.ui.compare;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.jfree.chart.JFreeChart;
import org.lethe.engine.evaluation.EvaluatedModel;
import org.lethe.engine.experiment.Comparison;
import org.lethe.viz.ChartInputs;
import org.lethe.viz.ChartStyle;
import org.lethe.viz.PerSampleScatterChart;
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
 * belong to no thread) runs on one <em>worker</em> thread ({@link ChartPlanner}); the result is
 * handed to the <em>apply</em> executor (the FX thread, {@link ChartHandOver}), which only swaps
 * new charts into {@link #chartProperty} or adds prepared inputs to the live charts, one chart per
 * turn. Requests that arrive while the worker is busy are folded into the newest, so a burst of
 * comparisons ends with the last one shown. Exports and reports on other threads use
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

    /** What {@link #update} was last asked for. */
    private record Request(Comparison comparison, String scatterModel) { }

    private final ChartStyle style;
    private final Executor worker;
    private final Executor apply;
    private final Map<DashboardChart, ReadOnlyObjectWrapper<JFreeChart>> charts = new EnumMap<>(DashboardChart.class);
    private final AtomicReference<Request> pending = new AtomicReference<>();
    private final ChartPlanner planner;
    private final ChartHandOver handOver;

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
        this.planner = new ChartPlanner(style);
        this.handOver = new ChartHandOver(apply, (kind, chart) -> charts.get(kind).set(chart));
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
        worker.execute(() -> apply.execute(() -> handOver.completeWhenSettled(done)));
        return done;
    }

    /** The names of the threads that built chart objects or computed their inputs. For tests. */
    Set<String> builtOn() {
        return planner.builtOn();
    }

    /** The model the scatter shows against the original, or null when there is none. */
    public EvaluatedModel scatterModel() {
        return handOver.scatterOther();
    }

    /**
     * The sample behind item {@code item} of the scatter's series {@code seriesKey} ("Forget",
     * "Retain" or "Test"), if that point exists.
     */
    public Optional<PlottedSample> scatterSample(String seriesKey, int item) {
        EvaluatedModel original = handOver.scatterOriginal();
        EvaluatedModel other = handOver.scatterOther();
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
        return planner.rebuilds();
    }

    /** How many models were added to the live charts without a rebuild. */
    int additions() {
        return planner.additions();
    }

    /** Worker: prepares the newest request, if no earlier task took it, and hands the result over. */
    private void prepareNewest() {
        Request request = pending.getAndSet(null);
        if (request == null) {
            return;
        }
        PreparedCharts result;
        try {
            result = planner.prepare(request.comparison(), request.scatterModel());
        } catch (RuntimeException e) {
            planner.forget();
            apply.execute(() -> {
                throw e;
            });
            return;
        }
        handOver.offer(result);
    }

    /** Builds one chart of each kind from made-up numbers and draws it into a small image ({@link ChartWarmUp}). */
    static void warmUp(ChartStyle style) {
        ChartWarmUp.run(style);
    }
}
