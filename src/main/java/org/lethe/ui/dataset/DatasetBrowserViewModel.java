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
import org.lethe.ui.jobs.JobTask;
import org.lethe.ui.jobs.JobsViewModel;
import org.lethe.ui.common.Strings;

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
    private final ObjectProperty<SampleOrder> order = new SimpleObjectProperty<>();
    private final ObservableList<Integer> visibleIndices = FXCollections.observableArrayList();
    private final ObservableList<ClassRow> classRows = FXCollections.observableArrayList();
    private final ForgetSelection forgetSelection = new ForgetSelection();
    private final ObjectProperty<TrainLimit> trainLimit = new SimpleObjectProperty<>(TrainLimit.CHOICES.get(0));
    private final ReadOnlyObjectWrapper<DatasetOrigin> origin = new ReadOnlyObjectWrapper<>();
    /** The dataset as loaded, before the user's training-image limit. */
    private ImageDataset full;
    /** Where {@link #full} came from (null: unknown), and the limit already applied to it (null: none). */
    private String fullSource;
    private Integer fullLimit;
    private boolean quiet;

    /** One row of the per-class table. */
    public record ClassRow(String className, int train, int test) { }

    /** A browser that loads through {@code jobs} and resolves names with {@code catalog}. */
    public DatasetBrowserViewModel(JobsViewModel jobs, DatasetCatalog catalog) {
        this.jobs = jobs;
        this.catalog = catalog;
        classFilter.addListener((obs, old, filter) -> refreshVisible());
        order.addListener((obs, old, now) -> {
            if (!quiet) {
                refreshVisible();
            }
        });
        trainLimit.addListener((obs, old, limit) -> {
            if (full != null && !quiet) {
                applyLimit(full, limit);
            }
        });
    }

    /** How many training images to use; changing it shows the dataset anew (the forget set resets). */
    public ObjectProperty<TrainLimit> trainLimitProperty() {
        return trainLimit;
    }

    /** Loads a built-in dataset by name, or a dataset at a path, as a job (the current limit applies). */
    public void load(String nameOrPath) {
        DatasetOrigin from = DatasetOrigin.of(nameOrPath, null);
        jobs.submit(Strings.format("dataset.loadJob", nameOrPath), ctx -> catalog.load(nameOrPath, ctx), loaded -> {
            full = loaded;
            fullSource = from.source();
            fullLimit = null;
            applyLimit(loaded, trainLimit.get());
        });
    }

    /**
     * Loads a built-in dataset by name, or a dataset at a path, keeping only its first
     * {@code limit} training images (null: all), as one job; the dataset is shown when it succeeds.
     */
    public JobTask<ImageDataset> load(String nameOrPath, Integer limit) {
        DatasetOrigin from = DatasetOrigin.of(nameOrPath, limit);
        return jobs.submit(Strings.format("dataset.loadJob", nameOrPath), ctx -> {
            ImageDataset loaded = catalog.load(nameOrPath, ctx);
            return limit == null ? loaded : loaded.limitTrain(limit);
        }, loaded -> show(loaded, from));
    }

    /**
     * Shows an already loaded dataset whose origin is unknown (it cannot be saved in a session).
     * With a {@link #trainLimitProperty() limit} set, its first training images are copied out as a
     * job and shown when that is done.
     */
    public void show(ImageDataset loaded) {
        full = loaded;
        fullSource = null;
        fullLimit = null;
        applyLimit(loaded, trainLimit.get());
    }

    /**
     * Shows a dataset exactly as given (already cut to {@code from}'s limit) that came from
     * {@code from} (null: unknown); the limit chooser follows without cutting it again.
     */
    public void show(ImageDataset loaded, DatasetOrigin from) {
        full = loaded;
        fullSource = from == null ? null : from.source();
        fullLimit = from == null ? null : from.trainLimit();
        quiet = true;
        try {
            trainLimit.set(fullLimit == null ? TrainLimit.CHOICES.get(0) : new TrainLimit(fullLimit));
        } finally {
            quiet = false;
        }
        display(loaded, loaded);
    }

    private void applyLimit(ImageDataset all, TrainLimit limit) {
        if (limit == null || limit.images() == TrainLimit.ALL || limit.images() >= all.train().count()) {
            display(all, all);
            return;
        }
        jobs.submit(Strings.format("dataset.limitJob", limit), ctx -> all.limitTrain(limit.images()), limited -> {
            if (full == all && limit.equals(trainLimit.get())) {
                display(all, limited); // still what the user wants
            }
        });
    }

    private void display(ImageDataset all, ImageDataset loaded) {
        forgetSelection.reset(loaded);
        quietOrderReset();
        origin.set(fullSource == null ? null
                : new DatasetOrigin(fullSource, loaded == all ? fullLimit : Integer.valueOf(loaded.train().count())));
        dataset.set(loaded);
        DatasetSummary summary = DatasetSummary.of(loaded);
        summaryText.set(loaded.name() + "\n" + loaded.format().id() + ", "
                + loaded.shape().channels() + "\u00d7" + loaded.shape().height() + "\u00d7"
                + loaded.shape().width() + "\n" + String.format("%,d train / %,d test images",
                        loaded.train().count(), loaded.test().count())
                + (loaded == all ? "" : String.format(" (first of %,d)", all.train().count()))
                + "\nsha256 " + loaded.sha256().substring(0, 12) + "\u2026");
        List<ClassRow> rows = new ArrayList<>();
        List<Integer> train = summary.train().perClass();
        List<Integer> test = summary.test().perClass();
        List<ClassFilter> filters = new ArrayList<>();
        filters.add(new ClassFilter(ClassFilter.ALL, Strings.text("filter.all")));
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
        SampleOrder sort = order.get();
        visibleIndices.setAll(sort == null || sort.keys().length != train.count() ? indices : sort.arrange(indices));
    }

    /** Drops the order without redrawing (the caller redraws): scores belong to the old dataset. */
    private void quietOrderReset() {
        boolean wasQuiet = quiet;
        quiet = true;
        try {
            order.set(null);
        } finally {
            quiet = wasQuiet;
        }
    }

    /**
     * The order of the grid: null for index order, else by a score per training image of the shown
     * dataset (showing another dataset resets it to null).
     */
    public ObjectProperty<SampleOrder> orderProperty() {
        return order;
    }

    /** The loaded dataset, or null before the first load. */
    public ReadOnlyObjectProperty<ImageDataset> datasetProperty() {
        return dataset.getReadOnlyProperty();
    }

    /** Where the shown dataset came from, with its limit (null when shown without an origin). */
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
