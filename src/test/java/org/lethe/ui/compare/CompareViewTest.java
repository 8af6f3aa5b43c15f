package org.lethe.ui.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.entity.EntityCollection;
import org.jfree.chart.entity.XYItemEntity;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.evaluation.EvaluatedModel;
import org.lethe.engine.evaluation.ModelMetrics;
import org.lethe.engine.evaluation.Predictions;
import org.lethe.engine.evaluation.metric.UnlearningWarning;
import org.lethe.engine.experiment.Comparison;
import org.lethe.engine.experiment.ComparisonFixture;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.job.QueuedJobRunner;
import org.lethe.engine.unlearning.UnlearningFixture;
import org.lethe.engine.unlearning.UnlearningResult;
import org.lethe.ui.common.DialogService;
import org.lethe.ui.common.Themes;
import org.lethe.ui.common.UiServices;
import org.lethe.ui.inspector.ProbabilityBars;
import org.lethe.ui.jobs.JobTask;
import org.lethe.ui.workbench.Workbench;
import org.lethe.viz.AccuracyBarChart;
import org.lethe.viz.ChartExport;
import org.lethe.viz.ChartInputs;
import org.lethe.viz.PerSampleScatterChart;
import org.lethe.viz.RocChart;
import org.lethe.viz.Split;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The dashboard in a real scene, fed with a real comparison (original, Retrain, FT; class 3 forgotten). */
@ExtendWith(ApplicationExtension.class)
class CompareViewTest {

    private QueuedJobRunner jobs;
    private Workbench workbench;
    private CompareScreen screen;

    /** Params of a run that changed nothing. */
    private record Untouched() { }

    @Start
    void start(Stage stage) {
        jobs = new QueuedJobRunner();
        workbench = new Workbench(new UiServices(jobs, DatasetCatalog.fromEnvironment()));
        workbench.browser().show(UnlearningFixture.DATA);
        screen = CompareScreen.create(workbench, new DialogService(stage));
        Scene scene = new Scene(screen.root(), 1280, 800);
        Themes.apply(scene, Themes.LIGHT);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() {
        jobs.close();
    }

    private static <T> T fx(Callable<T> action) throws Exception {
        return WaitForAsyncUtils.asyncFx(action).get(30, TimeUnit.SECONDS);
    }

    /** Puts the fixture's original and forget set on the workbench, then {@code c}, and waits for the redraw. */
    private void show(Comparison c) throws Exception {
        fx(() -> {
            if (workbench.originalProperty().get() == null) {
                workbench.originalProperty().set(UnlearningFixture.original());
                workbench.forgetSelection().selectClass(3);
            }
            workbench.comparisonProperty().set(c);
            return null;
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> screen.viewModel().shownProperty().get() == c));
        awaitCharts();
    }

    /** Waits until the chart worker has built what was asked for and the FX thread has shown it. */
    private void awaitCharts() throws Exception {
        fx(() -> charts().idle()).get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private DashboardCharts charts() {
        return screen.viewModel().charts();
    }

    @Test
    void followsTheComparisonModelByModelAndRebuildsOnlyWhenTheOrderChanges(FxRobot robot) throws Exception {
        assertThat(robot.lookup(".empty-state").query().isVisible()).isTrue();
        assertThat(robot.lookup(".empty-text").queryLabeled().getText())
                .contains("Train a model").contains("forget set").contains("queue unlearning methods");

        show(ComparisonFixture.start());
        assertThat(robot.lookup(".empty-state").query().isVisible()).isFalse();
        assertThat(charts().rebuilds()).isEqualTo(1);
        assertThat(charts().chart(DashboardChart.SCATTER)).isNull();
        show(ComparisonFixture.withRetrain());
        Comparison full = ComparisonFixture.full();
        show(full);
        assertThat(charts().rebuilds()).isEqualTo(1);
        assertThat(charts().additions()).isEqualTo(2);

        // the table: one row per model, numbers as the comparison has them
        TableView<MetricRow> table = robot.lookup(".metrics-table").queryTableView();
        assertThat(table.getItems()).extracting(MetricRow::label).containsExactly("Original", "Retrain", "FT");
        for (int i = 0; i < 3; i++) {
            Comparison.Row r = full.rows().get(i);
            ModelMetrics m = r.evaluated().metrics();
            assertThat(cellText(table, 1, i)).isEqualTo(MetricRow.format(m.forgetAccuracy(), 2));
            assertThat(cellText(table, 3, i)).isEqualTo(MetricRow.format(m.testAccuracy(), 2));
            assertThat(cellText(table, 4, i)).isEqualTo(MetricRow.format(m.miaAuc(), 2));
            assertThat(cellText(table, 5, i)).isEqualTo(MetricRow.format(m.miaEfficacy(), 2));
            assertThat(cellText(table, 6, i)).isEqualTo(MetricRow.format(m.l2ToRetrained(), 3));
            assertThat(cellText(table, 8, i)).isEqualTo(MetricRow.format(r.avgGap(), 2));
            assertThat(cellText(table, 9, i)).isEqualTo(MetricRow.format(r.seconds(), 1));
        }
        Comparison.Row ft = full.rows().get(2);
        assertThat(cellText(table, 10, 2)).isEqualTo(MetricRow.formatSpeedup(ft.speedup()));
        String ftGap = MetricRow.format(ft.avgGap(), 2);
        assertThat(robot.lookup(".table-cell").queryAllAs(TableCell.class).stream()
                .map(c -> c.getText())).contains(ftGap);

        // the charts: every model in each one, with the comparison's numbers
        CategoryDataset bars = ((CategoryPlot) charts().chart(DashboardChart.ACCURACY).getPlot()).getDataset();
        assertThat(bars.getRowKeys()).containsExactly("Original", "Retrain", "FT");
        assertThat(bars.getValue("FT", AccuracyBarChart.category(Split.FORGET)).doubleValue())
                .isEqualTo(ft.evaluated().metrics().forgetAccuracy());
        assertThat(((CombinedDomainXYPlot) charts().chart(DashboardChart.CONFIDENCE).getPlot()).getSubplots())
                .hasSize(3);
        XYDataset roc = ((XYPlot) charts().chart(DashboardChart.MIA_ROC).getPlot()).getDataset(0);
        assertThat(roc.getSeriesCount()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            EvaluatedModel model = full.models().get(i);
            assertThat(roc.getSeriesKey(i).toString()).isEqualTo(RocChart.label(model.name(), ChartInputs.miaRoc(model)))
                    .contains(String.format(java.util.Locale.ROOT, "%.3f", model.metrics().miaAuc() / 100));
        }
        CategoryDataset classes = ((CategoryPlot) charts().chart(DashboardChart.CLASS_ACCURACY).getPlot()).getDataset();
        assertThat(classes.getRowCount()).isEqualTo(3);
        assertThat(classes.getColumnCount()).isEqualTo(10);
        assertThat(classes.getValue("Retrain", "3").doubleValue())
                .isEqualTo(100 * full.retrained().orElseThrow().evaluated().test().perClassAccuracy()[3]);
        XYDataset cost = ((XYPlot) charts().chart(DashboardChart.COST_GAP).getPlot()).getDataset(0);
        assertThat(cost.getSeriesKey(0)).isEqualTo("FT");
        assertThat(cost.getXValue(0, 0)).isEqualTo(ft.seconds());
        assertThat(cost.getYValue(0, 0)).isEqualTo(ft.avgGap());
        JFreeChart scatter = charts().chart(DashboardChart.SCATTER);
        assertThat(scatter.getTitle().getText()).isEqualTo("Per-sample score: Original vs FT");
        XYDataset points = ((XYPlot) scatter.getPlot()).getDataset();
        assertThat(points.getSeriesKey(0)).isEqualTo("Forget");
        assertThat(points.getItemCount(0)).isEqualTo(full.splits().forget().size());
        for (DashboardChart kind : DashboardChart.values()) {
            assertThat(screen.controller().viewer(kind).getChart()).as(kind.name()).isSameAs(charts().chart(kind));
        }

        // the scatter follows the chosen model
        fx(() -> {
            screen.viewModel().scatterModelProperty().set("Retrain");
            return null;
        });
        awaitCharts();
        assertThat(charts().chart(DashboardChart.SCATTER).getTitle().getText()).endsWith("Original vs Retrain");

        // taking the retrained model out re-orders the models: then, and only then, a rebuild
        show(full.without("Retrain"));
        assertThat(charts().rebuilds()).isEqualTo(2);
        assertThat(((CategoryPlot) charts().chart(DashboardChart.ACCURACY).getPlot()).getDataset().getRowKeys())
                .containsExactly("Original", "FT");
    }

    @Test
    void chartsAreBuiltOnTheWorkerAndAShownChartRedrawsOncePerNewModel(FxRobot robot) throws Exception {
        show(ComparisonFixture.start());
        List<DashboardChart> modelCharts = List.of(DashboardChart.ACCURACY, DashboardChart.CONFIDENCE,
                DashboardChart.MIA_ROC, DashboardChart.CLASS_ACCURACY);
        int[] events = new int[modelCharts.size()];
        List<String> eventThreads = java.util.Collections.synchronizedList(new ArrayList<>());
        fx(() -> {
            for (int i = 0; i < modelCharts.size(); i++) {
                int k = i;
                charts().chart(modelCharts.get(i)).addChangeListener(e -> {
                    events[k]++;
                    eventThreads.add(Thread.currentThread().getName());
                });
            }
            return null;
        });
        show(ComparisonFixture.withRetrain());

        assertThat(charts().builtOn()).contains(DashboardCharts.WORKER_THREAD)
                .doesNotContain(fx(() -> Thread.currentThread().getName()));
        // the new model went into the live charts (no rebuild), each redrawn once, on the FX thread
        assertThat(charts().rebuilds()).isEqualTo(1);
        assertThat(charts().additions()).isEqualTo(1);
        assertThat(events).containsOnly(1);
        assertThat(eventThreads).containsOnly(fx(() -> Thread.currentThread().getName()));
        assertThat(((CategoryPlot) charts().chart(DashboardChart.ACCURACY).getPlot()).getDataset().getRowKeys())
                .containsExactly("Original", "Retrain");
        for (DashboardChart kind : DashboardChart.values()) {
            assertThat(screen.controller().viewer(kind).getChart()).as(kind.name()).isSameAs(charts().chart(kind));
        }
    }

    @Test
    void aBurstOfComparisonsEndsWithTheLastOneAndTheChosenScatter(FxRobot robot) throws Exception {
        show(ComparisonFixture.start());
        Comparison full = ComparisonFixture.full();
        fx(() -> {
            // faster than the worker builds: each one replaces the request before
            charts().update(ComparisonFixture.withRetrain(), null);
            charts().update(full.without("Retrain"), null);
            charts().update(full, "Retrain");
            return null;
        });
        awaitCharts();
        assertThat(((CategoryPlot) charts().chart(DashboardChart.ACCURACY).getPlot()).getDataset().getRowKeys())
                .containsExactly("Original", "Retrain", "FT");
        assertThat(((CombinedDomainXYPlot) charts().chart(DashboardChart.CONFIDENCE).getPlot()).getSubplots())
                .hasSize(3);
        assertThat(charts().chart(DashboardChart.SCATTER).getTitle().getText()).endsWith("Original vs Retrain");
        for (DashboardChart kind : DashboardChart.values()) {
            assertThat(screen.controller().viewer(kind).getChart()).as(kind.name()).isSameAs(charts().chart(kind));
        }
    }

    private static String cellText(TableView<MetricRow> table, int column, int row) {
        return table.getColumns().get(column).getCellObservableValue(row).getValue().toString();
    }

    @Test
    void aMethodThatChangedNothingIsMarkedNoOpWithItsSentence(FxRobot robot) throws Exception {
        Comparison full = ComparisonFixture.full();
        UnlearningResult untouched = new UnlearningResult(UnlearningFixture.original(), "identity", new Untouched(),
                0.25, 0, Map.of());
        show(full.with(untouched, "Untouched", JobContext.detached()));
        MetricRow row = screen.viewModel().rows().get(3);
        assertThat(row.label()).isEqualTo("Untouched");
        assertThat(row.warnings()).containsExactly("no-op");
        Label badge = robot.lookup(".warning-badge").match(Node::isVisible).match(
                n -> ((Label) n).getText().contains("no-op")).queryAs(Label.class);
        assertThat(badge.getText()).isEqualTo("\u26a0 no-op");
        TableCell<?, ?> cell = (TableCell<?, ?>) badge.getParent().getParent();
        // the tooltip: the row's full label, then the warning's sentence
        assertThat(cell.getTooltip().getText())
                .isEqualTo(((MetricRow) cell.getItem()).label() + "\n" + UnlearningWarning.NO_OP.sentence());
        assertThat(cell.getTableRow().getStyleClass()).contains("warned-row");
    }

    @Test
    void clickingAScatterPointOpensTheInspectorWithThatSamplesPredictions(FxRobot robot) throws Exception {
        Comparison full = ComparisonFixture.full();
        show(full);
        ChartViewer viewer = screen.controller().viewer(DashboardChart.SCATTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> viewer.getRenderingInfo() != null
                && viewer.getRenderingInfo().getEntityCollection().getEntityCount() > 0));
        EntityCollection entities = fx(() -> viewer.getRenderingInfo().getEntityCollection());
        XYItemEntity first = fx(() -> ((java.util.Collection<?>) entities.getEntities()).stream()
                .filter(e -> e instanceof XYItemEntity x
                && "Forget".equals(x.getDataset().getSeriesKey(x.getSeriesIndex()))).map(e -> (XYItemEntity) e)
                .findFirst().orElseThrow());
        Rectangle2D area = first.getArea().getBounds2D();
        ChartEntity hit = entities.getEntity(area.getCenterX(), area.getCenterY());
        XYItemEntity target = (XYItemEntity) hit;
        Point2D onScreen = fx(() -> viewer.getCanvas().localToScreen(area.getCenterX(), area.getCenterY()));
        robot.clickOn(onScreen);

        Split split = Split.valueOf(target.getDataset().getSeriesKey(target.getSeriesIndex()).toString()
                .toUpperCase());
        EvaluatedModel original = full.original();
        EvaluatedModel ft = full.unlearned().get(0).evaluated();
        int position = PerSampleScatterChart.plottedSamples(ChartInputs.confidences(original).scores(split),
                ChartInputs.confidences(ft).scores(split), PerSampleScatterChart.DEFAULT_MAX_POINTS_PER_SPLIT)
                [target.getItem()];
        int index = predictions(original, split).indices()[position];
        awaitInspection(robot, 3);

        assertThat(robot.lookup(".inspector-title").queryLabeled().getText())
                .isEqualTo((split == Split.TEST ? "Test image #" : "Training image #") + index);
        if (split == Split.FORGET) {
            assertThat(robot.lookup(".inspector-membership").queryLabeled().getText()).isEqualTo("In the forget set");
        }
        for (EvaluatedModel model : full.models()) {
            Predictions p = predictions(model, split);
            float[] shown = bars(robot, model.name());
            for (int k = 0; k < 10; k++) {
                assertThat(shown[k]).as(model.name() + " class " + k).isEqualTo(p.probability(position, k));
            }
            boolean member = full.evaluator().membershipAttack(model).isMember(p.trueClassProbability()[position]);
            assertThat(block(robot, model.name()).lookup(".opinion-mia")).satisfies(n ->
                    assertThat(((Label) n).getText()).isEqualTo(member ? "MIA: member" : "MIA: non-member"));
        }
    }

    private static Predictions predictions(EvaluatedModel model, Split split) {
        return switch (split) {
            case FORGET -> model.forget();
            case RETAIN -> model.retain();
            case TEST -> model.test();
        };
    }

    /** Waits until the inspector shows {@code models} models with their membership calls. */
    static void awaitInspection(FxRobot robot, int models) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> robot.lookup(".model-opinion").queryAll().size()
                == models && robot.lookup(".mia-pending").queryAll().isEmpty()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    static Node block(FxRobot robot, String model) {
        return robot.lookup(".model-opinion").match(n -> model.equals(n.getUserData())).query();
    }

    /** The probabilities the bars of {@code model}'s block show, by class. */
    static float[] bars(FxRobot robot, String model) {
        List<Node> bars = new ArrayList<>(block(robot, model).lookupAll(".probability-bar"));
        bars.sort(Comparator.comparingInt(n -> (Integer) n.getProperties().get(ProbabilityBars.CLASS_KEY)));
        float[] out = new float[bars.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = (Float) bars.get(k).getProperties().get(ProbabilityBars.PROBABILITY_KEY);
        }
        return out;
    }

    @Test
    void exportsChartsAndTheFullReport(FxRobot robot, @TempDir Path dir) throws Exception {
        show(ComparisonFixture.start());
        Button export = robot.lookup(".button").match(n -> ((Button) n).getText().startsWith("Export report"))
                .queryButton();
        assertThat(export.isDisabled()).isTrue();
        Comparison full = ComparisonFixture.full();
        show(full);
        assertThat(export.isDisabled()).isFalse();

        Path png = dir.resolve("accuracy.png");
        Path csv = dir.resolve("accuracy.csv");
        Path svg = dir.resolve("scatter.svg");
        fx(() -> {
            screen.controller().exportChart(DashboardChart.ACCURACY, png);
            screen.controller().exportChart(DashboardChart.ACCURACY, csv);
            screen.controller().exportChart(DashboardChart.SCATTER, svg);
            return null;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Files.exists(png) && Files.exists(csv)
                && Files.exists(svg));
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1800);
        assertThat(image.getHeight()).isEqualTo(1040);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo(String.join(",", ChartExport.CSV_COLUMNS));
        assertThat(lines).hasSize(1 + 3 * 3);
        String testCategory = AccuracyBarChart.category(Split.TEST);
        for (EvaluatedModel model : full.models()) {
            String line = lines.stream().filter(l -> l.startsWith("0,0," + model.name() + "," + testCategory + ","))
                    .findFirst().orElseThrow();
            assertThat(Double.parseDouble(line.split(",")[5])).isCloseTo(model.metrics().testAccuracy(), within(1e-9));
        }
        assertThat(Files.readString(svg)).contains("<svg").contains("Original vs FT");

        Path report = dir.resolve("report");
        JobTask<List<Path>> task = fx(() -> screen.viewModel().exportReport(report));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(task::isDone));
        assertThat(fx(task::getException)).isNull();
        for (String file : List.of("report.json", "report.csv", "report.html", "charts/accuracy.png",
                "charts/mia-roc.svg", "charts/confidence.csv", "charts/scatter-1.png", "charts/cost-vs-gap.png")) {
            assertThat(report.resolve(file)).as(file).isNotEmptyFile();
        }
        assertThat(Files.readString(report.resolve("report.json"))).contains("\"avgGap\"").contains("\"FT\"");
        assertThat(Files.readString(report.resolve("report.html"))).contains("<td>FT</td>");
    }
}
