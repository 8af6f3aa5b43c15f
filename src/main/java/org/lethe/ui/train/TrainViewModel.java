package org.lethe.ui.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.concurrent.Worker;
import org.lethe.engine.LetheException;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.data.ImageShape;
import org.lethe.engine.model.Architecture;
import org.lethe.engine.model.EpochStats;
import org.lethe.engine.model.ModelFileException;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.ModelStore;
import org.lethe.engine.model.Precision;
import org.lethe.engine.model.TrainedModel;
import org.lethe.engine.model.TrainingConfig;
import org.lethe.engine.model.optim.LrSchedule;
import org.lethe.engine.model.optim.OptimizerConfig;
import org.lethe.ui.common.ValidatedField;
import org.lethe.ui.jobs.JobTask;
import org.lethe.ui.workbench.Workbench;
import org.lethe.viz.ChartStyle;
import org.lethe.viz.TrainingCurvesChart;

/**
 * State of the Train screen: the form (model spec and recipe) with its validation, the running
 * training job with its live curves, the original model's summary, and saving and opening model
 * files. Every long action runs as a job of the workbench. Use on the FX thread.
 *
 * <p>Defaults follow {@code lethe train}: Adam, lr 0.001, batch 64, seed 7, LeNet for one-channel
 * images (MNIST, Fashion-MNIST) for 3 epochs and the CIFAR CNN for colour images for 10 epochs. They
 * are applied when a dataset of another shape is loaded; limiting the training images keeps the form.
 */
public final class TrainViewModel {

    /** The seed the form starts with (the CLI's default). */
    public static final long DEFAULT_SEED = 7;
    /** Shortest time between two redraws of the live curves. */
    public static final long REDRAW_MILLIS = 250;

    private final Workbench workbench;
    private final ModelStore store = new ModelStore();

    private final ObjectProperty<Architecture> architecture = new SimpleObjectProperty<>(this, "architecture",
            Architecture.LENET);
    private final ValidatedField hiddenWidths = new ValidatedField("Hidden widths", "500", TrainViewModel::checkWidths);
    private final ReadOnlyBooleanWrapper hiddenWidthsEditable = new ReadOnlyBooleanWrapper(true);
    private final BooleanProperty batchNorm = new SimpleBooleanProperty(this, "batchNorm");
    private final ReadOnlyBooleanWrapper batchNormEditable = new ReadOnlyBooleanWrapper(false);
    private final ObjectProperty<Precision> precision = new SimpleObjectProperty<>(this, "precision", Precision.FLOAT);
    private final ValidatedField epochs = ValidatedField.integer("Epochs", 3, 1, 1000);
    private final ValidatedField batchSize = ValidatedField.integer("Batch size", 64, 1, 4096);
    private final ObjectProperty<OptimizerConfig.Kind> optimizer = new SimpleObjectProperty<>(this, "optimizer",
            OptimizerConfig.Kind.ADAM);
    private final ValidatedField learningRate = ValidatedField.decimal("Learning rate", 1e-3, 1e-7, 10);
    private final ValidatedField momentum = ValidatedField.decimal("Momentum", 0.9, 0, 0.999);
    private final ValidatedField weightDecay = ValidatedField.decimal("Weight decay", 0, 0, 1);
    private final ObjectProperty<ScheduleKind> schedule = new SimpleObjectProperty<>(this, "schedule",
            ScheduleKind.CONSTANT);
    private final ValidatedField stepSize = ValidatedField.integer("Step size", 1, 1, 1000);
    private final ValidatedField gamma = ValidatedField.decimal("Gamma", 0.5, 0.001, 1);
    private final ValidatedField seed = ValidatedField.integer("Seed", DEFAULT_SEED, 0, Long.MAX_VALUE);

    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "");
    private final ReadOnlyObjectWrapper<ThrottledChart> curves = new ReadOnlyObjectWrapper<>(this, "curves");
    private final ReadOnlyObjectWrapper<ModelSummary> summary = new ReadOnlyObjectWrapper<>(this, "summary");
    private final BooleanBinding canStart;
    private JobTask<TrainedModel> task;
    private TrainingCurvesChart liveCurves;
    /** The model the last live run produced (its curves are on screen). */
    private TrainedModel liveResult;
    private String formShape;

    /** The Train screen of {@code workbench}. */
    public TrainViewModel(Workbench workbench) {
        this.workbench = Objects.requireNonNull(workbench, "workbench");
        curves.set(new ThrottledChart(new TrainingCurvesChart(1, ChartStyle.standard()).chart(), REDRAW_MILLIS));
        architecture.addListener((obs, old, now) -> applyArchitectureDefaults());
        workbench.datasetProperty().addListener((obs, old, data) -> datasetChanged(data));
        workbench.originalProperty().addListener((obs, old, model) -> originalChanged(model));
        List<Observable> inputs = new ArrayList<>(List.of(architecture, batchNorm, precision, optimizer, schedule,
                workbench.datasetProperty()));
        for (ValidatedField f : fields()) {
            inputs.add(f.textProperty());
        }
        for (Observable o : inputs) {
            o.addListener(x -> validate());
        }
        canStart = Bindings.createBooleanBinding(() -> problem.get() == null && !running.get(), problem, running);
        datasetChanged(workbench.datasetProperty().get());
        originalChanged(workbench.originalProperty().get());
        validate();
    }

    private List<ValidatedField> fields() {
        return List.of(hiddenWidths, epochs, batchSize, learningRate, momentum, weightDecay, stepSize, gamma, seed);
    }

    // ---- the form -------------------------------------------------------------------------------

    /** The network family. */
    public ObjectProperty<Architecture> architectureProperty() {
        return architecture;
    }

    /** Widths of the hidden dense layers, e.g. "300" or "512, 256". */
    public ValidatedField hiddenWidths() {
        return hiddenWidths;
    }

    /** Whether the architecture has hidden dense layers to size. */
    public ReadOnlyBooleanProperty hiddenWidthsEditableProperty() {
        return hiddenWidthsEditable.getReadOnlyProperty();
    }

    /** Batch normalisation after the convolutions. */
    public BooleanProperty batchNormProperty() {
        return batchNorm;
    }

    /** Whether the architecture lets batch normalisation be switched. */
    public ReadOnlyBooleanProperty batchNormEditableProperty() {
        return batchNormEditable.getReadOnlyProperty();
    }

    /** float32 or float64. */
    public ObjectProperty<Precision> precisionProperty() {
        return precision;
    }

    /** Passes over the training images. */
    public ValidatedField epochs() {
        return epochs;
    }

    /** Images per step. */
    public ValidatedField batchSize() {
        return batchSize;
    }

    /** Adam or SGD. */
    public ObjectProperty<OptimizerConfig.Kind> optimizerProperty() {
        return optimizer;
    }

    /** The (first) learning rate. */
    public ValidatedField learningRate() {
        return learningRate;
    }

    /** SGD momentum (not used by Adam). */
    public ValidatedField momentum() {
        return momentum;
    }

    /** Coupled L2 weight decay. */
    public ValidatedField weightDecay() {
        return weightDecay;
    }

    /** The learning-rate schedule. */
    public ObjectProperty<ScheduleKind> scheduleProperty() {
        return schedule;
    }

    /** Epochs between decays of the step schedule. */
    public ValidatedField stepSize() {
        return stepSize;
    }

    /** Decay factor of the step schedule. */
    public ValidatedField gamma() {
        return gamma;
    }

    /** Seed of the initial weights and of the shuffles. */
    public ValidatedField seed() {
        return seed;
    }

    /** Why training cannot start from the form as it is, or null. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** Whether Start may be pressed. */
    public BooleanBinding canStartProperty() {
        return canStart;
    }

    /** The spec and recipe the form describes (only while {@link #problemProperty()} is null). */
    public TrainRequest request() {
        ImageDataset data = workbench.datasetProperty().get();
        if (data == null) {
            throw new IllegalStateException("no dataset loaded");
        }
        List<Integer> widths = hiddenWidthsEditable.get() ? parseWidths(hiddenWidths.value()) : List.of();
        ModelSpec spec = new ModelSpec(architecture.get(), data.shape(), data.numClasses(), widths, batchNorm.get(),
                precision.get(), seed.longValue());
        OptimizerConfig opt = optimizer.get() == OptimizerConfig.Kind.SGD
                ? OptimizerConfig.sgd(momentum.doubleValue(), weightDecay.doubleValue())
                : OptimizerConfig.adam(weightDecay.doubleValue());
        double lr = learningRate.doubleValue();
        LrSchedule lrSchedule = switch (schedule.get()) {
            case CONSTANT -> LrSchedule.constant(lr);
            case STEP -> new LrSchedule.Step(lr, stepSize.intValue(), gamma.doubleValue());
            case COSINE -> new LrSchedule.Cosine(lr, epochs.intValue(), 0);
        };
        return new TrainRequest(spec, new TrainingConfig(epochs.intValue(), batchSize.intValue(), opt, lrSchedule,
                seed.longValue()));
    }

    private void validate() {
        problem.set(findProblem());
    }

    private String findProblem() {
        if (workbench.datasetProperty().get() == null) {
            return "Load a dataset first (Data tab).";
        }
        List<ValidatedField> used = new ArrayList<>(List.of(epochs, batchSize, learningRate, weightDecay, seed));
        if (hiddenWidthsEditable.get()) {
            used.add(0, hiddenWidths);
        }
        if (optimizer.get() == OptimizerConfig.Kind.SGD) {
            used.add(momentum);
        }
        if (schedule.get() == ScheduleKind.STEP) {
            used.add(stepSize);
            used.add(gamma);
        }
        for (ValidatedField f : used) {
            if (!f.isValid()) {
                return f.errorProperty().get();
            }
        }
        try {
            request();
            return null;
        } catch (LetheException | IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static String checkWidths(String text) {
        if (text.isEmpty()) {
            return null;
        }
        for (String part : text.split("[,\\s]+")) {
            String problem = ValidatedField.checkInteger("Hidden widths", part, 1, 100_000);
            if (problem != null) {
                return problem + " (list widths separated by commas, e.g. 512, 256)";
            }
        }
        return null;
    }

    private static List<Integer> parseWidths(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        List<Integer> widths = new ArrayList<>();
        for (String part : text.split("[,\\s]+")) {
            widths.add(Integer.parseInt(part));
        }
        return widths;
    }

    private ImageShape formInput() {
        ImageDataset data = workbench.datasetProperty().get();
        return data == null ? new ImageShape(1, 28, 28) : data.shape();
    }

    private int formClasses() {
        ImageDataset data = workbench.datasetProperty().get();
        return data == null ? 10 : data.numClasses();
    }

    /** Hidden widths and batch norm as the architecture expects them. */
    private void applyArchitectureDefaults() {
        ModelSpec defaults;
        try {
            defaults = ModelSpec.defaults(architecture.get(), formInput(), formClasses());
        } catch (LetheException e) {
            hiddenWidthsEditable.set(true);
            batchNormEditable.set(false);
            batchNorm.set(false);
            validate();
            return; // the architecture cannot take these images: the problem line says why
        }
        hiddenWidthsEditable.set(!defaults.hiddenWidths().isEmpty());
        hiddenWidths.textProperty().set(defaults.hiddenWidths().stream().map(String::valueOf)
                .reduce((a, b) -> a + ", " + b).orElse(""));
        boolean other;
        try {
            defaults.withBatchNorm(!defaults.batchNorm());
            other = true;
        } catch (LetheException e) {
            other = false;
        }
        batchNormEditable.set(other);
        batchNorm.set(defaults.batchNorm());
        validate();
    }

    private void datasetChanged(ImageDataset data) {
        if (data == null) {
            return;
        }
        String shape = data.shape() + "/" + data.numClasses();
        if (shape.equals(formShape)) {
            return; // e.g. fewer training images of the same dataset: keep what the user set
        }
        formShape = shape;
        boolean colour = data.shape().channels() > 1;
        Architecture preferred = colour ? Architecture.CIFAR_CNN : Architecture.LENET;
        epochs.textProperty().set(colour ? "10" : "3");
        if (architecture.get() == preferred) {
            applyArchitectureDefaults();
        } else {
            architecture.set(preferred);
        }
    }

    // ---- training -------------------------------------------------------------------------------

    /** Whether a training job is queued or running. */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** The running job's progress in [0, 1] (or -1 while unknown). */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** The running job's last message, e.g. "epoch 2/3, step 120". */
    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    /** The loss and accuracy curves of the current (or last) run. */
    public ReadOnlyObjectProperty<ThrottledChart> curvesProperty() {
        return curves.getReadOnlyProperty();
    }

    /**
     * Starts training the form's model on the loaded dataset as a job; its result becomes the
     * workbench's original model.
     *
     * @return the job, or null when the form has a problem or a training is already running
     */
    public JobTask<TrainedModel> start() {
        if (!canStart.get()) {
            return null;
        }
        TrainRequest req = request();
        ImageDataset data = workbench.datasetProperty().get();
        int perEpoch = Math.max(1, (data.train().count() + req.config().batchSize() - 1) / req.config().batchSize());
        TrainingCurvesChart chart = new TrainingCurvesChart(perEpoch, ChartStyle.standard());
        // the whole run's epochs from the start, so the curves grow from left to right
        chart.chart().getXYPlot().getDomainAxis().setRange(0, req.config().epochs());
        ThrottledChart throttled = new ThrottledChart(chart.chart(), REDRAW_MILLIS);
        liveCurves = chart;
        curves.set(throttled);
        JobTask<TrainedModel> job = workbench.train(req.spec(), req.config(), points -> {
            if (liveCurves == chart) {
                throttled.update(() -> points.forEach(p -> plot(chart, p)));
            }
        });
        task = job;
        running.set(true);
        progress.bind(job.progressProperty());
        progressText.bind(job.messageProperty());
        job.stateProperty().addListener((obs, old, state) -> {
            if (state == Worker.State.SUCCEEDED || state == Worker.State.FAILED
                    || state == Worker.State.CANCELLED) {
                finished(job, throttled, state);
            }
        });
        return job;
    }

    private static void plot(TrainingCurvesChart chart, JobTask.MetricPoint p) {
        switch (p.series()) {
            case "loss" -> chart.appendLoss((long) p.x(), p.y());
            case "trainAccuracy" -> chart.appendAccuracy((int) p.x(), 100 * p.y(), Double.NaN);
            case "testAccuracy" -> chart.appendAccuracy((int) p.x(), Double.NaN, 100 * p.y());
            default -> { }
        }
    }

    private void finished(JobTask<TrainedModel> job, ThrottledChart chart, Worker.State state) {
        chart.chart().getXYPlot().getDomainAxis().setAutoRange(true); // the margins back around the last epoch
        chart.flush();
        if (task != job) {
            return;
        }
        task = null;
        if (state == Worker.State.SUCCEEDED) {
            liveResult = job.getValue();
        }
        progress.unbind();
        progressText.unbind();
        running.set(false);
        progress.set(state == Worker.State.SUCCEEDED ? 1 : 0);
        progressText.set(switch (state) {
            case SUCCEEDED -> "Finished";
            case CANCELLED -> "Cancelled";
            default -> "Failed";
        });
    }

    /** Cancels the running training, if any (the original model stays as it was). */
    public void cancel() {
        if (task != null) {
            task.cancel();
        }
    }

    // ---- the original model ---------------------------------------------------------------------

    /** What the original model is, or null while there is none. */
    public ReadOnlyObjectProperty<ModelSummary> summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The loaded dataset the form trains on. */
    public ReadOnlyObjectProperty<ImageDataset> datasetProperty() {
        return workbench.datasetProperty();
    }

    /** A file name for saving the original model, e.g. "lenet-mnist.lethe". */
    public String suggestedFileName() {
        TrainedModel model = workbench.originalProperty().get();
        if (model == null) {
            return "model" + ModelStore.EXTENSION;
        }
        String data = model.provenance().datasetName().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return model.spec().architecture().id() + "-" + data + ModelStore.EXTENSION;
    }

    /** Whether there is a model to save. */
    public BooleanBinding canSaveProperty() {
        return workbench.originalProperty().isNotNull();
    }

    private void originalChanged(TrainedModel model) {
        summary.set(model == null ? null : ModelSummary.of(model, workbench.datasetProperty().get()));
        if (model != null && task == null && model != liveResult) {
            showHistory(model); // opened or made elsewhere: its stored history replaces the last run's curves
        }
    }

    /** Draws a stored model's per-epoch history (mean loss and accuracies), e.g. after opening it. */
    private void showHistory(TrainedModel model) {
        List<EpochStats> history = model.provenance().history();
        TrainingCurvesChart chart = new TrainingCurvesChart(1, ChartStyle.standard());
        for (EpochStats e : history) {
            chart.appendLoss(e.epoch() + 1, e.meanLoss());
            chart.appendAccuracy(e.epoch() + 1, 100 * e.trainAccuracy(), 100 * e.testAccuracy());
        }
        liveCurves = chart;
        curves.set(new ThrottledChart(chart.chart(), REDRAW_MILLIS));
    }

    /**
     * Where "Save model" writes when the user picked {@code chosen}: the file itself when it ends in
     * {@code .lethe} (the file chooser has confirmed any replacement), otherwise that name plus
     * {@code .lethe}, which must not exist yet, since nobody confirmed replacing it.
     *
     * @throws ModelFileException if the completed name is an existing file
     */
    public static Path saveTarget(Path chosen) {
        if (chosen.getFileName().toString().endsWith(ModelStore.EXTENSION)) {
            return chosen;
        }
        Path completed = chosen.resolveSibling(chosen.getFileName() + ModelStore.EXTENSION);
        if (Files.exists(completed)) {
            throw new ModelFileException(completed, "already exists; pick it in the file chooser to replace it, "
                    + "or choose another name");
        }
        return completed;
    }

    /**
     * Saves the original model to {@code file} as a job (an atomic write; errors go to the dialog
     * service and name the file).
     *
     * @return the job, or null when there is no model
     */
    public JobTask<Path> save(Path file) {
        TrainedModel model = workbench.originalProperty().get();
        if (model == null) {
            return null;
        }
        return workbench.jobs().submit("Save model to " + file, ctx -> {
            store.save(model, file);
            return file;
        }, saved -> progressText.set("Saved " + saved.getFileName()));
    }

    /**
     * Opens a model file as a job; when it fits the loaded dataset it becomes the original model.
     * A damaged file, another format or a model for other images fails the job with a message
     * naming the file.
     *
     * @return the job, or null when no dataset is loaded
     */
    public JobTask<TrainedModel> open(Path file) {
        ImageDataset data = workbench.datasetProperty().get();
        if (data == null) {
            return null;
        }
        return workbench.jobs().submit("Open model " + file, ctx -> {
            TrainedModel model = store.load(file);
            ModelSpec spec = model.spec();
            if (!spec.input().equals(data.shape()) || spec.numClasses() != data.numClasses()) {
                throw new ModelFileException(file, "the model takes " + describe(spec.input()) + " images in "
                        + spec.numClasses() + " classes, but the loaded " + data.name() + " has "
                        + describe(data.shape()) + " images in " + data.numClasses() + " classes");
            }
            return model;
        }, model -> {
            if (workbench.datasetProperty().get() == data) {
                workbench.originalProperty().set(model);
                progressText.set("Opened " + file.getFileName());
            }
        });
    }

    private static String describe(ImageShape shape) {
        return shape.channels() + "\u00d7" + shape.height() + "\u00d7" + shape.width();
    }
}
