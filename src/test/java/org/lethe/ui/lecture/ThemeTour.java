package org.lethe.ui.lecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.lethe.app.AppServices;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.Architecture;
import org.lethe.engine.unlearning.MethodDescriptor;
import org.lethe.ui.main.MainViewModel;
import org.lethe.ui.main.MainWindow;
import org.lethe.ui.workbench.Workbench;

/**
 * Drives the real workbench through a small run and saves a snapshot of every tab, for checking a
 * theme's layout by eye (not a test): MNIST limited to 2,000 training images, an MLP trained for
 * two epochs from the Train form, class 3 forgotten with Retrain, FT and AMUN (under their
 * display names, as the Unlearn screen queues them), then the Data, Train,
 * Unlearn, Compare and History tabs are shown one after the other and written as
 * {@code <out>/<prefix>-<tab>.png}. The theme comes from {@code -Dlethe.theme}.
 *
 * <p>Arguments: {@code <out dir> <width> <height> [prefix]}. Run with the test class path, e.g.
 * {@code java -Dlethe.theme=projector -cp target/classes:target/test-classes:<deps>
 * org.lethe.ui.lecture.ThemeTour /tmp/shots 1400 900 projector}.
 */
public final class ThemeTour {

    private ThemeTour() {
    }

    /** Starts the tour. */
    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    /** The JavaFX application. */
    public static final class App extends Application {

        private AppServices services;
        private Stage stage;
        private Path out;
        private String prefix;

        @Override
        public void start(Stage primary) throws IOException {
            List<String> args = getParameters().getRaw();
            out = Path.of(args.get(0));
            Files.createDirectories(out);
            prefix = args.size() > 3 ? args.get(3) : "tour";
            stage = primary;
            services = AppServices.create();
            MainViewModel main = MainWindow.open(stage, services.ui(), null);
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(Double.parseDouble(args.get(1)));
            stage.setHeight(Double.parseDouble(args.get(2)));
            Workbench workbench = main.workbench();
            Thread loader = new Thread(() -> {
                ImageDataset data = services.catalog().load("mnist", JobContext.detached()).limitTrain(2000);
                Platform.runLater(() -> {
                    workbench.browser().show(data);
                    workbench.forgetSelection().selectClass(3);
                    workbench.originalProperty().addListener((obs, old, model) -> {
                        if (model != null) {
                            for (String id : List.of("retrain", "ft", "amun")) {
                                MethodDescriptor<?> d = workbench.methods().byId(id);
                                workbench.unlearn(d, d.defaults(), d.displayName());
                            }
                        }
                    });
                    workbench.history().addListener((javafx.collections.ListChangeListener<Object>) c -> {
                        if (workbench.history().size() == 4) {
                            later(2, this::tour);
                        }
                    });
                    later(1, this::train);
                });
            }, "tour-loader");
            loader.setDaemon(true);
            loader.start();
        }

        private void train() {
            select("trainTab");
            Scene scene = stage.getScene();
            ComboBox<Architecture> architecture = lookup(scene, "#architectureChoice");
            architecture.setValue(Architecture.MLP);
            TextField widths = lookup(scene, "#hiddenWidthsField");
            widths.setText("64");
            TextField epochs = lookup(scene, "#epochsField");
            epochs.setText("2");
            Button start = lookup(scene, "#startTrainingButton");
            start.fire();
        }

        private void tour() {
            Deque<String> tabs = new ArrayDeque<>(List.of("dataTab", "trainTab", "unlearnTab", "compareTab",
                    "historyTab"));
            next(tabs);
        }

        private void next(Deque<String> tabs) {
            String tab = tabs.poll();
            if (tab == null) {
                System.err.println("TOUR DONE");
                Platform.exit();
                return;
            }
            select(tab);
            later(1.5, () -> {
                var image = stage.getScene().snapshot(null);
                Path file = out.resolve(prefix + "-" + tab.replace("Tab", "") + ".png");
                try {
                    ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                System.err.println("SHOT " + file);
                next(tabs);
            });
        }

        private void select(String id) {
            TabPane tabs = lookup(stage.getScene(), "#tabs");
            for (Tab t : tabs.getTabs()) {
                if (id.equals(t.getId())) {
                    tabs.getSelectionModel().select(t);
                }
            }
        }

        private static void later(double seconds, Runnable action) {
            PauseTransition pause = new PauseTransition(javafx.util.Duration.seconds(seconds));
            pause.setOnFinished(e -> action.run());
            pause.play();
        }

        @SuppressWarnings("unchecked")
        private static <T extends Node> T lookup(Scene scene, String selector) {
            Node node = scene.lookup(selector);
            if (node == null) {
                throw new IllegalStateException("no " + selector);
            }
            return (T) node;
        }

        @Override
        public void stop() {
            if (services != null) {
                services.close();
            }
        }
    }
}
