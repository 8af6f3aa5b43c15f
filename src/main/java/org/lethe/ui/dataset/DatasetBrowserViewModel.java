package org.lethe.ui.dataset;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.data.DatasetSummary;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.data.ImageSplit;
import org.lethe.ui.forgetset.ForgetSelection;
import org.lethe.ui.jobs.JobsViewModel;

/**
 * State of the dataset browser: the loaded dataset, its summary, the class filter and the indices
 * of the training images the grid shows. Loading runs as a job; everything else is cheap and
 * happens on the FX thread.
 */
public final class DatasetBrowserViewModel {

    /** The built-in datasets, in chooser order. */
    public static final List<DatasetChoice> BUILT_IN = List.of(
            new DatasetChoice("mnist", "MNIST"),
            new DatasetChoice("fashion-mnist", "Fashion-MNIST"),
            new DatasetChoice("cifar10", "CIFAR-10"));

    private final JobsViewModel jobs;
    private final DatasetCatalog catalog;
    private final ReadOnlyObjectWrapper<ImageDataset> dataset = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper summaryText = new ReadOnlyStringWrapper("");
    private final ObservableList<ClassFilter> classFilters = FXCollections.observableArrayList();
    private final ObjectProperty<ClassFilter> classFilter = new SimpleObjectProperty<>();
    private final ObservableList<Integer> visibleIndices = FXCollections.observableArrayList();
    private final ObservableList<ClassRow> classRows = FXCollections.observableArrayList();
    private final ForgetSelection forgetSelection = new ForgetSelection();
    private final ReadOnlyObjectWrapper<DatasetOrigin> origin = new ReadOnlyObjectWrapper<>();

    /** One row of the per-class table. */
    public record ClassRow(String className, int train, int test) { }

    /** A browser that loads through {@code jobs} and resolves names with {@code catalog}. */
    public DatasetBrowserViewModel(JobsViewModel jobs, DatasetCatalog catalog) {
        this.jobs = jobs;
        this.catalog = catalog;
        classFilter.addListener((obs, old, filter) -> refreshVisible());
    }

    /** Loads a built-in dataset by name, or a dataset at a path, as a job. */
    public void load(String nameOrPath) {
        load(nameOrPath, null);
    }

    /**
     * Loads a built-in dataset by name, or a dataset at a path, keeping only its first
     * {@code trainLimit} training images (null: all), as a job.
     */
    public org.lethe.ui.jobs.JobTask<ImageDataset> load(String nameOrPath, Integer trainLimit) {
        DatasetOrigin from = DatasetOrigin.of(nameOrPath, trainLimit);
        return jobs.submit("Load " + nameOrPath, ctx -> {
            ImageDataset loaded = catalog.load(nameOrPath, ctx);
            return trainLimit == null ? loaded : loaded.limitTrain(trainLimit);
        }, loaded -> show(loaded, from));
    }

    /** Shows an already loaded dataset whose origin is unknown (it cannot be saved in a session). */
    public void show(ImageDataset loaded) {
        show(loaded, null);
    }

    /** Shows an already loaded dataset that came from {@code from} (null: unknown). */
    public void show(ImageDataset loaded, DatasetOrigin from) {
        forgetSelection.reset(loaded);
        origin.set(from);
        dataset.set(loaded);
        DatasetSummary summary = DatasetSummary.of(loaded);
        summaryText.set(loaded.name() + "\n" + loaded.format().id() + ", "
                + loaded.shape().channels() + "\u00d7" + loaded.shape().height() + "\u00d7"
                + loaded.shape().width() + "\n" + String.format("%,d train / %,d test images",
                        loaded.train().count(), loaded.test().count()) + "\nsha256 " + loaded.sha256().substring(0, 12) + "\u2026");
        List<ClassRow> rows = new ArrayList<>();
        List<Integer> train = summary.train().perClass();
        List<Integer> test = summary.test().perClass();
        List<ClassFilter> filters = new ArrayList<>();
        filters.add(new ClassFilter(ClassFilter.ALL, "All classes"));
        for (int c = 0; c < loaded.numClasses(); c++) {
            String name = loaded.classNames().get(c);
            String text = name.equals(Integer.toString(c)) ? name : c + " \u2013 " + name;
            rows.add(new ClassRow(text, train.get(c), test.get(c)));
            filters.add(new ClassFilter(c, text));
        }
        classRows.setAll(rows);
        classFilters.setAll(filters);
        classFilter.set(filters.get(0));
        refreshVisible();
    }

    private void refreshVisible() {
        ImageDataset data = dataset.get();
        if (data == null) {
            visibleIndices.clear();
            return;
        }
        ClassFilter filter = classFilter.get() == null ? classFilters.get(0) : classFilter.get();
        ImageSplit train = data.train();
        List<Integer> indices = new ArrayList<>(train.count());
        for (int i = 0; i < train.count(); i++) {
            if (filter.accepts(train.label(i))) {
                indices.add(i);
            }
        }
        visibleIndices.setAll(indices);
    }

    /** The loaded dataset, or null before the first load. */
    public ReadOnlyObjectProperty<ImageDataset> datasetProperty() {
        return dataset.getReadOnlyProperty();
    }

    /** Where the loaded dataset came from (null when it was shown without an origin). */
    public ReadOnlyObjectProperty<DatasetOrigin> originProperty() {
        return origin.getReadOnlyProperty();
    }

    /** A few lines describing the dataset. */
    public ReadOnlyStringProperty summaryTextProperty() {
        return summaryText.getReadOnlyProperty();
    }

    /** The class filter's entries. */
    public ObservableList<ClassFilter> classFilters() {
        return classFilters;
    }

    /** The selected class filter. */
    public ObjectProperty<ClassFilter> classFilterProperty() {
        return classFilter;
    }

    /** Training-set indices shown in the grid. */
    public ObservableList<Integer> visibleIndices() {
        return visibleIndices;
    }

    /** The images picked to forget. */
    public ForgetSelection forgetSelection() {
        return forgetSelection;
    }

    /** Per-class image counts. */
    public ObservableList<ClassRow> classRows() {
        return classRows;
    }
}
