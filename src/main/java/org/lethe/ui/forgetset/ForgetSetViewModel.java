package org.lethe.ui.forgetset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.concurrent.WorkerStateEvent;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.data.forget.IndexListFile;
import org.lethe.engine.model.TrainedModel;
import org.lethe.ui.common.Strings;
import org.lethe.ui.dataset.DatasetBrowserViewModel;
import org.lethe.ui.jobs.JobTask;
import org.lethe.ui.workbench.Workbench;

/**
 * The forget-set tools of the Data screen beyond clicking: the grid's order (by the original
 * model's confidence or loss), "hardest to forget" (the most confidently learnt images of the
 * current filter) and index-list import and export. Scores, reading and writing run as jobs; every
 * change of the selection goes through {@link ForgetSelection}, so it can be undone. Use on the FX
 * thread.
 */
public final class ForgetSetViewModel {

    /** How many images "hardest to forget" picks unless told otherwise. */
    public static final int DEFAULT_HARDEST = 100;

    private final Workbench workbench;
    private final ObjectProperty<GridSort> sort = new SimpleObjectProperty<>(this, "sort", GridSort.INDEX);
    private final IntegerProperty hardestCount = new SimpleIntegerProperty(this, "hardestCount", DEFAULT_HARDEST);
    private final ReadOnlyObjectWrapper<SampleScores> scores = new ReadOnlyObjectWrapper<>(this, "scores");
    private final ReadOnlyBooleanWrapper scoring = new ReadOnlyBooleanWrapper(this, "scoring");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final BooleanBinding modelReady;
    private final List<Consumer<SampleScores>> waiting = new ArrayList<>();
    private JobTask<SampleScores> pending;

    /** The tools on {@code workbench}'s dataset, forget selection and original model. */
    public ForgetSetViewModel(Workbench workbench) {
        this.workbench = workbench;
        modelReady = Bindings.createBooleanBinding(
                () -> workbench.originalProperty().get() != null && workbench.datasetProperty().get() != null,
                workbench.originalProperty(), workbench.datasetProperty());
        workbench.originalProperty().addListener((obs, old, model) -> modelOrDataChanged());
        workbench.datasetProperty().addListener((obs, old, data) -> modelOrDataChanged());
        sort.addListener((obs, old, now) -> applySort());
    }

    /** The order of the grid; anything but {@link GridSort#INDEX} needs a model (scored as a job). */
    public ObjectProperty<GridSort> sortProperty() {
        return sort;
    }

    /** How many images {@link #selectHardest()} picks (at least 1). */
    public IntegerProperty hardestCountProperty() {
        return hardestCount;
    }

    /** True once there is an original model on the loaded dataset: sorting and "hardest" work. */
    public BooleanBinding modelReadyBinding() {
        return modelReady;
    }

    /** The original model's scores of the training images, once computed (null before). */
    public ReadOnlyObjectProperty<SampleScores> scoresProperty() {
        return scores.getReadOnlyProperty();
    }

    /** True while the scores are being computed. */
    public ReadOnlyBooleanProperty scoringProperty() {
        return scoring.getReadOnlyProperty();
    }

    /** The outcome of the last import, export or "hardest" pick, for the status line. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    private DatasetBrowserViewModel browser() {
        return workbench.browser();
    }

    private void modelOrDataChanged() {
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
        waiting.clear();
        scoring.set(false);
        scores.set(null);
        if (!modelReady.get()) {
            sort.set(GridSort.INDEX);
        }
        applySort();
    }

    private void applySort() {
        GridSort chosen = sort.get() == null ? GridSort.INDEX : sort.get();
        if (!chosen.needsScores()) {
            browser().orderProperty().set(null);
            return;
        }
        if (!modelReady.get()) {
            sort.set(GridSort.INDEX);
            return;
        }
        withScores(ready -> {
            if (sort.get() == chosen) {
                browser().orderProperty().set(chosen.order(ready));
            }
        });
    }

    /**
     * Selects the {@link #hardestCountProperty() n} images of the current filter that the original
     * model is most confident about on their true label (ties: lower index first), replacing the
     * selection as one undoable change. Computes the scores first if needed.
     *
     * @throws IllegalStateException when there is no original model yet
     */
    public void selectHardest() {
        if (!modelReady.get()) {
            throw new IllegalStateException("train or open a model first");
        }
        int n = Math.max(1, hardestCount.get());
        ImageDataset data = workbench.datasetProperty().get();
        withScores(ready -> {
            if (workbench.datasetProperty().get() != data) {
                return;
            }
            int[] picked = hardest(ready.confidence(), browser().visibleIndices(), n);
            workbench.forgetSelection().replaceWith(picked);
            message.set(Strings.format("forget.hardest.done", picked.length));
        });
    }

    /** The {@code n} images of {@code shown} with the highest confidence (ties: lower index), ascending. */
    static int[] hardest(double[] confidence, List<Integer> shown, int n) {
        Integer[] candidates = shown.toArray(new Integer[0]);
        Arrays.sort(candidates, (a, b) -> {
            double ca = Double.isNaN(confidence[a]) ? Double.NEGATIVE_INFINITY : confidence[a];
            double cb = Double.isNaN(confidence[b]) ? Double.NEGATIVE_INFINITY : confidence[b];
            int byConfidence = Double.compare(cb, ca);
            return byConfidence != 0 ? byConfidence : Integer.compare(a, b);
        });
        int k = Math.min(n, candidates.length);
        int[] picked = new int[k];
        for (int i = 0; i < k; i++) {
            picked[i] = candidates[i];
        }
        Arrays.sort(picked);
        return picked;
    }

    /**
     * Reads an index list (one index per line or comma-separated) as a job and, if every line is
     * valid, replaces the selection with it (undoable). A bad file fails the job with a message naming
     * the file and line; the selection then stays as it was.
     *
     * @return the job
     * @throws IllegalStateException when no dataset is loaded
     */
    public JobTask<int[]> importFrom(Path file) {
        ImageDataset data = requireDataset();
        int size = data.train().count();
        return workbench.jobs().submit(Strings.format("forget.import.job", file.getFileName()),
                ctx -> IndexListFile.read(file, size), indices -> {
                    if (workbench.datasetProperty().get() != data) {
                        return; // another dataset was loaded meanwhile
                    }
                    workbench.forgetSelection().replaceWith(indices);
                    message.set(Strings.format("forget.import.done", workbench.forgetSelection().countProperty().get(),
                            file.getFileName()));
                });
    }

    /**
     * Writes the selected indices (ascending, one per line, after a comment naming the dataset) to
     * {@code file} as a job. The file is replaced atomically: a failed export leaves an earlier file
     * as it was.
     *
     * @return the job
     * @throws IllegalStateException when no dataset is loaded
     */
    public JobTask<Path> exportTo(Path file) {
        ImageDataset data = requireDataset();
        int[] indices = workbench.forgetSelection().indices();
        List<String> comments = List.of(Strings.format("forget.export.header", indices.length, data.name(),
                data.train().count()), "dataset sha256 " + data.sha256());
        return workbench.jobs().submit(Strings.format("forget.export.job", file.getFileName()), ctx -> {
            IndexListFile.write(file, indices, comments);
            return file;
        }, written -> message.set(Strings.format("forget.export.done", indices.length, written.getFileName())));
    }

    private ImageDataset requireDataset() {
        ImageDataset data = workbench.datasetProperty().get();
        if (data == null) {
            throw new IllegalStateException("no dataset loaded");
        }
        return data;
    }

    /** Runs {@code then} with the current scores, computing them first as a job when needed. */
    private void withScores(Consumer<SampleScores> then) {
        TrainedModel model = workbench.originalProperty().get();
        ImageDataset data = workbench.datasetProperty().get();
        SampleScores current = scores.get();
        if (current != null && current.isFor(model, data)) {
            then.accept(current);
            return;
        }
        waiting.add(then);
        if (pending != null) {
            return;
        }
        scoring.set(true);
        JobTask<SampleScores> task = workbench.jobs().submit(Strings.text("forget.scores.job"),
                ctx -> SampleScores.compute(model, data, ctx), ready -> {
                    if (!ready.isFor(workbench.originalProperty().get(), workbench.datasetProperty().get())) {
                        return; // the model or dataset changed meanwhile; modelOrDataChanged cleaned up
                    }
                    pending = null;
                    scoring.set(false);
                    scores.set(ready);
                    List<Consumer<SampleScores>> todo = new ArrayList<>(waiting);
                    waiting.clear();
                    todo.forEach(action -> action.accept(ready));
                });
        pending = task;
        task.addEventHandler(WorkerStateEvent.WORKER_STATE_FAILED, e -> scoringEnded(task));
        task.addEventHandler(WorkerStateEvent.WORKER_STATE_CANCELLED, e -> scoringEnded(task));
    }

    private void scoringEnded(JobTask<SampleScores> task) {
        if (pending == task) {
            pending = null;
            waiting.clear();
            scoring.set(false);
            if (sort.get() != null && sort.get().needsScores() && scores.get() == null) {
                sort.set(GridSort.INDEX);
            }
        }
    }
}
