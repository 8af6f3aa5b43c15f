package org.lethe.ui.unlearn;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.experiment.Comparison;
import org.lethe.engine.model.TrainedModel;
import org.lethe.engine.unlearning.MethodDescriptor;
import org.lethe.engine.unlearning.retrain.Retrain;
import org.lethe.ui.jobs.JobTask;
import org.lethe.ui.workbench.Workbench;

/**
 * State of the Unlearn screen: every registered method with its check box and parameters, the
 * forget set's summary, what blocks queueing, and the action that queues Retrain (when the
 * comparison has no retrained model yet) followed by each checked method. Use on the FX thread.
 */
public final class UnlearnViewModel {

    private final Workbench workbench;
    private final ObservableList<MethodEntry> methods = FXCollections.observableArrayList();
    private final ObjectProperty<MethodEntry> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyStringWrapper warning = new ReadOnlyStringWrapper(this, "warning", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem");
    private final ReadOnlyStringWrapper plan = new ReadOnlyStringWrapper(this, "plan", "");
    private final ReadOnlyStringWrapper compared = new ReadOnlyStringWrapper(this, "compared", "");
    private final ReadOnlyStringWrapper originalText = new ReadOnlyStringWrapper(this, "originalText", "");
    private final ReadOnlyStringWrapper forgetCount = new ReadOnlyStringWrapper(this, "forgetCount", "");
    private final ReadOnlyStringWrapper forgetPerClass = new ReadOnlyStringWrapper(this, "forgetPerClass", "");
    private final ReadOnlyBooleanWrapper canQueue = new ReadOnlyBooleanWrapper(this, "canQueue");
    /** The queued Retrain not finished yet, and the model and forget set it was queued for. */
    private JobTask<Comparison> pendingRetrain;
    private TrainedModel pendingRetrainModel;
    private int pendingRetrainForget;

    /** The Unlearn screen of {@code workbench}. */
    public UnlearnViewModel(Workbench workbench) {
        this.workbench = Objects.requireNonNull(workbench, "workbench");
        for (MethodDescriptor<?> m : workbench.methods().all()) {
            methods.add(new MethodEntry(m));
        }
        List<Observable> inputs = new ArrayList<>(List.of(workbench.originalProperty(), workbench.datasetProperty(),
                workbench.comparisonProperty(), workbench.forgetSelection().countProperty()));
        for (MethodEntry e : methods) {
            inputs.add(e.checkedProperty());
            inputs.add(e.errorProperty());
        }
        inputs.forEach(o -> o.addListener(x -> refresh()));
        workbench.forgetSelection().versionProperty().addListener(x -> describeForgetSet());
        workbench.datasetProperty().addListener(x -> describeForgetSet());
        describeForgetSet();
        if (!methods.isEmpty()) {
            selected.set(methods.get(0));
        }
        refresh();
    }

    /** The methods in registry order. */
    public ObservableList<MethodEntry> methods() {
        return methods;
    }

    /** The entry whose description and parameters are shown. */
    public ObjectProperty<MethodEntry> selectedProperty() {
        return selected;
    }

    /** The entry of method {@code id}. */
    public MethodEntry entry(String id) {
        return methods.stream().filter(e -> e.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no method " + id));
    }

    /** Unchecks every method. */
    public void uncheckAll() {
        methods.forEach(e -> e.checkedProperty().set(false));
    }

    /** "612 images to forget" or "Nothing selected to forget". */
    public ReadOnlyStringProperty forgetCountProperty() {
        return forgetCount.getReadOnlyProperty();
    }

    /** The forget set per class, e.g. "3 × 600 · 5 × 12", every class that has a sample in it. */
    public ReadOnlyStringProperty forgetPerClassProperty() {
        return forgetPerClass.getReadOnlyProperty();
    }

    private void describeForgetSet() {
        ImageDataset data = workbench.datasetProperty().get();
        int[] picked = workbench.forgetSelection().indices();
        if (data == null || picked.length == 0) {
            forgetCount.set("Nothing selected to forget");
            forgetPerClass.set("");
            return;
        }
        forgetCount.set(String.format("%,d %s to forget (%.1f %% of %,d)", picked.length,
                picked.length == 1 ? "image" : "images", 100.0 * picked.length / data.train().count(),
                data.train().count()));
        int[] perClass = new int[data.numClasses()];
        for (int i : picked) {
            perClass[data.train().label(i)]++;
        }
        List<String> parts = new ArrayList<>();
        for (int c = 0; c < perClass.length; c++) {
            if (perClass[c] > 0) {
                parts.add(data.classNames().get(c) + "\u00a0\u00d7\u00a0" + perClass[c]); // no line break inside
            }
        }
        forgetPerClass.set(String.join("  \u00b7  ", parts));
    }

    /** What is missing before anything can be queued (no model, empty forget set), or "". */
    public ReadOnlyStringProperty warningProperty() {
        return warning.getReadOnlyProperty();
    }

    /** Why the checked methods cannot be queued (none checked, an invalid parameter), or null. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** What "Queue selected" would queue, e.g. "Queue: Retrain, Fine-tune (FT)". */
    public ReadOnlyStringProperty planProperty() {
        return plan.getReadOnlyProperty();
    }

    /** The models in the comparison so far, or "". */
    public ReadOnlyStringProperty comparedProperty() {
        return compared.getReadOnlyProperty();
    }

    /** One line about the original model. */
    public ReadOnlyStringProperty originalTextProperty() {
        return originalText.getReadOnlyProperty();
    }

    /** Whether "Queue selected" may be pressed. */
    public ReadOnlyBooleanProperty canQueueProperty() {
        return canQueue.getReadOnlyProperty();
    }

    private void refresh() {
        TrainedModel model = workbench.originalProperty().get();
        originalText.set(model == null ? "No original model yet."
                : "Original: " + model.spec().architecture().id() + " trained on "
                        + model.provenance().datasetName() + String.format(" (%,d images)",
                                model.provenance().trainSubsetSize()));
        List<String> missing = new ArrayList<>();
        if (workbench.datasetProperty().get() == null) {
            missing.add("No dataset is loaded.");
        }
        if (model == null) {
            missing.add("No original model: train one on the Train tab (Ctrl+T) or open a saved one.");
        }
        if (workbench.forgetSelection().countProperty().get() == 0) {
            missing.add("The forget set is empty: pick images on the Data tab.");
        }
        warning.set(String.join("\n", missing));

        List<MethodEntry> toQueue = plannedEntries();
        String blocker = null;
        if (methods.stream().noneMatch(e -> e.checkedProperty().get())) {
            blocker = "Check at least one method to queue.";
        } else {
            for (MethodEntry e : toQueue) {
                if (e.errorProperty().get() != null) {
                    blocker = e.displayName() + ": " + e.errorProperty().get();
                    break;
                }
            }
        }
        problem.set(blocker);
        plan.set(toQueue.isEmpty() ? "" : "Queue: " + toQueue.stream().map(MethodEntry::displayName)
                .collect(Collectors.joining(", ")));
        Comparison c = workbench.comparisonProperty().get();
        compared.set(c == null ? "" : c.rows().stream().map(Comparison.Row::label).collect(Collectors.joining(", ")));
        canQueue.set(missing.isEmpty() && blocker == null);
    }

    /** Retrain first unless the comparison has (or a queued job will bring) one, then each checked method. */
    private List<MethodEntry> plannedEntries() {
        List<MethodEntry> planned = new ArrayList<>();
        boolean anyChecked = methods.stream().anyMatch(e -> e.checkedProperty().get());
        MethodEntry retrain = methods.stream().filter(e -> e.id().equals(Retrain.ID)).findFirst().orElse(null);
        if (anyChecked && retrain != null && !retrain.checkedProperty().get() && !retrainComingOrThere()) {
            planned.add(retrain);
        }
        for (MethodEntry e : methods) {
            if (e.checkedProperty().get()) {
                planned.add(e);
            }
        }
        return planned;
    }

    private boolean retrainComingOrThere() {
        Comparison c = workbench.comparisonProperty().get();
        if (c != null && c.retrained().isPresent()) {
            return true;
        }
        return pendingRetrain != null && !pendingRetrain.isDone()
                && pendingRetrainModel == workbench.originalProperty().get()
                && pendingRetrainForget == forgetHash();
    }

    private int forgetHash() {
        return java.util.Arrays.hashCode(workbench.forgetSelection().indices());
    }

    /**
     * Queues Retrain (unless the comparison already has it or it is on its way) and then every
     * checked method, each as a job in the jobs panel.
     *
     * @return the queued jobs in order; empty when something blocks queueing
     */
    public List<JobTask<Comparison>> queueSelected() {
        refresh();
        if (!canQueue.get()) {
            return List.of();
        }
        List<JobTask<Comparison>> queued = new ArrayList<>();
        for (MethodEntry e : plannedEntries()) {
            JobTask<Comparison> job = workbench.unlearn(e.method(), e.params(), e.displayName());
            if (e.id().equals(Retrain.ID)) {
                pendingRetrain = job;
                pendingRetrainModel = workbench.originalProperty().get();
                pendingRetrainForget = forgetHash();
                job.stateProperty().addListener((obs, old, state) -> refresh());
            }
            queued.add(job);
        }
        refresh();
        return queued;
    }
}
