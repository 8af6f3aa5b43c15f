package org.lethe.engine.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.evaluation.ModelMetrics;
import org.lethe.engine.io.AtomicFiles;
import org.lethe.engine.model.ModelFileException;
import org.lethe.engine.model.ModelStore;
import org.lethe.engine.model.TrainedModel;

/**
 * Writes and reads session files: one zip holding {@code session.json} (format, version, dataset
 * reference, forget set, evaluation settings, the compared runs and the history) and one
 * {@code .lethe} model file per model under {@code models/}. The format is described in
 * {@code docs/session-format.md}.
 *
 * <p>Writes are atomic: the old file stays intact until the new one is complete. Reading checks
 * everything before it is used: the format name and version (an older version is migrated by
 * {@link SessionMigrations}, a newer one explained), every field's type and range, that each listed
 * model is present, readable, and has the parameters hash {@code session.json} recorded, and that
 * the forget set's hash matches its indices. Model entries must be plain names inside
 * {@code models/}; entries are read with size and inflation limits (decompression bombs stop early),
 * and models are streamed to a temporary file rather than held in memory. Every problem raises a
 * {@link SessionException} that names the file; the fuzz test {@code InputFuzzTest#sessionFiles}
 * holds the reader to that.
 */
public final class SessionStore {

    /** The value of {@code format} in {@code session.json}. */
    public static final String FORMAT = "lethe-session";
    /** The format version this code writes; older versions are migrated on reading. */
    public static final int VERSION = SessionMigrations.CURRENT;
    /** The usual file extension. */
    public static final String EXTENSION = ".lethe-session";

    static final String JSON_ENTRY = "session.json";
    static final String MODELS = "models/";
    /** The largest {@code session.json} read (a full-MNIST forget set and long history need about 1 MiB). */
    static final long MAX_JSON_BYTES = 16L << 20;
    /** The largest model entry read. */
    static final long MAX_MODEL_BYTES = 2L << 30;
    /**
     * An entry may inflate to at most this many times its compressed size (beyond
     * {@link ModelStore#INFLATION_FLOOR}); more is a decompression bomb. Parameters and JSON compress
     * far less than this.
     */
    static final int MAX_INFLATION_RATIO = ModelStore.MAX_INFLATION_RATIO;
    /** What a model entry's name must look like: a plain file name inside {@code models/}. */
    private static final java.util.regex.Pattern MODEL_ENTRY =
            java.util.regex.Pattern.compile("models/[A-Za-z0-9_][A-Za-z0-9._-]{0,200}\\.lethe");

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final ModelStore models = new ModelStore();

    /**
     * Writes {@code session} to {@code file}, replacing it atomically.
     *
     * @throws SessionException if the file cannot be written (the old content is then unchanged)
     */
    public void save(Session session, Path file) {
        Path temp = null;
        try {
            temp = Files.createTempDirectory("lethe-session-");
            Map<String, byte[]> modelBytes = new LinkedHashMap<>();
            ObjectNode root = json.createObjectNode();
            root.put("format", FORMAT);
            root.put("version", VERSION);
            root.put("savedAt", Instant.now().toString());
            root.set("dataset", datasetJson(session.dataset()));
            root.set("forget", forgetJson(session.forget()));
            ObjectNode evaluation = root.putObject("evaluation");
            evaluation.put("retainSample", session.evaluation().retainSample());
            evaluation.put("seed", session.evaluation().seed());
            if (session.original() == null) {
                root.putNull("original");
            } else {
                String entry = MODELS + "original.lethe";
                modelBytes.put(entry, modelBytes(session.original(), temp));
                ObjectNode original = root.putObject("original");
                original.put("file", entry);
                original.put("paramsSha256", session.original().paramsSha256());
            }
            ArrayNode compared = root.putArray("compared");
            int n = 0;
            for (ComparedModel m : session.compared()) {
                String entry = String.format("%scompared-%02d-%s.lethe", MODELS, ++n, slug(m.methodId()));
                modelBytes.put(entry, modelBytes(m.model(), temp));
                ObjectNode c = compared.addObject();
                c.put("label", m.label());
                c.put("method", m.methodId());
                c.set("params", parseObject(m.paramsJson(), "parameters of " + m.label()));
                c.put("seconds", m.seconds());
                c.put("peakExtraBytes", m.peakExtraBytes());
                ObjectNode figures = c.putObject("figures");
                m.figures().entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .forEach(e -> figures.put(e.getKey(), e.getValue()));
                c.put("file", entry);
                c.put("paramsSha256", m.model().paramsSha256());
            }
            ArrayNode history = root.putArray("history");
            for (SessionRun r : session.history()) {
                history.add(runJson(r));
            }
            byte[] header = json.writeValueAsBytes(root);
            AtomicFiles.write(file, out -> {
                ZipOutputStream zip = new ZipOutputStream(out);
                putEntry(zip, JSON_ENTRY, header);
                for (Map.Entry<String, byte[]> e : modelBytes.entrySet()) {
                    putEntry(zip, e.getKey(), e.getValue());
                }
                zip.finish();
            });
        } catch (IOException e) {
            throw new SessionException(file, "cannot write the session: " + e.getMessage(), e);
        } finally {
            deleteTree(temp);
        }
    }

    private ObjectNode datasetJson(DatasetRef ref) {
        ObjectNode node = json.createObjectNode();
        node.put("source", ref.source());
        if (ref.trainLimit() == null) {
            node.putNull("trainLimit");
        } else {
            node.put("trainLimit", ref.trainLimit());
        }
        node.put("sha256", ref.sha256());
        node.put("name", ref.name());
        node.put("trainCount", ref.trainCount());
        return node;
    }

    private ObjectNode forgetJson(int[] forget) {
        ObjectNode node = json.createObjectNode();
        node.put("count", forget.length);
        node.put("sha256", IndexView.hashIndices(forget));
        ArrayNode indices = node.putArray("indices");
        for (int i : forget) {
            indices.add(i);
        }
        return node;
    }

    private ObjectNode runJson(SessionRun r) {
        ObjectNode node = json.createObjectNode();
        node.put("finished", r.finished().toString());
        node.put("kind", r.kind().name());
        node.put("label", r.label());
        node.put("method", r.methodId());
        node.set("params", parseObject(r.paramsJson(), "parameters of run " + r.label()));
        node.put("seed", r.seed());
        node.put("seconds", r.seconds());
        node.put("dataset", r.dataset());
        node.put("forgetCount", r.forgetCount());
        node.set("metrics", r.metrics() == null ? json.nullNode() : json.valueToTree(r.metrics()));
        return node;
    }

    private JsonNode parseObject(String text, String what) {
        try {
            JsonNode node = json.readTree(text);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException(what + " must be a JSON object, were " + text);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " are not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private byte[] modelBytes(TrainedModel model, Path temp) throws IOException {
        Path file = Files.createTempFile(temp, "model-", ModelStore.EXTENSION);
        models.save(model, file);
        byte[] bytes = Files.readAllBytes(file);
        Files.delete(file);
        return bytes;
    }

    private static String slug(String id) {
        String s = id.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return s.isEmpty() ? "model" : s;
    }

    private static void putEntry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    /**
     * Reads a session file, with its models.
     *
     * @throws SessionException if the file is missing, not a session, damaged, from a newer Lethe,
     *     or inconsistent (a missing or damaged model, a forget set that does not match its hash)
     */
    public Session load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new SessionException(file, "no such session file");
        }
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (IOException e) {
            throw new SessionException(file, "not a readable Lethe session (damaged, truncated, or another kind of"
                    + " file): " + describe(e), e);
        }
        Path temp = null;
        try (zip) {
            ObjectNode root = readHeader(file, zip);
            Reader r = new Reader(file, root);
            DatasetRef dataset = r.dataset();
            int[] forget = r.forget(dataset);
            Session.Evaluation evaluation = r.evaluation();
            temp = Files.createTempDirectory("lethe-session-");
            TrainedModel original = null;
            JsonNode originalNode = root.get("original");
            if (originalNode != null && !originalNode.isNull()) {
                original = readModel(file, zip, temp, r.object(originalNode, "original"), "original",
                        "the original model");
            }
            List<ComparedModel> compared = new ArrayList<>();
            JsonNode comparedNode = root.path("compared");
            for (int i = 0; i < r.array(comparedNode, "compared").size(); i++) {
                String at = "compared[" + i + "]";
                ObjectNode c = r.object(comparedNode.get(i), at);
                String label = r.text(c, "label", at);
                TrainedModel model = readModel(file, zip, temp, c, at, "the model '" + label + "'");
                compared.add(new ComparedModel(label, r.text(c, "method", at),
                        r.object(c.get("params"), at + ".params").toString(), r.number(c, "seconds", at),
                        r.integer(c, "peakExtraBytes", at), r.figures(c, at), model));
            }
            List<SessionRun> history = new ArrayList<>();
            JsonNode historyNode = root.path("history");
            for (int i = 0; i < r.array(historyNode, "history").size(); i++) {
                history.add(r.run(historyNode.get(i), "history[" + i + "]"));
            }
            if (original == null && !compared.isEmpty()) {
                throw new SessionException(file, "session.json lists compared models but no original model");
            }
            if (!compared.isEmpty() && forget.length == 0) {
                throw new SessionException(file, "session.json lists compared models but the forget set is empty");
            }
            if (compared.stream().map(ComparedModel::label).distinct().count() != compared.size()) {
                throw new SessionException(file, "session.json lists two compared models with the same label");
            }
            return new Session(dataset, forget, evaluation, original, compared, history);
        } catch (ZipException e) {
            throw new SessionException(file, "the session file is damaged: " + describe(e), e);
        } catch (IOException e) {
            throw new SessionException(file, "cannot read the session: " + describe(e), e);
        } finally {
            deleteTree(temp);
        }
    }

    private ObjectNode readHeader(Path file, ZipFile zip) throws IOException {
        byte[] bytes = readEntry(file, zip, JSON_ENTRY, MAX_JSON_BYTES, "not a Lethe session file: ");
        JsonNode node;
        try {
            node = json.readTree(bytes);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw new SessionException(file, JSON_ENTRY + " is not valid JSON" + where + ": "
                    + e.getOriginalMessage(), e);
        }
        if (!(node instanceof ObjectNode root)) {
            throw new SessionException(file, JSON_ENTRY + " must hold a JSON object");
        }
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new SessionException(file, JSON_ENTRY + ": format is '" + root.path("format").asText()
                    + "', expected '" + FORMAT + "'");
        }
        JsonNode version = root.get("version");
        if (version == null || !version.canConvertToInt() || !version.isIntegralNumber()) {
            throw new SessionException(file, JSON_ENTRY + ": 'version' must be a whole number, was "
                    + shown(version));
        }
        return SessionMigrations.upgrade(file, root, version.intValue());
    }

    private TrainedModel readModel(Path file, ZipFile zip, Path temp, ObjectNode node, String at, String what)
            throws IOException {
        Reader r = new Reader(file, node);
        String entry = r.text(node, "file", at);
        if (!MODEL_ENTRY.matcher(entry).matches() || entry.contains("..")) {
            throw new SessionException(file, JSON_ENTRY + ": " + at + ".file must name a model entry such as "
                    + MODELS + "original.lethe (a plain file name inside " + MODELS + "), was '"
                    + printable(entry) + "'");
        }
        String expectedHash = r.text(node, "paramsSha256", at);
        if (!expectedHash.matches("[0-9a-f]{64}")) {
            throw new SessionException(file, JSON_ENTRY + ": " + at + ".paramsSha256 must be 64 lower-case hex digits,"
                    + " was '" + printable(expectedHash.length() > 70 ? expectedHash.substring(0, 67) + "..."
                            : expectedHash) + "'");
        }
        if (zip.getEntry(entry) == null) {
            throw new SessionException(file, what + " is missing: session.json lists " + entry
                    + " but the session holds no such entry");
        }
        Path model = Files.createTempFile(temp, "model-", ModelStore.EXTENSION);
        TrainedModel loaded;
        try (java.io.OutputStream out = Files.newOutputStream(model)) {
            copyEntry(file, zip, entry, MAX_MODEL_BYTES, "", out);
        }
        try {
            loaded = models.load(model);
        } catch (ModelFileException e) {
            // the user never saw the temporary copy: speak of the entry instead
            String detail = e.getMessage().startsWith(model + ": ")
                    ? e.getMessage().substring(model.toString().length() + 2) : e.getMessage();
            throw new SessionException(file, entry + " (" + what + "): " + detail.replace(model.toString(), entry), e);
        } finally {
            Files.deleteIfExists(model);
        }
        if (!loaded.paramsSha256().equals(expectedHash)) {
            throw new SessionException(file, entry + " (" + what + ") has parameters with SHA-256 "
                    + loaded.paramsSha256() + ", but session.json recorded " + expectedHash
                    + ": the model was replaced or damaged");
        }
        return loaded;
    }

    /** What went wrong in a read, for people (some zip errors carry no message). */
    private static String describe(IOException e) {
        if (e instanceof java.io.EOFException) {
            return "the data ends early";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? "a damaged zip structure (" + e.getClass().getSimpleName() + ")"
                : message;
    }

    /** A JSON value as messages quote it: at most 60 characters, control characters escaped. */
    static String shown(JsonNode value) {
        if (value == null) {
            return "missing";
        }
        String text = value.toString();
        String cut = printable(text.length() > 60 ? text.substring(0, 57) : text);
        return text.length() > 60 ? cut + "... (" + text.length() + " characters)" : cut;
    }

    /** The text with control characters shown as {@code \\uXXXX} and cut to 120 characters. */
    private static String printable(String text) {
        StringBuilder b = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (b.length() >= 120) {
                return b.append("...").toString();
            }
            b.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return b.toString();
    }

    private static byte[] readEntry(Path file, ZipFile zip, String name, long maxBytes, String missingPrefix)
            throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        copyEntry(file, zip, name, maxBytes, missingPrefix, out);
        return out.toByteArray();
    }

    /**
     * Copies entry {@code name} to {@code out}, refusing one that declares or inflates to more than
     * {@code maxBytes}, or inflates more than {@link #MAX_INFLATION_RATIO} times its compressed size
     * (a decompression bomb): the damage is noticed after at most a bounded number of bytes.
     */
    private static void copyEntry(Path file, ZipFile zip, String name, long maxBytes, String missingPrefix,
            java.io.OutputStream out) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new SessionException(file, missingPrefix + "entry " + name + " is missing");
        }
        if (entry.getSize() > maxBytes) {
            throw new SessionException(file, "entry " + name + " declares " + entry.getSize()
                    + " bytes, more than the " + maxBytes + " allowed");
        }
        long compressed = Math.max(1, entry.getCompressedSize());
        long inflationLimit = Math.max(ModelStore.INFLATION_FLOOR, compressed * MAX_INFLATION_RATIO);
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] chunk = new byte[1 << 16];
            long total = 0;
            for (int n; (n = in.read(chunk)) >= 0; ) {
                total += n;
                if (total > maxBytes) {
                    throw new SessionException(file, "entry " + name + " is longer than the " + maxBytes
                            + " bytes allowed");
                }
                if (total > inflationLimit) {
                    throw new SessionException(file, "entry " + name + " inflates from " + compressed
                            + " compressed bytes to more than " + inflationLimit + " (over " + MAX_INFLATION_RATIO
                            + " times): a decompression bomb, refusing to read on");
                }
                out.write(chunk, 0, n);
            }
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp folder is harmless
        }
    }

    /** Field access with errors that say which field of {@code session.json} is wrong. */
    private final class Reader {

        private final Path file;
        private final ObjectNode root;

        Reader(Path file, ObjectNode root) {
            this.file = file;
            this.root = root;
        }

        private SessionException bad(String at, String problem) {
            return new SessionException(file, JSON_ENTRY + ": " + at + " " + problem);
        }

        ObjectNode object(JsonNode node, String at) {
            if (!(node instanceof ObjectNode o)) {
                throw bad(at, "must be a JSON object, was " + (node == null ? "missing" : shown(node)));
            }
            return o;
        }

        ArrayNode array(JsonNode node, String at) {
            if (!(node instanceof ArrayNode a)) {
                throw bad(at, "must be a JSON array, was " + (node.isMissingNode() ? "missing" : shown(node)));
            }
            return a;
        }

        String text(ObjectNode node, String field, String at) {
            JsonNode v = node.get(field);
            if (v == null || !v.isTextual() || v.asText().isBlank()) {
                throw bad(at + "." + field, "must be a non-empty text, was " + shown(v));
            }
            return v.asText();
        }

        double number(ObjectNode node, String field, String at) {
            JsonNode v = node.get(field);
            if (v != null && v.isNumber()) {
                return v.doubleValue();
            }
            if (v != null && v.isTextual() && v.asText().equals("NaN")) {
                return Double.NaN;
            }
            throw bad(at + "." + field, "must be a number, was " + shown(v));
        }

        long integer(ObjectNode node, String field, String at) {
            JsonNode v = node.get(field);
            if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
                throw bad(at + "." + field, "must be a whole number, was " + shown(v));
            }
            return v.longValue();
        }

        int count(ObjectNode node, String field, String at, int min) {
            long v = integer(node, field, at);
            if (v < min || v > Integer.MAX_VALUE) {
                throw bad(at + "." + field, "must be at least " + min + ", was " + v);
            }
            return (int) v;
        }

        DatasetRef dataset() {
            ObjectNode d = object(root.get("dataset"), "dataset");
            String source = text(d, "source", "dataset");
            JsonNode limit = d.get("trainLimit");
            Integer trainLimit = limit == null || limit.isNull() ? null : count(d, "trainLimit", "dataset", 1);
            String sha = text(d, "sha256", "dataset");
            if (!sha.matches("[0-9a-f]{64}")) {
                throw bad("dataset.sha256", "must be 64 lower-case hex digits, was '" + sha + "'");
            }
            JsonNode name = d.get("name");
            return new DatasetRef(source, trainLimit, sha, name == null || !name.isTextual() ? source : name.asText(),
                    count(d, "trainCount", "dataset", 0));
        }

        int[] forget(DatasetRef dataset) {
            ObjectNode f = object(root.get("forget"), "forget");
            ArrayNode list = array(f.path("indices"), "forget.indices");
            int[] indices = new int[list.size()];
            for (int i = 0; i < indices.length; i++) {
                JsonNode v = list.get(i);
                if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                    throw bad("forget.indices[" + i + "]", "must be a whole number, was " + shown(v));
                }
                indices[i] = v.intValue();
                if (indices[i] < 0 || indices[i] >= dataset.trainCount()) {
                    throw bad("forget.indices[" + i + "]", "is " + indices[i] + ", outside the "
                            + dataset.trainCount() + " training images of " + dataset.describe());
                }
                if (i > 0 && indices[i] <= indices[i - 1]) {
                    throw bad("forget.indices", "must be ascending without repeats; " + indices[i]
                            + " follows " + indices[i - 1]);
                }
            }
            int count = count(f, "count", "forget", 0);
            if (count != indices.length) {
                throw bad("forget.count", "is " + count + " but " + indices.length + " indices are listed");
            }
            String hash = text(f, "sha256", "forget");
            if (!hash.equals(IndexView.hashIndices(indices))) {
                throw bad("forget.sha256", "does not match the listed indices: the forget set was edited or"
                        + " damaged");
            }
            return indices;
        }

        Session.Evaluation evaluation() {
            ObjectNode e = object(root.get("evaluation"), "evaluation");
            return new Session.Evaluation(count(e, "retainSample", "evaluation", 1), integer(e, "seed", "evaluation"));
        }

        Map<String, Double> figures(ObjectNode node, String at) {
            JsonNode f = node.get("figures");
            Map<String, Double> figures = new LinkedHashMap<>();
            if (f == null || f.isNull()) {
                return figures;
            }
            ObjectNode o = object(f, at + ".figures");
            o.fieldNames().forEachRemaining(name -> figures.put(name, number(o, name, at + ".figures")));
            return figures;
        }

        SessionRun run(JsonNode node, String at) {
            ObjectNode o = object(node, at);
            Instant finished;
            try {
                finished = Instant.parse(text(o, "finished", at));
            } catch (DateTimeParseException e) {
                throw bad(at + ".finished", "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z, was "
                        + shown(o.get("finished")));
            }
            SessionRun.Kind kind;
            try {
                kind = SessionRun.Kind.valueOf(text(o, "kind", at));
            } catch (IllegalArgumentException e) {
                throw bad(at + ".kind", "must be TRAIN or UNLEARN, was " + shown(o.get("kind")));
            }
            ModelMetrics metrics = null;
            JsonNode m = o.get("metrics");
            if (m != null && !m.isNull()) {
                ObjectNode mo = object(m, at + ".metrics");
                metrics = new ModelMetrics(number(mo, "forgetAccuracy", at + ".metrics"),
                        number(mo, "retainAccuracy", at + ".metrics"), number(mo, "testAccuracy", at + ".metrics"),
                        optional(mo, "miaAuc", at), optional(mo, "miaEfficacy", at),
                        optional(mo, "l2ToRetrained", at), optional(mo, "klToRetrained", at),
                        optional(mo, "rmiaAuc", at), optional(mo, "rmiaAucRetain", at), optional(mo, "tprAt1Fpr", at),
                        optional(mo, "tprAt01Fpr", at));
            }
            return new SessionRun(finished, kind, text(o, "label", at), text(o, "method", at),
                    object(o.get("params"), at + ".params").toString(), integer(o, "seed", at),
                    number(o, "seconds", at), text(o, "dataset", at), count(o, "forgetCount", at, 0), metrics);
        }

        private Double optional(ObjectNode node, String field, String at) {
            JsonNode v = node.get(field);
            return v == null || v.isNull() ? null : number(node, field, at + ".metrics");
        }
    }
}
