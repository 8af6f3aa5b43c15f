package org.lethe.engine.unlearning.sisa;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.lethe.engine.LetheException;
import org.lethe.engine.data.ImageSplit;
import org.lethe.engine.io.AtomicFiles;
import org.lethe.engine.model.ModelArchive;
import org.lethe.engine.model.ModelFactory;
import org.lethe.engine.model.ModelFileException;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.ModelStore;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Saves and loads a whole {@link SisaEnsemble} as one file ({@code .lethe-sisa}), and single shard
 * states (what a shard task leaves for the driver) in the same format.
 *
 * <h2>Layout</h2>
 * A zip holding {@code sisa.json} and, per shard k, {@code shard-k-params.bin},
 * {@code shard-k-buffers.bin} and, per slice sl, {@code shard-k-slice-sl-params.bin} and
 * {@code shard-k-slice-sl-buffers.bin} (flat vectors, little-endian, as {@link ModelStore} writes
 * parameters). {@code sisa.json} holds the format name and version, whether the file is a whole
 * {@code ensemble} or one {@code shard}, the model spec and the SISA config, and for an ensemble the
 * identity of the training split (name, size, SHA-256 of its images and labels), the shard
 * assignment and the deleted indices; for every stored vector its length and SHA-256, and for every
 * slice its checkpoint key. Writes are atomic ({@link AtomicFiles}).
 *
 * <h2>Reading untrusted files</h2>
 * Only the entries named above may occur, each once, none a link; each binary entry's length is
 * known from the spec before it is read (parameters: {@link ModelFactory#parameterCount}, at most
 * {@link ModelStore#MAX_PARAMS}; buffers: no more than parameters), its declared size must match,
 * and reading stops at that size or at a decompression bomb ({@link ModelArchive#readEntry}).
 * Vectors are checked against their hashes, and the ensemble is put together by
 * {@link SisaEnsemble#assemble}, which recomputes every checkpoint key. Every problem is a
 * {@link ModelFileException} naming the file.
 */
public final class SisaStore {

    /** The value of {@code format} in {@code sisa.json}. */
    public static final String FORMAT = "lethe-sisa";
    /** The format version this code writes and reads. */
    public static final int VERSION = 1;
    /** The usual file extension. */
    public static final String EXTENSION = ".lethe-sisa";

    static final String JSON_ENTRY = "sisa.json";
    private static final String ENSEMBLE = "ensemble";
    private static final String SHARD = "shard";
    private static final long MAX_JSON_BYTES = 64L << 20;
    private static final Pattern BINARY_ENTRY =
            Pattern.compile("shard-(0|[1-9][0-9]{0,4})-(slice-(0|[1-9][0-9]{0,4})-)?(params|buffers)\\.bin");
    private static final String WHAT = "Lethe SISA file";

    private final ObjectMapper json = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Writes the whole ensemble (spec, config, assignment, deletions, every shard and checkpoint). */
    public void save(SisaEnsemble ensemble, Path file) throws IOException {
        ObjectNode header = header(ENSEMBLE, ensemble.spec(), ensemble.config());
        ObjectNode split = header.putObject("split");
        split.put("name", ensemble.split().name());
        split.put("count", ensemble.split().count());
        split.put("sha256", splitSha256(ensemble.split()));
        ArrayNode assignment = header.putArray("assignment");
        for (int k = 0; k < ensemble.assignment().count(); k++) {
            ArrayNode shard = assignment.addArray();
            for (int index : ensemble.assignment().shard(k)) {
                shard.add(index);
            }
        }
        ArrayNode deleted = header.putArray("deleted");
        for (int index : ensemble.deletedIndices()) {
            deleted.add(index);
        }
        List<SisaShardState> states = new ArrayList<>();
        for (int k = 0; k < ensemble.assignment().count(); k++) {
            states.add(ensemble.shardState(k));
        }
        write(file, header, states);
    }

    /** Writes one shard's state (a shard task's output), with the spec and config it was trained under. */
    public void saveShard(SisaShardState state, ModelSpec spec, SisaConfig config, Path file) throws IOException {
        write(file, header(SHARD, spec, config), List.of(state));
    }

    /**
     * Reads a whole ensemble over {@code split}, the training split it was trained on.
     *
     * @throws ModelFileException if the file is missing, not a SISA ensemble file, damaged, truncated,
     *     written by a newer version, or made on another training split
     */
    public SisaEnsemble load(Path file, ImageSplit split) {
        return read(file, (header, zip) -> {
            requireContent(file, header, ENSEMBLE);
            ModelSpec spec = parse(file, header, "spec", ModelSpec.class);
            SisaConfig config = parse(file, header, "config", SisaConfig.class);
            checkSplit(file, header.path("split"), split);
            int[][] shards = intArrays(file, header.path("assignment"), "assignment", config.shards(), split.count());
            int[] deleted = intArray(file, header.path("deleted"), "deleted", split.count(), split.count());
            ShardAssignment assignment = new ShardAssignment(shards);
            List<SisaShardState> states = readShards(file, zip, header, spec, config, config.shards());
            return SisaEnsemble.assemble(split, assignment, deleted, spec, config, states);
        });
    }

    /**
     * Reads one shard's state, which must have been trained under {@code spec} and {@code config}.
     *
     * @throws ModelFileException if the file is missing, not a SISA shard file, damaged, or made
     *     under another spec or config
     */
    public SisaShardState loadShard(Path file, ModelSpec spec, SisaConfig config) {
        return read(file, (header, zip) -> {
            requireContent(file, header, SHARD);
            ModelSpec fileSpec = parse(file, header, "spec", ModelSpec.class);
            SisaConfig fileConfig = parse(file, header, "config", SisaConfig.class);
            if (!fileSpec.equals(spec) || !fileConfig.equals(config)) {
                throw new ModelFileException(file, "the shard was trained under " + fileSpec + " and " + fileConfig
                        + ", expected " + spec + " and " + config);
            }
            return readShards(file, zip, header, spec, config, 1).get(0);
        });
    }

    /** SHA-256 of a split's shape, labels and pixels: the training data an ensemble file belongs to. */
    public static String splitSha256(ImageSplit split) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            int pixels = split.shape().pixelsPerImage();
            digest.update((split.shape().channels() + "x" + split.shape().height() + "x" + split.shape().width()
                    + ":" + split.count()).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] image = new byte[pixels];
            for (int i = 0; i < split.count(); i++) {
                digest.update((byte) split.label(i));
                split.copyImage(i, image, 0);
                digest.update(image);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    // ------------------------------------------------------------------ writing

    private ObjectNode header(String content, ModelSpec spec, SisaConfig config) {
        ObjectNode header = json.createObjectNode();
        header.put("format", FORMAT);
        header.put("version", VERSION);
        header.put("content", content);
        header.set("spec", json.valueToTree(spec));
        header.set("config", json.valueToTree(config));
        return header;
    }

    private void write(Path file, ObjectNode header, List<SisaShardState> states) throws IOException {
        Map<String, byte[]> binaries = new LinkedHashMap<>();
        ArrayNode shards = header.putArray("shards");
        for (SisaShardState state : states) {
            int k = state.shard();
            ObjectNode shard = shards.addObject();
            shard.put("shard", k);
            shard.set("params", vector(binaries, entry(k, -1, "params"), state.params()));
            shard.set("buffers", vector(binaries, entry(k, -1, "buffers"), state.buffers()));
            ArrayNode slices = shard.putArray("slices");
            for (int sl = 0; sl < state.slices().size(); sl++) {
                SisaShardState.SliceCheckpoint c = state.slices().get(sl);
                ObjectNode slice = slices.addObject();
                slice.put("key", c.key());
                slice.set("params", vector(binaries, entry(k, sl, "params"), c.params()));
                slice.set("buffers", vector(binaries, entry(k, sl, "buffers"), c.buffers()));
            }
        }
        byte[] headerBytes = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(header);
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            ModelArchive.putEntry(zip, JSON_ENTRY, headerBytes);
            for (Map.Entry<String, byte[]> e : binaries.entrySet()) {
                ModelArchive.putEntry(zip, e.getKey(), e.getValue());
            }
            zip.finish();
        });
    }

    private ObjectNode vector(Map<String, byte[]> binaries, String name, INDArray values) {
        byte[] bytes = ModelArchive.vectorBytes(values);
        binaries.put(name, bytes);
        ObjectNode node = json.createObjectNode();
        node.put("count", values.length());
        node.put("sha256", ModelArchive.sha256(bytes));
        return node;
    }

    private static String entry(int shard, int slice, String kind) {
        return "shard-" + shard + "-" + (slice < 0 ? "" : "slice-" + slice + "-") + kind + ".bin";
    }

    // ------------------------------------------------------------------ reading

    /** What to do with a file whose header has been read and whose entries have been checked. */
    @FunctionalInterface
    private interface Reader<T> {
        T read(JsonNode header, ZipFile zip) throws IOException;
    }

    private <T> T read(Path file, Reader<T> reader) {
        ZipFile zip = ModelArchive.open(file, WHAT);
        try (zip) {
            JsonNode header = readHeader(file, zip);
            ModelArchive.checkEntries(file, name -> name.equals(JSON_ENTRY) || BINARY_ENTRY.matcher(name).matches(),
                    "a Lethe SISA file holds only " + JSON_ENTRY + " and shard-K[-slice-S]-params|buffers.bin entries",
                    ModelStore.MAX_PARAMS * 8);
            return reader.read(header, zip);
        } catch (ModelFileException e) {
            throw e;
        } catch (LetheException | IllegalArgumentException e) {
            throw new ModelFileException(file, "not a usable SISA file: " + e.getMessage(), e);
        } catch (ZipException e) {
            throw new ModelFileException(file, "the SISA file is damaged: " + ModelArchive.reason(e), e);
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot read the SISA file: " + ModelArchive.reason(e), e);
        }
    }

    private JsonNode readHeader(Path file, ZipFile zip) throws IOException {
        if (zip.getEntry(JSON_ENTRY) == null) {
            throw new ModelFileException(file, "not a " + WHAT + ": entry " + JSON_ENTRY + " is missing");
        }
        return ModelArchive.readHeader(file, zip, JSON_ENTRY, MAX_JSON_BYTES, json, FORMAT, VERSION, "SISA format");
    }

    private static void requireContent(Path file, JsonNode header, String expected) {
        String content = header.path("content").asText();
        if (!expected.equals(content)) {
            throw new ModelFileException(file, "holds '" + content + "', expected a SISA " + expected
                    + (SHARD.equals(content) ? " (a single shard task's output, not a whole ensemble)" : ""));
        }
    }

    private <T> T parse(Path file, JsonNode header, String field, Class<T> type) {
        JsonNode node = header.get(field);
        if (node == null || !node.isObject()) {
            throw new ModelFileException(file, JSON_ENTRY + " has no '" + field + "' object");
        }
        try {
            return json.treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            Throwable root = e;
            while (root.getCause() != null && !(root instanceof LetheException)) {
                root = root.getCause();
            }
            String why = root instanceof LetheException ? root.getMessage()
                    : e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new ModelFileException(file, "invalid '" + field + "' in " + JSON_ENTRY + ": " + why, e);
        }
    }

    private static void checkSplit(Path file, JsonNode node, ImageSplit split) {
        long count = node.path("count").asLong(-1);
        String hash = node.path("sha256").asText();
        if (count != split.count()) {
            throw new ModelFileException(file, "the ensemble was trained on a split of " + count + " images, "
                    + "but the dataset given has " + split.count() + " training images: load it with the same "
                    + "dataset and train limit");
        }
        String actual = splitSha256(split);
        if (!actual.equals(hash)) {
            throw new ModelFileException(file, "the ensemble was trained on training images with SHA-256 " + hash
                    + ", but the dataset given has " + actual + ": load it with the same dataset and train limit");
        }
    }

    private static int[][] intArrays(Path file, JsonNode node, String field, int count, int bound) {
        if (!node.isArray() || node.size() != count) {
            throw new ModelFileException(file, "'" + field + "' must be an array of " + count + " shards, found "
                    + (node.isArray() ? node.size() + " entries" : node.getNodeType()));
        }
        int[][] out = new int[count][];
        long total = 0;
        for (int k = 0; k < count; k++) {
            out[k] = intArray(file, node.get(k), field + "[" + k + "]", bound - total, bound);
            total += out[k].length;
        }
        return out;
    }

    private static int[] intArray(Path file, JsonNode node, String field, long maxLength, int bound) {
        if (!node.isArray() || node.size() > maxLength) {
            throw new ModelFileException(file, "'" + field + "' must be an array of at most " + maxLength
                    + " indices, found " + (node.isArray() ? node.size() + " entries" : node.getNodeType()));
        }
        int[] out = new int[node.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isInt() || v.asInt() < 0 || v.asInt() >= bound) {
                throw new ModelFileException(file, "'" + field + "' entry " + i + " is " + v + ", expected an index"
                        + " in [0, " + bound + ")");
            }
            out[i] = v.asInt();
        }
        return out;
    }

    private List<SisaShardState> readShards(Path file, ZipFile zip, JsonNode header, ModelSpec spec,
                                            SisaConfig config, int expectedShards) throws IOException {
        long paramCount = ModelFactory.parameterCount(spec);
        if (paramCount > ModelStore.MAX_PARAMS) {
            throw new ModelFileException(file, "the spec in " + JSON_ENTRY + " (" + spec.architecture().id()
                    + ") has " + paramCount + " parameters, more than the " + ModelStore.MAX_PARAMS
                    + " a model file may hold");
        }
        DataType type = spec.precision().dataType();
        JsonNode shards = header.path("shards");
        if (!shards.isArray() || shards.size() != expectedShards) {
            throw new ModelFileException(file, "'shards' must list " + expectedShards + " shard(s), found "
                    + (shards.isArray() ? shards.size() : shards.getNodeType()));
        }
        List<SisaShardState> states = new ArrayList<>();
        for (JsonNode shard : shards) {
            JsonNode index = shard.path("shard");
            if (!index.isInt() || index.asInt() < 0 || index.asInt() >= config.shards()) {
                throw new ModelFileException(file, "a shard entry has index " + index + ", expected 0 to "
                        + (config.shards() - 1));
            }
            int k = index.asInt();
            INDArray params = readVector(file, zip, shard.path("params"), entry(k, -1, "params"), paramCount, true, type);
            INDArray buffers = readVector(file, zip, shard.path("buffers"), entry(k, -1, "buffers"), paramCount, false,
                    type);
            JsonNode slices = shard.path("slices");
            if (!slices.isArray() || slices.size() != config.slices()) {
                throw new ModelFileException(file, "shard " + k + " must list " + config.slices()
                        + " slice checkpoints, found " + (slices.isArray() ? slices.size() : slices.getNodeType()));
            }
            List<SisaShardState.SliceCheckpoint> checkpoints = new ArrayList<>();
            for (int sl = 0; sl < config.slices(); sl++) {
                JsonNode slice = slices.get(sl);
                if (!slice.path("key").isTextual()) {
                    throw new ModelFileException(file, "shard " + k + " slice " + sl + " has no checkpoint key");
                }
                checkpoints.add(new SisaShardState.SliceCheckpoint(slice.path("key").asText(),
                        readVector(file, zip, slice.path("params"), entry(k, sl, "params"), paramCount, true, type),
                        readVector(file, zip, slice.path("buffers"), entry(k, sl, "buffers"), paramCount, false, type)));
            }
            states.add(new SisaShardState(k, params, buffers, checkpoints));
        }
        return states;
    }

    /**
     * Reads one vector entry: {@code exact} vectors must hold {@code limit} values, others at most
     * that many; the length declared in the header must match the zip entry before anything is read.
     */
    private static INDArray readVector(Path file, ZipFile zip, JsonNode meta, String name, long limit, boolean exact,
                                       DataType type) throws IOException {
        long count = meta.path("count").asLong(-1);
        if (!meta.path("count").isIntegralNumber() || count < 0 || count > limit || (exact && count != limit)) {
            throw new ModelFileException(file, name + ": the header declares " + meta.path("count") + " values, expected "
                    + (exact ? "" : "at most ") + limit + " for this spec");
        }
        int width = type == DataType.DOUBLE ? 8 : 4;
        long bytes = count * width;
        var entry = zip.getEntry(name);
        if (entry == null) {
            throw new ModelFileException(file, "entry " + name + " is missing: the file is truncated or damaged");
        }
        if (entry.getSize() >= 0 && entry.getSize() != bytes) {
            throw new ModelFileException(file, "entry " + name + " declares " + entry.getSize() + " bytes, expected "
                    + bytes + " (" + count + " values of " + width + " bytes)");
        }
        byte[] raw = ModelArchive.readEntry(file, zip, name, bytes);
        if (raw.length != bytes) {
            throw new ModelFileException(file, "entry " + name + " holds " + raw.length + " bytes, expected " + bytes
                    + " (" + count + " values of " + width + " bytes)");
        }
        String hash = ModelArchive.sha256(raw);
        if (!hash.equals(meta.path("sha256").asText())) {
            throw new ModelFileException(file, "entry " + name + " has SHA-256 " + hash + ", expected "
                    + meta.path("sha256").asText() + ": the file is damaged");
        }
        return ModelArchive.decodeVector(raw, type);
    }
}
