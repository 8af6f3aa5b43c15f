package org.lethe.ui.forgetset;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.IndexedCell;
import javafx.stage.Stage;
import org.lethe.app.AppServices;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.TrainingConfig;
import org.lethe.ui.download.DownloadWindow;
import org.lethe.ui.main.MainViewModel;
import org.lethe.ui.main.MainWindow;
import org.lethe.ui.workbench.Workbench;

/**
 * Drives the real workbench to the Data screen for screenshots (not a test): the bundled MNIST
 * limited to 5,000 training images, a logistic regression trained for 2 epochs, the grid sorted by
 * the model's confidence (least confident first). Prints {@code BAND x0 y0 x1 y1} (screen
 * positions of two thumbnails, for a rubber-band drag with xdotool) and {@code READY} on standard
 * error. With the argument {@code download} it then opens File &gt; Download dataset… on
 * Fashion-MNIST.
 *
 * <p>Run: {@code java -cp target/classes:target/test-classes:<deps> org.lethe.ui.forgetset.ForgetSetDemo}
 */
public final class ForgetSetDemo {

    private ForgetSetDemo() {
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
            workbench.browser().load("mnist", 5000);
            workbench.datasetProperty().addListener((obs, old, data) -> {
                if (data != null && workbench.originalProperty().get() == null) {
                    workbench.train(ModelSpec.logreg(data.shape(), data.numClasses()),
                            TrainingConfig.adam(2, 64, 1e-3, 1), points -> { });
                }
            });
            workbench.originalProperty().addListener((obs, old, model) -> {
                if (model != null) {
                    @SuppressWarnings("unchecked")
                    ComboBox<GridSort> sort = (ComboBox<GridSort>) stage.getScene().lookup("#sortChoice");
                    sort.setValue(GridSort.CONFIDENCE_ASCENDING);
                    workbench.browser().orderProperty().addListener((o, was, order) -> {
                        if (order != null) {
                            later(1500, () -> report(stage));
                        }
                    });
                }
            });
        }

        private void report(Stage stage) {
            var grid = (org.controlsfx.control.GridView<?>) stage.getScene().lookup("#thumbnailGrid");
            int columns = ((impl.org.controlsfx.skin.GridViewSkin<?>) grid.getSkin()).computeMaxCellsInRow();
            Node a = cell(stage, columns + 1);
            Node b = cell(stage, 4 * columns + 6);
            if (a != null && b != null) {
                Bounds ba = a.localToScreen(a.getBoundsInLocal());
                Bounds bb = b.localToScreen(b.getBoundsInLocal());
                System.err.printf("BAND %d %d %d %d%n", Math.round(ba.getCenterX()), Math.round(ba.getCenterY()),
                        Math.round(bb.getCenterX()), Math.round(bb.getCenterY()));
            }
            System.err.println("READY");
            if (getParameters().getRaw().contains("download")) {
                var menuBar = (javafx.scene.control.MenuBar) stage.getScene().lookup("#menuBar");
                menuBar.getMenus().get(0).getItems().stream()
                        .filter(i -> DownloadWindow.MENU_ID.equals(i.getId())).findFirst()
                        .ifPresent(javafx.scene.control.MenuItem::fire);
                for (javafx.stage.Window w : javafx.stage.Window.getWindows()) {
                    if (w.getScene() != null && w.getScene().lookup("#bundleChoice") instanceof ComboBox<?> box) {
                        box.getSelectionModel().select(1);
                        w.setX(220);
                        w.setY(150);
                    }
                }
            }
        }

        private static Node cell(Stage stage, int position) {
            return stage.getScene().getRoot().lookupAll(".thumbnail-cell").stream()
                    .filter(n -> n instanceof IndexedCell<?> c && !c.isEmpty() && c.getIndex() == position
                            && c.isVisible())
                    .findFirst().orElse(null);
        }

        private static void later(long millis, Runnable action) {
            Thread t = new Thread(() -> {
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    return;
                }
                Platform.runLater(action);
            });
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void stop() {
            if (services != null) {
                services.close();
            }
        }
    }
}
