package org.lethe.ui.workbench;

import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.data.forget.ForgetSetSpec;
import org.lethe.engine.data.forget.ForgetSplit;
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
 * training a new original drops the comparison.
 */
public final class Workbench {

    private final UiServices services;
    private final JobsViewModel jobs;
    private final DatasetBrowserViewModel browser;
    private final MethodRegistry methods = MethodRegistry.standard();
    private final ObjectProperty<TrainedModel> original = new SimpleObjectProperty<>(this, "original");
    private final ObjectProperty<Comparison> comparison = new SimpleObjectProperty<>(this, "comparison");

    /** A workbench on {@code services}. */
    public Workbench(UiServices services) {
        this.services = Objects.requireNonNull(services, "services");
        this.jobs = new JobsViewModel(services.jobs());
        this.browser = new DatasetBrowserViewModel(jobs, services.catalog());
        browser.datasetProperty().addListener((obs, old, data) -> original.set(null));
        original.addListener((obs, old, model) -> comparison.set(null));
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

    /**
     * The current forget selection as splits over the loaded dataset.
     *
     * @throws IllegalStateException when no dataset is loaded or nothing is selected
     */
    public DataSplits currentSplits() {
        ImageDataset data = browser.datasetProperty().get();
        if (data == null) {
            throw new IllegalStateException("no dataset loaded");
        }
        int[] picked = forgetSelection().indices();
        if (picked.length == 0) {
            throw new IllegalStateException("the forget set is empty");
        }
        ForgetSplit split = new ForgetSetSpec.Samples(picked).resolve(data, 0);
        return DataSplits.of(data, split);
    }
}
