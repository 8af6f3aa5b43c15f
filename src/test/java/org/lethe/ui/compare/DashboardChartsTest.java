package org.lethe.ui.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executor;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.junit.jupiter.api.Test;
import org.lethe.engine.experiment.Comparison;
import org.lethe.engine.experiment.ComparisonFixture;
import org.lethe.viz.ChartStyle;

/**
 * The hand-over between the dashboard's chart worker and the thread that shows the charts, driven
 * step by step through two hand-run executors: requests that pile up before the worker gets to
 * them are folded into the newest, results that pile up before the FX thread gets to them are
 * merged, and either way the charts end with the last comparison and the chosen scatter model.
 */
class DashboardChartsTest {

    /** An executor that only queues; the test runs the tasks when it wants. */
    private static final class HandRun implements Executor {
        private final Deque<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void runOne() {
            tasks.poll().run();
        }

        int runAll() {
            int n = 0;
            for (Runnable t = tasks.poll(); t != null; t = tasks.poll()) {
                t.run();
                n++;
            }
            return n;
        }
    }

    private final HandRun worker = new HandRun();
    private final HandRun fx = new HandRun();
    private final DashboardCharts charts = new DashboardCharts(ChartStyle.standard(), worker, fx);

    private static List<String> bars(JFreeChart chart) {
        return ((CategoryPlot) chart.getPlot()).getDataset().getRowKeys().stream().map(Object::toString).toList();
    }

    private List<DashboardChart> shownKinds() {
        return java.util.Arrays.stream(DashboardChart.values()).filter(k -> charts.chart(k) != null).toList();
    }

    @Test
    void aBurstOfComparisonsIsFoldedIntoTheNewestWithTheChosenScatter() {
        Comparison full = ComparisonFixture.full();
        charts.update(ComparisonFixture.start(), null);
        charts.update(ComparisonFixture.withRetrain(), null);
        charts.update(full.without("Retrain"), null);
        charts.update(full, "Retrain");
        assertThat(charts.chart(DashboardChart.ACCURACY)).as("nothing shown before the worker ran").isNull();

        assertThat(worker.runAll()).isEqualTo(4);
        // one task prepared the newest request, the three others found nothing left to do
        assertThat(charts.rebuilds()).isEqualTo(1);
        assertThat(charts.additions()).isZero();
        assertThat(charts.chart(DashboardChart.ACCURACY)).as("nothing shown before the FX thread ran").isNull();
        // one chart per turn of the FX thread
        fx.runOne();
        assertThat(shownKinds()).containsExactly(DashboardChart.ACCURACY);
        fx.runOne();
        assertThat(shownKinds()).containsExactly(DashboardChart.ACCURACY, DashboardChart.CONFIDENCE);
        assertThat(fx.runAll()).isEqualTo(5); // MIA ROC, class accuracy, cost, scatter, RMIA ROC (none)
        assertThat(shownKinds()).hasSize(6).doesNotContain(DashboardChart.RMIA_ROC);

        assertThat(bars(charts.chart(DashboardChart.ACCURACY))).containsExactly("Original", "Retrain", "FT");
        assertThat(charts.chart(DashboardChart.SCATTER).getTitle().getText()).endsWith("Original vs Retrain");
        assertThat(charts.scatterModel().name()).isEqualTo("Retrain");
        assertThat(charts.chart(DashboardChart.COST_GAP)).isNotNull();
    }

    @Test
    void resultsThatQueueUpBeforeTheFxThreadRunsAreMergedIntoOneChangePerChart() {
        List<JFreeChart> shownAccuracy = new ArrayList<>();
        List<Integer> rowsWhenShown = new ArrayList<>();
        charts.chartProperty(DashboardChart.ACCURACY).addListener((obs, old, now) -> {
            shownAccuracy.add(now);
            rowsWhenShown.add(bars(now).size());
        });
        List<JFreeChart> shownScatter = new ArrayList<>();
        charts.chartProperty(DashboardChart.SCATTER).addListener((obs, old, now) -> shownScatter.add(now));

        // the worker keeps up, the FX thread does not: three results wait for it
        charts.update(ComparisonFixture.start(), null);
        worker.runAll();
        charts.update(ComparisonFixture.withRetrain(), null);
        worker.runAll();
        charts.update(ComparisonFixture.full(), null);
        worker.runAll();
        assertThat(charts.rebuilds()).isEqualTo(1);
        assertThat(charts.additions()).isEqualTo(2);
        fx.runAll();

        // the fresh charts got the two later models before they were shown, and were shown once
        assertThat(shownAccuracy).hasSize(1);
        assertThat(rowsWhenShown).containsExactly(3);
        assertThat(((CombinedDomainXYPlot) charts.chart(DashboardChart.CONFIDENCE).getPlot()).getSubplots())
                .hasSize(3);
        assertThat(shownScatter).hasSize(1);
        assertThat(shownScatter.get(0).getTitle().getText()).endsWith("Original vs FT");

        // appending to charts that are shown: one change event per chart, however much the style changes
        JFreeChart accuracy = charts.chart(DashboardChart.ACCURACY);
        int[] events = new int[1];
        accuracy.addChangeListener(e -> events[0]++);
        charts.update(ComparisonFixture.full().without("FT"), null); // a removal: rebuilt, new chart objects
        worker.runAll();
        fx.runAll();
        assertThat(events[0]).isZero();
        assertThat(charts.chart(DashboardChart.ACCURACY)).isNotSameAs(accuracy);
        JFreeChart rebuilt = charts.chart(DashboardChart.ACCURACY);
        rebuilt.addChangeListener(e -> events[0]++);
        charts.update(ComparisonFixture.full(), null);
        worker.runAll();
        fx.runAll();
        assertThat(charts.chart(DashboardChart.ACCURACY)).isSameAs(rebuilt);
        assertThat(bars(rebuilt)).containsExactly("Original", "Retrain", "FT");
        assertThat(events[0]).isEqualTo(1);
    }

    @Test
    void buildMakesAFreshChartOnTheCallingThread() {
        Comparison full = ComparisonFixture.full();
        JFreeChart scatter = DashboardCharts.build(DashboardChart.SCATTER, full, "Retrain", ChartStyle.standard());
        assertThat(scatter.getTitle().getText()).endsWith("Original vs Retrain");
        JFreeChart accuracy = DashboardCharts.build(DashboardChart.ACCURACY, full, null, ChartStyle.standard());
        assertThat(bars(accuracy)).containsExactly("Original", "Retrain", "FT");
    }

    @Test
    void warmingUpBuildsAndDrawsEveryKindOfChart() {
        DashboardCharts.warmUp(ChartStyle.projector());
        charts.prewarm();
        assertThat(worker.runAll()).isEqualTo(1);
        assertThat(fx.runAll()).isZero();
    }
}
