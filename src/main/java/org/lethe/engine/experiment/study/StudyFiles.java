package org.lethe.engine.experiment.study;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lethe.engine.LetheException;
import org.lethe.engine.io.AtomicFiles;

/**
 * Reads study files (refusing unknown fields, naming the file and the field) and writes a
 * {@link StudyReport} as {@code report.json} and {@code report.csv}.
 */
public final class StudyFiles {

    private static final long MAX_BYTES = 1 << 20;
    private static final ObjectMapper READ = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    private static final ObjectMapper WRITE = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StudyFiles() {
    }

    /**
     * The {@code kind} a scenario or study file declares: {@link Studies#UNLEARNING} when it has none.
     * Does not validate anything else.
     */
    public static String kindOf(Path file) {
        JsonNode kind = tree(file).get("kind");
        if (kind == null || kind.isNull()) {
            return Studies.UNLEARNING;
        }
        if (!kind.isTextual()) {
            throw new LetheException(file + ": 'kind' must be a string, found " + kind.getNodeType());
        }
        return kind.asText();
    }

    /** Reads a study file and its settings, checking both. */
    public static LoadedStudy read(Path file, Studies studies) {
        JsonNode tree = tree(file);
        StudySpec spec = parse(file, tree, StudySpec.class, "");
        Study<?> study = studies.find(spec.kind()).orElseThrow(() -> new LetheException(file + ": unknown kind '"
                + spec.kind() + "'; known kinds: " + Studies.UNLEARNING + ", " + String.join(", ", studies.kinds())));
        return load(file, spec, study);
    }

    private static <S extends Record> LoadedStudy load(Path file, StudySpec spec, Study<S> study) {
        JsonNode node = spec.settings() == null ? READ.createObjectNode() : spec.settings();
        if (!node.isObject()) {
            throw new LetheException(file + ": 'settings' must be an object, found " + node.getNodeType());
        }
        rejectUnknownFields(file, node, study.settingsType());
        S settings = parse(file, node, study.settingsType(), "settings.");
        return new LoadedStudy(spec, study, settings);
    }

    /**
     * Names a misspelt setting before the record's own checks run (a typo in a required setting would
     * otherwise be reported as that setting missing).
     */
    private static void rejectUnknownFields(Path file, JsonNode node, Class<? extends Record> type) {
        List<String> known = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new LetheException(file + ": unknown field 'settings." + name + "'; known fields: " + known);
            }
        }
    }

    private static JsonNode tree(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new LetheException(file + ": no such scenario file");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new LetheException(file + ": " + Files.size(file) + " bytes is too large for a scenario file");
            }
            JsonNode tree = READ.readTree(file.toFile());
            if (tree == null || !tree.isObject()) {
                throw new LetheException(file + ": not a valid scenario: expected a JSON object");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw new LetheException(file + ": not a valid scenario" + (e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ")") + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new LetheException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static <T> T parse(Path file, JsonNode node, Class<T> type, String prefix) {
        try {
            return READ.treeToValue(node, type);
        } catch (UnrecognizedPropertyException e) {
            throw new LetheException(file + ": unknown field '" + prefix + e.getPropertyName() + "'; known fields: "
                    + e.getKnownPropertyIds(), e);
        } catch (JsonProcessingException e) {
            Throwable root = e;
            while (root.getCause() != null && !(root instanceof LetheException)
                    && !(root instanceof IllegalArgumentException)) {
                root = root.getCause();
            }
            String why = root instanceof LetheException || root instanceof IllegalArgumentException
                    ? root.getMessage() : e.getOriginalMessage();
            if (why != null && why.length() > 300) {
                why = why.substring(0, 297) + "...";
            }
            throw new LetheException(file + ": not a valid " + (prefix.isEmpty() ? "study" : "'settings' object")
                    + ": " + why, e);
        }
    }

    /** Writes {@code report.json} into {@code dir}. */
    public static Path writeJson(StudyReport report, Path dir) throws IOException {
        Path file = dir.resolve("report.json");
        AtomicFiles.write(file, out -> WRITE.writeValue(out, report));
        return file;
    }

    /** The report as JSON text. */
    public static String toJson(StudyReport report) {
        try {
            return WRITE.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report as JSON", e);
        }
    }

    /** Writes {@code report.csv} (the table, one line per row) into {@code dir}. */
    public static Path writeCsv(StudyReport report, Path dir) throws IOException {
        Path file = dir.resolve("report.csv");
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write(String.join(",", report.columns().stream().map(c -> csv(c.id())).toList()));
            w.write('\n');
            for (Map<String, Object> row : report.rows()) {
                w.write(String.join(",", report.columns().stream().map(c -> csv(row.get(c.id()))).toList()));
                w.write('\n');
            }
            w.flush();
        });
        return file;
    }

    private static String csv(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d) {
            return d.isNaN() ? "" : String.format(Locale.ROOT, "%.6g", d);
        }
        String s = value.toString();
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /**
     * A study file read and checked, ready to run.
     *
     * @param spec the common fields
     * @param study the study of its kind
     * @param settings its settings record
     */
    public record LoadedStudy(StudySpec spec, Study<?> study, Record settings) {

        /** Runs it. */
        public StudyReport run(org.lethe.engine.data.DatasetCatalog catalog, org.lethe.engine.job.JobContext ctx) {
            return runTyped(study, catalog, ctx);
        }

        @SuppressWarnings("unchecked")
        private <S extends Record> StudyReport runTyped(Study<S> typed, org.lethe.engine.data.DatasetCatalog catalog,
                org.lethe.engine.job.JobContext ctx) {
            return typed.run(spec, (S) settings, catalog, ctx);
        }
    }
}
