package org.lethe.ui.compare;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import org.jfree.chart.JFreeChart;
import org.lethe.engine.evaluation.EvaluatedModel;
import org.lethe.ui.compare.PreparedCharts.Replacement;
import org.lethe.ui.compare.PreparedCharts.ScatterChange;

/**
 * Brings what the chart worker prepared onto the screen, on the <em>apply</em> executor (the FX
 * thread). Results that queued up are merged first (a rebuild drops what was prepared before it,
 * appended models accumulate, the newest replacement of a chart wins), so each shown chart is
 * redrawn at most once; then the charts change one per turn of the apply executor, so that the FX
 * thread can render a frame between two redraws instead of drawing all of them in one pulse.
 *
 * <p>Appended models go into the live charts with their change events held back, and each chart
 * then sends one (a JFreeChart viewer redraws its whole chart on every change event).
 */
final class ChartHandOver {

    private final Executor apply;
    private final BiConsumer<DashboardChart, JFreeChart> show;
    private final ConcurrentLinkedQueue<PreparedCharts> prepared = new ConcurrentLinkedQueue<>();
    // owned by the apply executor
    private ModelChartSet live;
    private final ArrayDeque<Runnable> steps = new ArrayDeque<>();
    private boolean stepScheduled;
    private EvaluatedModel scatterOriginal;
    private EvaluatedModel scatterOther;

    /**
     * @param apply runs the hand-over in submission order: the thread that owns the shown charts
     * @param show puts a chart (or null: none) on screen for its kind; called on {@code apply}
     */
    ChartHandOver(Executor apply, BiConsumer<DashboardChart, JFreeChart> show) {
        this.apply = Objects.requireNonNull(apply, "apply");
        this.show = Objects.requireNonNull(show, "show");
    }

    /** Any thread: queues {@code result} and asks the apply executor to show it. */
    void offer(PreparedCharts result) {
        prepared.add(result);
        apply.execute(this::showPrepared);
    }

    /** Apply executor: the original of the shown scatter, or null. */
    EvaluatedModel scatterOriginal() {
        return scatterOriginal;
    }

    /** Apply executor: the model the shown scatter sets against the original, or null. */
    EvaluatedModel scatterOther() {
        return scatterOther;
    }

    /** Apply executor: completes {@code done} once no chart change is waiting. */
    void completeWhenSettled(CompletableFuture<Void> done) {
        if (steps.isEmpty()) {
            done.complete(null);
        } else {
            apply.execute(() -> completeWhenSettled(done));
        }
    }

    /** Apply executor: merges everything prepared so far and starts changing the charts. */
    private void showPrepared() {
        finishSteps(); // what an earlier result left undone goes first: the order of changes holds
        ModelChartSet rebuilt = null;
        List<ModelInputs> appended = new ArrayList<>();
        Replacement rmia = null;
        Replacement cost = null;
        ScatterChange scatter = null;
        boolean any = false;
        for (PreparedCharts p = prepared.poll(); p != null; p = prepared.poll()) {
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
            ModelChartSet fresh = rebuilt;
            steps.add(() -> show.accept(DashboardChart.ACCURACY, fresh.accuracy.chart()));
            steps.add(() -> show.accept(DashboardChart.CONFIDENCE, fresh.confidence.chart()));
            steps.add(() -> show.accept(DashboardChart.MIA_ROC, fresh.roc.chart()));
            steps.add(() -> show.accept(DashboardChart.CLASS_ACCURACY, fresh.classes.chart()));
        } else if (!appended.isEmpty()) {
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
            steps.add(() -> show.accept(DashboardChart.COST_GAP, chart));
        }
        if (scatter != null) {
            ScatterChange change = scatter;
            steps.add(() -> {
                scatterOriginal = change.original();
                scatterOther = change.other();
                show.accept(DashboardChart.SCATTER, change.chart());
            });
        }
        if (rmia != null) {
            JFreeChart chart = rmia.chart();
            steps.add(() -> show.accept(DashboardChart.RMIA_ROC, chart));
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
}
