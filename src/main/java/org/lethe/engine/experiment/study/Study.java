package org.lethe.engine.experiment.study;

import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.job.JobContext;

/**
 * One kind of study: reads its own settings record from the file's {@code "settings"} object and
 * runs the experiment it describes.
 *
 * @param <S> the settings record (read strictly: unknown fields are refused; validate in its
 *     compact constructor, throwing {@link org.lethe.engine.LetheException} or
 *     {@link IllegalArgumentException} with a message naming the field)
 */
public interface Study<S extends Record> {

    /** The {@code kind} value that selects this study in a file, e.g. {@code sisa-shards}. */
    String kind();

    /** One sentence for {@code lethe run --help} and the docs. */
    String summary();

    /** The settings record's class. */
    Class<S> settingsType();

    /**
     * Runs the study. Reports progress through {@code ctx} and honours its cancellation.
     *
     * @param spec the file's common fields (name, dataset, seeds, ...)
     * @param settings the study's own settings
     * @param catalog where datasets are found
     */
    StudyReport run(StudySpec spec, S settings, DatasetCatalog catalog, JobContext ctx);
}
