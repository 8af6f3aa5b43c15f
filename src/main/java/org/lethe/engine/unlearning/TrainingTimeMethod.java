package org.lethe.engine.unlearning;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.lethe.engine.model.Architecture;

/**
 * An unlearning method that has to be in place while the model is trained (it shards the data,
 * records updates or a cache, or alters the training data), so it cannot be applied to a saved
 * model as the {@link MethodDescriptor post-hoc methods} can. The GUI and CLI list these apart and
 * start their own training run for them.
 *
 * @param id stable id used by scripts and the GUI (e.g. {@code deltagrad})
 * @param displayName e.g. "DeltaGrad"
 * @param description one paragraph for the GUI
 * @param command the CLI command that runs it, e.g. {@code lethe deltagrad}
 * @param models the architectures it supports, in display order
 */
public record TrainingTimeMethod(String id, String displayName, String description, String command,
                                 List<Architecture> models) {

    public TrainingTimeMethod {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(command, "command");
        if (id.isBlank() || !id.equals(id.toLowerCase(Locale.ROOT)) || id.contains(" ")) {
            throw new IllegalArgumentException("method id must be lower-case without spaces, was '" + id + "'");
        }
        if (!command.startsWith("lethe ")) {
            throw new IllegalArgumentException("command must be a 'lethe ...' command line, was '" + command + "'");
        }
        if (models == null || models.isEmpty()) {
            throw new IllegalArgumentException(id + ": at least one supported model type expected");
        }
        models = List.copyOf(models);
    }

    /** Whether the method supports {@code architecture}. */
    public boolean supports(Architecture architecture) {
        return models.contains(architecture);
    }
}
