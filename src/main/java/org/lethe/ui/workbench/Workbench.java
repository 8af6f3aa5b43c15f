package org.lethe.ui.workbench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.lethe.engine.evaluation.ModelEvaluator;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.ModelTraining;
import org.lethe.engine.model.TrainingConfig;
import org.lethe.engine.unlearning.MethodDescriptor;
import org.lethe.engine.unlearning.UnlearningResult;
import org.lethe.ui.jobs.JobTask;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.data.forget.ForgetSetSpec;
import org.lethe.engine.data.forget.ForgetSplit;
import org.lethe.engine.evaluation.mia.ReferenceModels;
import org.lethe.engine.experiment.Comparison;
import org.lethe.engine.model.TrainedModel;
import org.lethe.engine.unlearning.DataSplits;
import org.lethe.engine.unlearning.MethodRegistry;
import org.lethe.ui.common.UiServices;
import org.lethe.ui.dataset.DatasetBrowserViewModel;
import org.lethe.ui.forgetset.ForgetSelection;
import org.lethe.ui.jobs.JobsViewModel;

/**
 * What every screen shares: the jobs queue, the dataset browser with its forget selection, the
 * original (trained) model and the comparison of models built on it. Touch only on the FX thread.
 *
 * <p>Loading another dataset drops the model and the comparison (they belong to the old data);
 * training a new original drops the comparison. Changing the forget set sets the comparison aside,
 * and going back to the set it was built on (undo) brings it back.
 */
public final class Workbench {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final UiServices services;
    private final JobsViewModel jobs;
    private final DatasetBrowserViewModel browser;
    private final MethodRegistry methods = MethodRegistry.standard();
    private final ObjectProperty<TrainedModel> original = new SimpleObjectProperty<>(this, "original");
    private final ObjectProperty<Comparison> comparison = new SimpleObjectProperty<>(this, "comparison");
    private final ObservableList<RunRecord> history = FXCollections.observableArrayList();
    private final org.lethe.ui.common.DisplaySettings display = new org.lethe.ui.common.DisplaySettings();
    /**
     * The comparison as the job queue sees it. Jobs run one at a time, so each unlearning job reads
     * the comparison its predecessors left here and publishes its own to the FX property.
     */
    private final AtomicReference<Comparison> queued = new AtomicReference<>();
    /** The comparison set aside by the last change of the forget set (null after a new original). */
    private Comparison parked;

    /** A workbench on {@code services}. */
    public Workbench(UiServices services) {
        this.services = Objects.requireNonNull(services, "services");
        this.jobs = new JobsViewModel(services.jobs());
        this.browser = new DatasetBrowserViewModel(jobs, services.catalog());
        browser.datasetProperty().addListener((obs, old, data) -> original.set(null));
        original.addListener((obs, old, model) -> {
            parked = null;
            comparison.set(null);
        });
        comparison.addListener((obs, old, now) -> queued.set(now));
        forgetSelection().versionProperty().addListener((obs, old, now) -> followSelection());
    }

    /**
     * A changed forget set sets the comparison aside; when the selection comes back to the set it
     * was built on (undo, or the undo of a double-click's selection), the comparison returns.
     */
    private void followSelection() {
        Comparison current = comparison.get();
        if (current != null && !isOnSelection(current)) {
            parked = current;
            comparison.set(null);
        } else if (current == null && parked != null && isOnSelection(parked)) {
            comparison.set(parked);
        }
    }

    private boolean isOnSelection(Comparison c) {
        return c.splits().dataset() == datasetProperty().get()
                && java.util.Arrays.equals(forgetSelection().indices(), c.splits().forget().toArray());
    }

    /** The engine services. */
    public UiServices services() {
        return services;
    }

    /** The jobs panel; every long action goes through it. */
    public JobsViewModel jobs() {
        return jobs;
    }

    /** The dataset browser and its forget selection. */
    public DatasetBrowserViewModel browser() {
        return browser;
    }

    /** The loaded dataset (null until the first load finishes). */
    public ReadOnlyObjectProperty<ImageDataset> datasetProperty() {
        return browser.datasetProperty();
    }

    /** The samples picked to forget. */
    public ForgetSelection forgetSelection() {
        return browser.forgetSelection();
    }

    /** Theme, UI scale and presenter view; screens bind advanced controls to its presenter property. */
    public org.lethe.ui.common.DisplaySettings display() {
        return display;
    }

    /** Every unlearning method, for forms and queues. */
    public MethodRegistry methods() {
        return methods;
    }

    /** The trained model that unlearning starts from (null until one is trained or loaded). */
    public ObjectProperty<TrainedModel> originalProperty() {
        return original;
    }

    /** The models compared so far on the current forget set (null until the original is evaluated). */
    public ObjectProperty<Comparison> comparisonProperty() {
        return comparison;
    }

    /** Every finished run, oldest first. */
    public ObservableList<RunRecord> history() {
        return history;
    }

    /**
     * Trains a new original model on the loaded dataset as a job; on success it becomes the
     * original (which clears the comparison) and joins the history.
     *
     * @param liveMetrics receives the trainer's metric points (loss per step, accuracies per epoch)
     *     on the FX thread, for live charts
     */
    public JobTask<TrainedModel> train(ModelSpec spec, TrainingConfig config,
            Consumer<List<JobTask.MetricPoint>> liveMetrics) {
        ImageDataset data = requireDataset();
        // the settings' JSON is written on the job's thread: Jackson's first use (class loading,
        // record introspection) took 100-200 ms, a visible stall when done on the FX thread
        java.util.concurrent.atomic.AtomicReference<String> settingsJson = new java.util.concurrent.atomic.AtomicReference<>();
        JobTask<TrainedModel> task = jobs.submit("Train " + spec.architecture().id() + " on " + data.name(),
                ctx -> {
                    settingsJson.set(json(Map.of("model", spec, "training", config)));
                    return ModelTraining.train(data, spec, config, ctx);
                }, model -> {
                    if (datasetProperty().get() != data) {
                        return; // another dataset was loaded meanwhile: the model belongs to the old one
                    }
                    original.set(model);
                    history.add(new RunRecord(Instant.now(), RunRecord.Kind.TRAIN, "Original",
                            spec.architecture().id(), settingsJson.get(), spec.seed(),
                            model.provenance().seconds(), data.name(), 0, null));
                });
        task.setMetricSink(liveMetrics);
        return task;
    }

    /**
     * Queues an unlearning run of {@code method} with {@code params} on the current forget set. The
     * first run on a new forget set also evaluates the original; on success the run joins the
     * comparison (a {@code retrain} run becomes its reference) and the history.
     *
     * @param label the name in charts and tables (a later run with the same label replaces it)
     * @throws IllegalStateException when there is no original model, dataset or forget set
     */
    public JobTask<Comparison> unlearn(MethodDescriptor<?> method, Record params, String label) {
        TrainedModel model = original.get();
        if (model == null) {
            throw new IllegalStateException("train or open a model first");
        }
        DataSplits splits = currentSplits();
        long seed = seedOf(params);
        java.util.concurrent.atomic.AtomicReference<String> paramsJson = new java.util.concurrent.atomic.AtomicReference<>();
        return jobs.submit(label, ctx -> {
            paramsJson.set(json(params)); // off the FX thread, as in train
            Comparison base = queued.get();
            if (base == null || base.splits().dataset() != splits.dataset()
                    || !base.splits().forget().sha256().equals(splits.forget().sha256())) {
                base = Comparison.start(splits, model, ModelEvaluator.DEFAULT_RETAIN_SAMPLE, 0, ctx.slice(0, 0.1));
            }
            UnlearningResult result = method.run(model, splits, params, ctx.slice(0.1, 0.9));
            Comparison next = base.with(result, label, ctx.slice(0.9, 1));
            queued.set(next);
            return next;
        }, next -> {
            if (original.get() != model || datasetProperty().get() != splits.dataset()
                    || !java.util.Arrays.equals(forgetSelection().indices(), splits.forget().toArray())) {
                return; // the original or the forget set changed meanwhile: this result belongs to the old ones
            }
            comparison.set(next);
            Comparison.Row row = next.rows().stream().filter(r -> r.label().equals(label)).findFirst().orElseThrow();
            history.add(new RunRecord(Instant.now(), RunRecord.Kind.UNLEARN, label, method.id(), paramsJson.get(), seed,
                    row.seconds(), splits.dataset().name(), splits.forget().size(), row.evaluated().metrics()));
        });
    }

    /**
     * Trains {@code count} RMIA reference models of the original's architecture and training
     * settings on random halves of the loaded dataset's train + test images, as a job, and then
     * attacks every model of the comparison with offline RMIA (models added later are attacked too).
     *
     * @throws IllegalStateException when there is no original, no comparison yet, or the original
     *     carries no training settings
     */
    public JobTask<Comparison> addReferenceModels(int count) {
        TrainedModel model = original.get();
        if (model == null) {
            throw new IllegalStateException("train or open a model first");
        }
        if (comparison.get() == null) {
            throw new IllegalStateException("queue an unlearning method first: RMIA attacks the compared models");
        }
        TrainingConfig config = model.provenance().training();
        if (config == null) {
            throw new IllegalStateException("the original model has no training settings to train reference models with");
        }
        ImageDataset data = requireDataset();
        long seed = model.spec().seed();
        return jobs.submit("RMIA: train " + count + " reference models", ctx -> {
            ReferenceModels refs = ReferenceModels.train(data, model.spec(), config, count, seed, ctx.slice(0, 0.8));
            Comparison base = queued.get();
            if (base == null) {
                throw new IllegalStateException("the comparison was cleared while the reference models trained");
            }
            Comparison next = base.withReferenceModels(new Comparison.RmiaSetup(refs, seed), ctx.slice(0.8, 1));
            queued.set(next);
            return next;
        }, next -> {
            if (original.get() == model && datasetProperty().get() == data) {
                comparison.set(next);
            }
        });
    }

    /** Drops RMIA from the comparison (its numbers, ROCs and reference models). */
    public void dropReferenceModels() {
        Comparison c = comparison.get();
        if (c != null && c.referenceModels().isPresent()) {
            comparison.set(c.withoutReferenceModels());
        }
    }

    private static long seedOf(Record params) {
        for (var c : params.getClass().getRecordComponents()) {
            if (c.getName().equals("seed") && (c.getType() == long.class || c.getType() == int.class)) {
                try {
                    return ((Number) c.getAccessor().invoke(params)).longValue();
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return 0;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value + " as JSON", e);
        }
    }

    private ImageDataset requireDataset() {
        ImageDataset data = browser.datasetProperty().get();
        if (data == null) {
            throw new IllegalStateException("no dataset loaded");
        }
        return data;
    }

    /**
     * The current forget selection as splits over the loaded dataset.
     *
     * @throws IllegalStateException when no dataset is loaded or nothing is selected
     */
    public DataSplits currentSplits() {
        ImageDataset data = requireDataset();
        int[] picked = forgetSelection().indices();
        if (picked.length == 0) {
            throw new IllegalStateException("the forget set is empty");
        }
        ForgetSplit split = new ForgetSetSpec.Samples(picked).resolve(data, 0);
        return DataSplits.of(data, split);
    }
}
