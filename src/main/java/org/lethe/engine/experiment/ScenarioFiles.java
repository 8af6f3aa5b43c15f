package org.lethe.engine.experiment;

import org.lethe.engine.experiment.sweep.ScenarioSettings;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.lethe.engine.LetheException;
import org.lethe.engine.data.forget.ForgetSetSpec;
import org.lethe.engine.experiment.study.Studies;
import org.lethe.engine.experiment.study.StudyFiles;
import org.lethe.engine.model.Architecture;

/**
 * Reads scenario files, with errors that name the file and the offending field. Besides the JSON
 * shape, every value a run needs is checked here (architecture, hidden widths, training settings,
 * forget-set spec, seeds, method entries), so a broken file is refused when it is opened, not
 * minutes later in the middle of a run.
 */
public final class ScenarioFiles {

    private static final long MAX_BYTES = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    private ScenarioFiles() {
    }

    /** Reads and validates a scenario. */
    public static Scenario read(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new LetheException(file + ": no such scenario file");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new LetheException(file + ": " + Files.size(file) + " bytes is too large for a scenario file");
            }
            String kind = StudyFiles.kindOf(file);
            if (!Studies.UNLEARNING.equals(kind)) {
                throw new LetheException(file + ": a study of kind '" + kind + "', not a comparison of unlearning "
                        + "methods; run it with 'lethe run " + file.getFileName() + " --out DIR'");
            }
            Scenario scenario = JSON.readValue(file.toFile(), Scenario.class);
            if (scenario == null) {
                throw new LetheException(file + ": not a valid scenario: the file holds JSON null, expected an object");
            }
            validate(file, scenario);
            return scenario;
        } catch (UnrecognizedPropertyException e) {
            throw new LetheException(file + ": unknown field '" + e.getPropertyName() + "' (line "
                    + e.getLocation().getLineNr() + "); known fields: " + e.getKnownPropertyIds(), e);
        } catch (JsonProcessingException e) {
            Throwable root = e;
            while (root.getCause() != null && !(root instanceof LetheException)) {
                root = root.getCause();
            }
            String why = root instanceof LetheException ? root.getMessage() : e.getOriginalMessage();
            if (why != null && why.length() > 300) {
                why = why.substring(0, 297) + "...";
            }
            throw new LetheException(file + ": not a valid scenario" + (e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ")") + ": " + why, e);
        } catch (IOException e) {
            throw new LetheException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Checks the values a run needs, so that a scenario that loads can also start. */
    private static void validate(Path file, Scenario scenario) {
        String prefix = file + ": ";
        try {
            Architecture.fromId(scenario.model().architecture());
        } catch (LetheException e) {
            throw new LetheException(prefix + "model.architecture: " + e.getMessage(), e);
        }
        if (scenario.model().hiddenWidths() != null) {
            for (Integer width : scenario.model().hiddenWidths()) {
                if (width == null || width < 1 || width > 1_000_000) {
                    throw new LetheException(prefix + "model.hiddenWidths: each width must be in [1, 1000000], found "
                            + width);
                }
            }
        }
        Scenario.TrainingEntry training = scenario.training();
        String optimizer = training.optimizer() == null ? null : training.optimizer().toLowerCase(Locale.ROOT);
        if (!"adam".equals(optimizer) && !"sgd".equals(optimizer)) {
            throw new LetheException(prefix + "training.optimizer is " + (optimizer == null ? "missing"
                    : "'" + training.optimizer() + "'") + ", expected adam or sgd");
        }
        try {
            ScenarioSettings.trainingConfig(scenario, 0);
        } catch (IllegalArgumentException e) {
            throw new LetheException(prefix + "training: " + e.getMessage(), e);
        }
        try {
            ForgetSetSpec.parse(scenario.forget());
        } catch (LetheException e) {
            throw new LetheException(prefix + "forget: " + e.getMessage(), e);
        }
        for (int i = 0; i < scenario.seeds().size(); i++) {
            if (scenario.seeds().get(i) == null) {
                throw new LetheException(prefix + "seeds[" + i + "] is null, expected a whole number");
            }
        }
        if (scenario.retainSample() != null && scenario.retainSample() < 1) {
            throw new LetheException(prefix + "retainSample must be at least 1, was " + scenario.retainSample());
        }
        int refs = scenario.referenceModelCount();
        if (refs != 0 && (refs < 2 || refs > Scenario.MAX_REFERENCE_MODELS)) {
            throw new LetheException(prefix + "referenceModels is " + refs + ", expected 0 (no RMIA) or a number"
                    + " of RMIA reference models per seed from 2 to " + Scenario.MAX_REFERENCE_MODELS
                    + " (2 to 8 are enough to be useful)");
        }
        for (int i = 0; i < scenario.methods().size(); i++) {
            Scenario.MethodEntry method = scenario.methods().get(i);
            if (method == null || method.id() == null || method.id().isBlank()) {
                throw new LetheException(prefix + "methods[" + i + "] has no id, expected a method id such as"
                        + " \"ft\" (see 'lethe methods')");
            }
        }
    }
}
