package org.lethe.ui.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lethe.ui.FxTestSupport.fx;
import static org.lethe.ui.FxTestSupport.fxRun;
import static org.lethe.ui.FxTestSupport.waitUntil;

import java.awt.Color;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.lethe.viz.ChartStyle;
import org.lethe.viz.TrainingCurvesChart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The chart image view builds and draws its charts on the drawer thread, shows the pixels at the
 * view's size, folds requests that arrive while it draws into the newest, and forgets a drawing
 * that finishes after {@link ChartImageView#clear}.
 */
@ExtendWith(ApplicationExtension.class)
class ChartImageViewTest {

    private final ExecutorService drawer = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-drawer"));
    private ChartImageView view;
    private StackPane root;

    @Start
    void start(Stage stage) {
        view = new ChartImageView(drawer);
        root = new StackPane(view);
        stage.setScene(new Scene(root, 320, 200));
        stage.show();
    }

    @AfterEach
    void stopDrawer() throws Exception {
        fxRun(() -> {
            view.clear();
            root.getScene().getWindow().hide();
        });
        drawer.shutdownNow();
    }

    /** A chart with a red background, built on whatever thread calls it; records that thread. */
    private static Supplier<JFreeChart> redChart(List<String> threads) {
        return () -> {
            threads.add(Thread.currentThread().getName());
            JFreeChart chart = new TrainingCurvesChart(1, ChartStyle.standard()).chart();
            chart.setBackgroundPaint(Color.RED);
            return chart;
        };
    }

    @Test
    void drawsOnTheDrawerThreadAndShowsThePixelsAtTheViewsSize() throws Exception {
        List<String> threads = new CopyOnWriteArrayList<>();
        fxRun(() -> view.draw(redChart(threads)));
        waitUntil(10, () -> view.drawnImages() >= 1);
        assertThat(threads).isNotEmpty().allMatch("test-drawer"::equals);
        WritableImage image = fx(view::image);
        assertThat(image.getWidth()).isEqualTo(fx(view::getWidth));
        assertThat(image.getHeight()).isEqualTo(fx(view::getHeight));
        // the chart's background fills the corner: the pixels are the chart's
        int corner = image.getPixelReader().getArgb(2, 2);
        assertThat(corner).isEqualTo(0xFFFF0000);

        // a new size draws the chart again at that size
        long before = fx(view::drawnImages);
        fxRun(() -> root.getScene().getWindow().setWidth(420));
        waitUntil(10, () -> view.drawnImages() > before && view.image().getWidth() == view.getWidth());
        assertThat(fx(() -> view.image().getWidth())).isGreaterThan(320);
    }

    @Test
    void requestsWhileDrawingAreFoldedIntoTheNewest() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> built = new CopyOnWriteArrayList<>();
        Supplier<JFreeChart> slow = () -> {
            built.add("slow");
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new TrainingCurvesChart(1, ChartStyle.standard()).chart();
        };
        fxRun(() -> view.draw(slow));
        waitUntil(10, () -> !built.isEmpty());
        for (int i = 0; i < 5; i++) {
            int n = i;
            fxRun(() -> view.draw(() -> {
                built.add("request " + n);
                JFreeChart chart = new TrainingCurvesChart(1, ChartStyle.standard()).chart();
                ((XYPlot) chart.getXYPlot()).setBackgroundPaint(Color.BLUE);
                return chart;
            }));
        }
        release.countDown();
        waitUntil(10, () -> view.drawnImages() >= 2);
        Thread.sleep(200);
        assertThat(built).containsExactly("slow", "request 4");
        assertThat(fx(view::drawnImages)).isEqualTo(2);
    }

    @Test
    void aDrawingThatEndsAfterClearIsNotShown() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        fxRun(() -> view.draw(() -> {
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new TrainingCurvesChart(1, ChartStyle.standard()).chart();
        }));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        fxRun(view::clear);
        release.countDown();
        drawer.submit(() -> { }).get(10, TimeUnit.SECONDS);
        Thread.sleep(200);
        assertThat(fx(view::image)).isNull();
        assertThat(fx(view::drawnImages)).isZero();
    }
}
