package org.lethe.engine.unlearning.unlearnable;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import org.lethe.engine.unlearning.MethodParamException;

/** Whether every image gets its own noise or all images of a class share one. */
public enum NoiseMode {
    /** One noise image per training sample (the reference's {@code samplewise}). */
    SAMPLE_WISE("sample"),
    /** One noise image per class, added to every image of that class (the reference's {@code classwise}). */
    CLASS_WISE("class");

    private final String id;

    NoiseMode(String id) {
        this.id = id;
    }

    /** The id used by the CLI and in JSON: "sample" or "class". */
    @JsonValue
    public String id() {
        return id;
    }

    /**
     * Parses "sample" or "class" (also "sample-wise", "classwise", any case).
     *
     * @throws MethodParamException naming the value and the valid ones
     */
    @JsonCreator
    public static NoiseMode fromId(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        return switch (t) {
            case "sample", "samplewise" -> SAMPLE_WISE;
            case "class", "classwise" -> CLASS_WISE;
            default -> throw new MethodParamException("unlearnable-examples: mode must be 'sample' or 'class', was '"
                    + text + "'");
        };
    }
}
