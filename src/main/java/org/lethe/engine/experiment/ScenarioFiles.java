package org.lethe.engine.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lethe.engine.LetheException;

/** Reads scenario files, with errors that name the file and the offending field. */
public final class ScenarioFiles {

    private static final long MAX_BYTES = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

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
            return JSON.readValue(file.toFile(), Scenario.class);
        } catch (UnrecognizedPropertyException e) {
            throw new LetheException(file + ": unknown field '" + e.getPropertyName() + "' (line "
                    + e.getLocation().getLineNr() + "); known fields: " + e.getKnownPropertyIds(), e);
        } catch (JsonProcessingException e) {
            Throwable root = e;
            while (root.getCause() != null && !(root instanceof LetheException)) {
                root = root.getCause();
            }
            String why = root instanceof LetheException ? root.getMessage() : e.getOriginalMessage();
            throw new LetheException(file + ": not a valid scenario" + (e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ")") + ": " + why, e);
        } catch (IOException e) {
            throw new LetheException(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
