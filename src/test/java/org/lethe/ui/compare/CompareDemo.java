package org.lethe.ui.compare;

import java.awt.geom.Rectangle2D;
import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.jfree.chart.entity.XYItemEntity;
import org.jfree.chart.fx.ChartViewer;
import org.lethe.app.AppServices;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.TrainingConfig;
import org.lethe.engine.unlearning.MethodDescriptor;
import org.lethe.ui.main.MainViewModel;
import org.lethe.ui.main.MainWindow;
import org.lethe.ui.workbench.Workbench;

/**
 * Drives the real workbench to a full dashboard for screenshots (not a test): MNIST limited to
 * 5,000 training images, LeNet trained for 2 epochs, class 3 forgotten with Retrain, FT, GA and RL,
 * all through the workbench's own jobs, plus two runs with settings the dashboard should flag (GA
 * with a hundred times its step, FT with a step too small to change anything). Prints "READY" and the screen position of a forget-set point
 * of the scatter, for a click with xdotool, on standard error.
 *
 * <p>With the argument {@code quick} a logistic regression replaces LeNet (for layout work).
 *
 * <p>Run: {@code java -cp target/classes:target/test-classes:<deps> org.lethe.ui.compare.CompareDemo}
 */
public final class CompareDemo {

    private CompareDemo() {
    }

    /** Starts the demo. */
    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    /** The JavaFX application. */
    public static final class App extends Application {

        private AppServices services;

        @Override
        public void start(Stage stage) {
            services = AppServices.create();
            MainViewModel main = MainWindow.open(stage, services.ui(), null);
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(1400);
            stage.setHeight(900);
            Workbench workbench = main.workbench();
            Thread loader = new Thread(() -> {
                ImageDataset data = services.catalog().load("mnist", JobContext.detached()).limitTrain(5000);
                Platform.runLater(() -> {
                    workbench.browser().show(data);
                    workbench.forgetSelection().selectClass(3);
                    workbench.originalProperty().addListener((obs, old, model) -> {
                        if (model != null) {
                            for (String[] m : List.of(new String[] {"retrain", "Retrain"}, new String[] {"ft", "FT"},
                                    new String[] {"ga", "GA"}, new String[] {"rl", "RL"})) {
                                MethodDescriptor<?> d = workbench.methods().byId(m[0]);
                                workbench.unlearn(d, d.defaults(), m[1]);
                            }
                            // two runs the dashboard should flag: GA with a hundred times its default step
                            // (collapse) and FT with a step too small to change anything (no-op)
                            var ga = org.lethe.engine.unlearning.ga.GradientAscentParams.defaults();
                            workbench.unlearn(workbench.methods().byId("ga"),
                                    new org.lethe.engine.unlearning.ga.GradientAscentParams(ga.epochs(), 1e-2,
                                            ga.momentum(), ga.weightDecay(), ga.batchSize(), ga.retainPass(),
                                            ga.retainFraction(), ga.clipNorm(), ga.seed()), "GA, lr 1e-2");
                            var ft = org.lethe.engine.unlearning.ft.FineTuneParams.defaults();
                            workbench.unlearn(workbench.methods().byId("ft"),
                                    new org.lethe.engine.unlearning.ft.FineTuneParams(1, 1e-6, ft.momentum(),
                                            ft.weightDecay(), ft.batchSize(), ft.retainFraction(), ft.seed()),
                                    "FT, lr 1e-6");
                        }
                    });
                    workbench.history().addListener((javafx.collections.ListChangeListener<Object>) c -> {
                        if (workbench.history().size() == 7) {
                            ((TabPane) stage.getScene().lookup("#tabs")).getSelectionModel().select(3);
                            Platform.runLater(() -> Platform.runLater(() -> report(stage)));
                        }
                    });
                    boolean quick = getParameters().getRaw().contains("quick");
                    workbench.train(quick ? ModelSpec.logreg(data.shape(), data.numClasses())
                            : ModelSpec.lenet(data.shape(), data.numClasses()),
                            TrainingConfig.adam(2, 64, 1e-3, 1), points -> { });
                });
            }, "demo-loader");
            loader.setDaemon(true);
            loader.start();
        }

        private static void report(Stage stage) {
            new Thread(() -> {
                try {
                    Thread.sleep(1500);
                } catch (InterruptedException e) {
                    return;
                }
                Platform.runLater(() -> {
                    ChartViewer scatter = (ChartViewer) stage.getScene().lookup("#chart-scatter");
                    var entities = scatter.getRenderingInfo().getEntityCollection();
                    for (Object e : entities.getEntities()) {
                        if (e instanceof XYItemEntity item && item.getItem() == 40
                                && "Forget".equals(item.getDataset().getSeriesKey(item.getSeriesIndex()))) {
                            Rectangle2D r = item.getArea().getBounds2D();
                            Point2D p = scatter.getCanvas().localToScreen(r.getCenterX(), r.getCenterY());
                            System.err.printf("POINT %d %d%n", Math.round(p.getX()), Math.round(p.getY()));
                            break;
                        }
                    }
                    System.err.println("READY");
                });
            }).start();
        }

        @Override
        public void stop() {
            if (services != null) {
                services.close();
            }
        }
    }
}
