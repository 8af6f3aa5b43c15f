package org.lethe.engine.experiment.study;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.lethe.engine.LetheException;

/**
 * The fields every study file shares. Schema (JSON, documented in {@code docs/scenarios.md}):
 * <pre>
 * {"kind", "name", "description", "dataset", "trainLimit", "seeds": [..], "settings": {..}}
 * </pre>
 *
 * @param kind which study runs the file (see {@link Studies})
 * @param name short name, used in reports
 * @param description one paragraph for people
 * @param dataset dataset name or path
 * @param trainLimit use only the first N training images (null: all)
 * @param seeds the study runs once per seed; reports give the mean and spread
 * @param settings the study's own settings, read into its settings record
 */
public record StudySpec(String kind, String name, String description, String dataset, Integer trainLimit,
        List<Long> seeds, JsonNode settings) {

    public StudySpec {
        if (kind == null || kind.isBlank()) {
            throw new LetheException("study: 'kind' is missing");
        }
        if (name == null || name.isBlank()) {
            throw new LetheException("study: 'name' is missing");
        }
        if (dataset == null || dataset.isBlank()) {
            throw new LetheException("study '" + name + "': 'dataset' is missing");
        }
        if (trainLimit != null && trainLimit < 10) {
            throw new LetheException("study '" + name + "': trainLimit must be at least 10, was " + trainLimit);
        }
        description = description == null ? "" : description;
        seeds = seeds == null || seeds.isEmpty() ? List.of(1L) : List.copyOf(seeds);
    }
}
