package org.lethe.ui.inspector;

import java.util.List;
import java.util.Objects;

/**
 * Everything the inspector shows about one image.
 *
 * @param ref which image
 * @param label its true class
 * @param className the class's name
 * @param inForgetSet whether it belongs to the forget set (always false for test images)
 * @param models one opinion per model, in the comparison's order (empty without a model)
 * @param note a line for the user (what is pending or missing), empty when there is nothing to say
 */
public record SampleInspection(SampleRef ref, int label, String className, boolean inForgetSet,
        List<ModelOpinion> models, String note) {

    public SampleInspection {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(className, "className");
        models = List.copyOf(models);
        note = note == null ? "" : note;
    }

    /** The opinion of the model labelled {@code model}. */
    public ModelOpinion opinion(String model) {
        return models.stream().filter(o -> o.model().equals(model)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no model " + model + " in " + models.stream()
                        .map(ModelOpinion::model).toList()));
    }
}
