package org.lethe.ui.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.concurrent.Worker;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.lethe.engine.model.Architecture;
import org.lethe.engine.unlearning.MethodDescriptor;
import org.lethe.ui.common.UiServices;
import org.lethe.ui.jobs.JobTask;
import org.lethe.ui.main.MainViewModel;
import org.lethe.ui.main.MainWindow;
import org.lethe.ui.workbench.Workbench;

/**
 * Opens the real main window and drives it like a user while a {@link PulseGapRecorder} listens to
 * the FX pulses: load a dataset, sit idle, train a model from the Train screen's form (its live
 * loss and accuracy curves updating), pick a forget class and queue unlearning methods with the
 * Compare dashboard in front (it fills in model by model), then sit idle on the full dashboard.
 * Each step is a phase of the recording.
 *
 * <p>Needs a screen: a desktop, Xvfb ({@code xvfb-run}), or Monocle's headless platform when it is
 * on the class path. {@link #run} may be called from any thread but the FX thread.
 */
public final class UiResponsivenessBench {

    /**
     * What the benchmark does.
     *
     * @param dataset built-in name or path
     * @param trainLimit training images used (0: all)
     * @param architecture the model trained from the form
     * @param hiddenWidths the form's hidden widths (for mlp), e.g. "256"
     * @param epochs training epochs
     * @param batchSize training batch size
     * @param forgetClass the class to forget
     * @param methods unlearning method ids, queued in this order
     * @param idleSeconds how long to sit idle before training and after the comparison
     */
    public record Settings(String dataset, int trainLimit, Architecture architecture, String hiddenWidths, int epochs,
            int batchSize, int forgetClass, List<String> methods, double idleSeconds) {

        public Settings {
            Objects.requireNonNull(dataset, "dataset");
            Objects.requireNonNull(architecture, "architecture");
            hiddenWidths = hiddenWidths == null ? "" : hiddenWidths;
            methods = List.copyOf(methods);
            if (trainLimit < 0 || epochs < 1 || batchSize < 1 || forgetClass < 0 || idleSeconds < 0) {
                throw new IllegalArgumentException("train limit, forget class and idle time must not be negative, "
                        + "epochs and batch size at least 1; were " + trainLimit + ", " + forgetClass + ", "
                        + idleSeconds + ", " + epochs + ", " + batchSize);
            }
        }
    }

    /**
     * What was measured.
     *
     * @param overall the whole run's gaps
     * @param phases each step's gaps: load, idle, train, unlearn, compare
     * @param longestGaps the longest stalls with their phase and time
     * @param stallSites where the FX thread was while it stalled: the innermost Lethe frame (or the
     *     top frame) of stack samples taken every {@value #SAMPLE_MILLIS} ms during gaps over
     *     {@value #SAMPLE_AFTER_MILLIS} ms, with how many samples each got, most first
     */
    public record Report(PulseGapRecorder.Stats overall, List<PulseGapRecorder.Stats> phases,
            List<PulseGapRecorder.Gap> longestGaps, java.util.Map<String, Integer> stallSites) {

        public Report {
            phases = List.copyOf(phases);
            longestGaps = List.copyOf(longestGaps);
            stallSites = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(stallSites));
        }
    }

    /** How often the FX thread's stack is sampled while it stalls. */
    public static final int SAMPLE_MILLIS = 20;
    /** Stack samples are taken once a gap is this long. */
    public static final int SAMPLE_AFTER_MILLIS = 60;

    private UiResponsivenessBench() {
    }

    /**
     * Starts JavaFX if it is not running, runs the benchmark on {@code services} and returns what it
     * measured. The window closes at the end.
     *
     * @throws IllegalStateException when a step fails or the run takes longer than {@code timeout}
     * @throws UnsupportedOperationException when JavaFX cannot open a window (no display)
     */
    public static Report run(Settings settings, UiServices services, Duration timeout) {
        if (Platform.isFxApplicationThread()) {
            throw new IllegalStateException("run the benchmark from another thread than the FX thread");
        }
        startFx();
        CompletableFuture<Report> done = new CompletableFuture<>();
        Driver[] driver = new Driver[1];
        Platform.runLater(() -> {
            try {
                driver[0] = new Driver(settings, services, done);
                driver[0].begin();
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        try {
            return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the benchmark did not finish within " + timeout.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            Platform.runLater(() -> {
                if (driver[0] != null) {
                    driver[0].close();
                }
            });
        }
    }

    /** Whether {@link #run} started JavaFX (and so may stop it). */
    private static volatile boolean startedFx;

    private static void startFx() {
        Platform.setImplicitExit(false);
        try {
            Platform.startup(() -> { });
            startedFx = true;
        } catch (IllegalStateException alreadyRunning) {
            // a test or an earlier run started it
        }
    }

    /**
     * Stops JavaFX if {@link #run} started it (a command line process ends with it); does nothing
     * when JavaFX failed to start or was started by someone else.
     */
    public static void stopFx() {
        if (startedFx) {
            startedFx = false;
            Platform.exit();
        }
    }

    /** The steps, each started by the end of the previous one, all on the FX thread. */
    private static final class Driver {

        private final Settings settings;
        private final UiServices services;
        private final CompletableFuture<Report> done;
        private final PulseGapRecorder recorder = new PulseGapRecorder();
        private final java.util.Map<String, Integer> sites = new java.util.concurrent.ConcurrentHashMap<>();
        private java.util.concurrent.ScheduledExecutorService sampler;
        private Stage stage;
        private MainViewModel main;

        Driver(Settings settings, UiServices services, CompletableFuture<Report> done) {
            this.settings = settings;
            this.services = services;
            this.done = done;
        }

        void begin() {
            stage = new Stage();
            main = MainWindow.open(stage, services, null);
            main.jobs().setOnFailure(failed -> fail(failed.title() + " failed: " + failed.error().getMessage()));
            recorder.start();
            startSampler(Thread.currentThread());
            recorder.phase("load");
            JobTask<?> load = main.browser().load(settings.dataset(),
                    settings.trainLimit() == 0 ? null : settings.trainLimit());
            onSuccess(load, () -> after(settings.idleSeconds(), "idle", this::train));
        }

        private void train() {
            recorder.phase("train");
            show("trainTab");
            Scene scene = stage.getScene();
            ComboBox<Architecture> architecture = lookup(scene, "#architectureChoice");
            architecture.setValue(settings.architecture());
            TextField widths = lookup(scene, "#hiddenWidthsField");
            if (!widths.isDisabled() && !settings.hiddenWidths().isEmpty()) {
                widths.setText(settings.hiddenWidths());
            }
            TextField epochs = lookup(scene, "#epochsField");
            epochs.setText(Integer.toString(settings.epochs()));
            TextField batch = lookup(scene, "#batchSizeField");
            batch.setText(Integer.toString(settings.batchSize()));
            Button start = lookup(scene, "#startTrainingButton");
            if (start.isDisabled()) {
                Label problem = lookup(scene, "#trainProblemLabel");
                fail("the Train form refuses to start: " + problem.getText());
                return;
            }
            Workbench workbench = main.workbench();
            workbench.originalProperty().addListener(new javafx.beans.value.ChangeListener<>() {
                @Override
                public void changed(javafx.beans.value.ObservableValue<? extends org.lethe.engine.model.TrainedModel> o,
                        org.lethe.engine.model.TrainedModel old, org.lethe.engine.model.TrainedModel now) {
                    if (now != null) {
                        workbench.originalProperty().removeListener(this);
                        unlearn();
                    }
                }
            });
            start.fire();
        }

        private void unlearn() {
            recorder.phase("unlearn");
            Workbench workbench = main.workbench();
            workbench.forgetSelection().selectClass(settings.forgetClass());
            show("compareTab");
            List<JobTask<?>> queued = new ArrayList<>();
            for (String id : settings.methods()) {
                MethodDescriptor<?> method = workbench.methods().byId(id);
                queued.add(workbench.unlearn(method, method.defaults(), method.displayName()));
            }
            if (queued.isEmpty()) {
                after(settings.idleSeconds(), "compare", this::finish);
                return;
            }
            onSuccess(queued.get(queued.size() - 1), () -> after(settings.idleSeconds(), "compare", this::finish));
        }

        private void finish() {
            recorder.stop();
            sampler.shutdownNow();
            java.util.Map<String, Integer> top = new java.util.LinkedHashMap<>();
            sites.entrySet().stream().sorted(java.util.Map.Entry.<String, Integer>comparingByValue().reversed())
                    .limit(40).forEach(e -> top.put(e.getKey(), e.getValue()));
            done.complete(new Report(recorder.overall(), recorder.phases(), recorder.longestGaps(10), top));
        }

        /** Samples the FX thread's stack while the pulses are late, to tell what held it up. */
        private void startSampler(Thread fx) {
            sampler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "lethe-stall-sampler");
                t.setDaemon(true);
                return t;
            });
            sampler.scheduleAtFixedRate(() -> {
                long last = recorder.lastPulseNanos();
                if (last != Long.MIN_VALUE && System.nanoTime() - last > SAMPLE_AFTER_MILLIS * 1_000_000L) {
                    String site = StallSite.of(fx.getStackTrace(), renderThread().getStackTrace());
                    sites.merge(site, 1, Integer::sum);
                }
            }, SAMPLE_MILLIS, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
        }

        private Thread renderer;

        /** Prism's render thread (or the current thread when there is none, which samples as the sampler). */
        private Thread renderThread() {
            if (renderer == null) {
                renderer = Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getName().startsWith("QuantumRenderer")).findFirst()
                        .orElse(Thread.currentThread());
            }
            return renderer;
        }

        void close() {
            if (sampler != null) {
                sampler.shutdownNow();
            }
            recorder.stop();
            if (stage != null) {
                stage.close();
            }
        }

        private void after(double seconds, String phase, Runnable next) {
            recorder.phase(phase);
            PauseTransition pause = new PauseTransition(javafx.util.Duration.seconds(seconds));
            pause.setOnFinished(e -> next.run());
            pause.play();
        }

        private void onSuccess(Worker<?> task, Runnable next) {
            task.stateProperty().addListener((obs, old, state) -> {
                if (state == Worker.State.SUCCEEDED) {
                    next.run();
                } else if (state == Worker.State.CANCELLED) {
                    fail(task.getTitle() + " was cancelled");
                }
            });
        }

        private void show(String tabId) {
            TabPane tabs = lookup(stage.getScene(), "#tabs");
            for (Tab tab : tabs.getTabs()) {
                if (tabId.equals(tab.getId())) {
                    tabs.getSelectionModel().select(tab);
                    return;
                }
            }
            throw new IllegalStateException("the main window has no tab " + tabId);
        }

        @SuppressWarnings("unchecked")
        private static <T extends Node> T lookup(Scene scene, String selector) {
            Node node = scene.lookup(selector);
            if (node == null) {
                throw new IllegalStateException("the main window has no " + selector);
            }
            return (T) node;
        }

        private void fail(String why) {
            recorder.stop();
            if (sampler != null) {
                sampler.shutdownNow();
            }
            done.completeExceptionally(new IllegalStateException(why));
        }
    }
}
