package org.lethe.engine.experiment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import org.lethe.engine.LetheException;

/**
 * A scenario file: everything needed to rerun a comparison. Schema (JSON, documented in
 * {@code docs/scenarios.md}):
 * <pre>
 * {"kind": "unlearning" (optional), "name", "description", "dataset", "trainLimit", "model": {"architecture", "hiddenWidths"},
 *  "training": {"epochs", "batchSize", "optimizer", "lr", "momentum", "weightDecay"},
 *  "forget", "retainAvailable", "seeds": [..], "retainSample",
 *  "methods": [{"id", "label", "params": {..}}], "referenceModels"}
 * </pre>
 *
 * @param name short name, used in reports
 * @param description one paragraph for people (lecture notes)
 * @param dataset dataset name or path
 * @param trainLimit use only the first N training images (null: all)
 * @param model the architecture
 * @param training how the original is trained
 * @param forget the forget-set spec, e.g. {@code random:0.1}
 * @param retainAvailable whether methods may use the retain set
 * @param seeds one original model, forget set and method run per seed
 * @param retainSample size of the retain evaluation sample (null: the default)
 * @param methods the methods to compare with the retrained model
 * @param referenceModels how many RMIA reference models to train per seed (null or 0: none, no RMIA
 *     numbers; {@link ScenarioFiles} accepts 2 to 64)
 */
@JsonIgnoreProperties(value = "kind", ignoreUnknown = false) // kind: checked by ScenarioFiles
public record Scenario(String name, String description, String dataset, Integer trainLimit, ModelEntry model,
        TrainingEntry training, String forget, Boolean retainAvailable, List<Long> seeds, Integer retainSample,
        List<MethodEntry> methods, Integer referenceModels) {

    /** The largest number of reference models a scenario may ask for. */
    public static final int MAX_REFERENCE_MODELS = 64;

    /** The canonical constructor, the one JSON readers use. */
    @JsonCreator
    public Scenario {
        require(name, "name");
        require(dataset, "dataset");
        require(forget, "forget");
        Objects.requireNonNull(model, "scenario: 'model' is missing");
        training = training == null ? TrainingEntry.defaults() : training;
        description = description == null ? "" : description;
        retainAvailable = retainAvailable == null || retainAvailable;
        seeds = seeds == null || seeds.isEmpty() ? List.of(1L) : List.copyOf(seeds);
        methods = methods == null ? List.of() : List.copyOf(methods);
        if (trainLimit != null && trainLimit < 10) {
            throw new LetheException("scenario '" + name + "': trainLimit must be at least 10, was " + trainLimit);
        }
        referenceModels = referenceModels == null || referenceModels == 0 ? null : referenceModels;
    }

    /** A scenario without reference models (no RMIA). */
    public Scenario(String name, String description, String dataset, Integer trainLimit, ModelEntry model,
            TrainingEntry training, String forget, Boolean retainAvailable, List<Long> seeds, Integer retainSample,
            List<MethodEntry> methods) {
        this(name, description, dataset, trainLimit, model, training, forget, retainAvailable, seeds, retainSample,
                methods, null);
    }

    /** The number of reference models per seed, 0 when RMIA is off. */
    public int referenceModelCount() {
        return referenceModels == null ? 0 : referenceModels;
    }

    /** The same scenario with {@code count} reference models per seed (0: none). */
    public Scenario withReferenceModels(int count) {
        return new Scenario(name, description, dataset, trainLimit, model, training, forget, retainAvailable, seeds,
                retainSample, methods, count);
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new LetheException("scenario: '" + field + "' is missing");
        }
    }

    /**
     * The architecture.
     *
     * @param architecture logreg, mlp, lenet or cifar-cnn
     * @param hiddenWidths dense widths (null: the architecture's default)
     */
    public record ModelEntry(String architecture, List<Integer> hiddenWidths) { }

    /**
     * Training of the original (and of the retrained model, which replays it minus the forget set).
     *
     * @param epochs epochs
     * @param batchSize mini-batch size
     * @param optimizer adam or sgd
     * @param lr learning rate
     * @param momentum SGD momentum
     * @param weightDecay coupled L2
     */
    public record TrainingEntry(int epochs, int batchSize, String optimizer, double lr, double momentum,
            double weightDecay) {

        /** Adam, lr 1e-3, batch 64, 3 epochs. */
        public static TrainingEntry defaults() {
            return new TrainingEntry(3, 64, "adam", 1e-3, 0.9, 0);
        }
    }

    /**
     * A method to run.
     *
     * @param id registry id
     * @param label how reports name it (null: the method's display name)
     * @param params parameter overrides (null: defaults); a {@code seed} parameter defaults to the run's seed
     */
    public record MethodEntry(String id, String label, ObjectNode params) { }
}
