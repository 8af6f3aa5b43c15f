package org.lethe.engine.experiment.study;

import java.util.Objects;
import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.job.JobContext;

/** Loads a study's dataset as its file describes it: the named dataset, limited to {@code trainLimit}. */
public final class StudyData {

    private StudyData() {
    }

    /**
     * The dataset of {@code spec}, with only its first {@code trainLimit} training images when the
     * file sets one (the test split is kept whole).
     *
     * @throws org.lethe.engine.LetheException if the dataset cannot be found or read
     */
    public static ImageDataset load(StudySpec spec, DatasetCatalog catalog, JobContext ctx) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(catalog, "catalog");
        ImageDataset data = catalog.load(spec.dataset(), ctx);
        return spec.trainLimit() == null ? data : data.limitTrain(spec.trainLimit());
    }
}
