package org.lethe.engine.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.lethe.engine.io.AtomicFiles;
import org.lethe.engine.model.optim.OptimizerState;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Saves and loads {@link TrainedModel}s as one file ({@code .lethe}): a zip holding
 * {@code model.json} (format, version, provenance, parameter count, type and hash),
 * {@code params.bin} (the flat parameters, little-endian), {@code orders.bin} (the epoch orders)
 * and, for trained models, {@code optimizer.bin} (the optimizer's step count and buffers). No Java
 * serialisation is involved, and writes are atomic.
 *
 * <p>A model file is untrusted input. Before anything large is allocated, {@link #load} checks that
 * the zip holds only those four entries, each once, none of them a link; that the architecture in
 * {@code model.json} has at most {@link #MAX_PARAMS} parameters (counted without building it) and
 * exactly as many as {@code paramCount} says; and it reads each entry only up to the size it can
 * legitimately have and stops an entry that inflates more than {@link #MAX_INFLATION_RATIO} times
 * its compressed size (a decompression bomb). The network is built only after its parameters have
 * been read and their hash verified.
 */
public final class ModelStore {

    /** The value of {@code format} in {@code model.json}. */
    public static final String FORMAT = "lethe-model";
    /** The format version this code writes and reads. */
    public static final int VERSION = 1;
    /** The usual file extension. */
    public static final String EXTENSION = ".lethe";

    static final String JSON_ENTRY = "model.json";
    static final String PARAMS_ENTRY = "params.bin";
    static final String ORDERS_ENTRY = "orders.bin";
    static final String OPTIMIZER_ENTRY = "optimizer.bin";
    /** The most parameters a model file may declare (1 GiB of float32 values). */
    public static final long MAX_PARAMS = 1L << 28;
    /** An entry may inflate to at most this many times its compressed size (beyond {@link #INFLATION_FLOOR}). */
    public static final int MAX_INFLATION_RATIO = ModelArchive.MAX_INFLATION_RATIO;
    /** Entries up to this many decompressed bytes are never treated as decompression bombs. */
    public static final long INFLATION_FLOOR = ModelArchive.INFLATION_FLOOR;
    private static final java.util.Set<String> ENTRIES =
            java.util.Set.of(JSON_ENTRY, PARAMS_ENTRY, ORDERS_ENTRY, OPTIMIZER_ENTRY);
    private static final int MAX_OPTIMIZER_BUFFERS = 8;
    private static final long MAX_JSON_BYTES = 16L << 20;
    private static final long MAX_ORDER_VALUES = 1L << 28;

    private final ObjectMapper json = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Writes {@code model} to {@code file}, replacing it atomically. */
    public void save(TrainedModel model, Path file) throws IOException {
        INDArray params = model.network().params();
        byte[] paramBytes = ModelArchive.vectorBytes(params);
        ObjectNode header = json.createObjectNode();
        header.put("format", FORMAT);
        header.put("version", VERSION);
        header.put("paramCount", params.length());
        header.put("paramType", params.dataType() == DataType.DOUBLE ? "float64" : "float32");
        header.put("paramsSha256", TrainedModel.hashParams(params));
        header.set("provenance", json.valueToTree(model.provenance()));
        byte[] headerBytes = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(header);
        byte[] orderBytes = encodeOrders(model.epochOrders());
        byte[] optimizerBytes = model.optimizerState() == null ? null
                : encodeOptimizer(model.optimizerState(), params.dataType() == DataType.DOUBLE);
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            ModelArchive.putEntry(zip, JSON_ENTRY, headerBytes);
            ModelArchive.putEntry(zip, PARAMS_ENTRY, paramBytes);
            ModelArchive.putEntry(zip, ORDERS_ENTRY, orderBytes);
            if (optimizerBytes != null) {
                ModelArchive.putEntry(zip, OPTIMIZER_ENTRY, optimizerBytes);
            }
            zip.finish();
        });
    }

    /**
     * Reads a model file.
     *
     * @throws ModelFileException if the file is missing, not a Lethe model, damaged, truncated, or
     *     written by another format version
     */
    public TrainedModel load(Path file) {
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new ModelFileException(file, "no such model file");
        }
        ZipFile zip = ModelArchive.open(file, "Lethe model file");
        try (zip) {
            JsonNode header = readHeader(file, zip);
            checkEntries(file);
            ModelProvenance provenance = parseProvenance(file, header);
            long expectedCount = ModelFactory.parameterCount(provenance.spec());
            if (expectedCount > MAX_PARAMS) {
                throw new ModelFileException(file, "the architecture in " + JSON_ENTRY + " ("
                        + provenance.spec().architecture().id() + ", input " + provenance.spec().input().channels()
                        + "x" + provenance.spec().input().height() + "x" + provenance.spec().input().width()
                        + ", hidden widths " + provenance.spec().hiddenWidths() + ", " + provenance.spec().numClasses()
                        + " classes) has " + expectedCount + " parameters, more than the " + MAX_PARAMS
                        + " a model file may hold");
            }
            long count = header.path("paramCount").asLong(-1);
            if (count != expectedCount) {
                throw new ModelFileException(file, "paramCount is " + count + " but the architecture "
                        + provenance.spec().architecture().id() + " has " + expectedCount + " parameters");
            }
            DataType type = "float64".equals(header.path("paramType").asText())
                    ? DataType.DOUBLE : DataType.FLOAT;
            if (type != provenance.spec().precision().dataType()) {
                throw new ModelFileException(file, "paramType " + header.path("paramType").asText()
                        + " does not match the spec's precision " + provenance.spec().precision());
            }
            int width = type == DataType.DOUBLE ? 8 : 4;
            byte[] raw = readEntry(file, zip, PARAMS_ENTRY, expectedCount * width);
            if (raw.length != expectedCount * width) {
                throw new ModelFileException(file, PARAMS_ENTRY + " holds " + raw.length + " bytes, expected "
                        + expectedCount * width + " (" + expectedCount + " values of " + width + " bytes)");
            }
            INDArray params = decodeParams(raw, type);
            String hash = TrainedModel.hashParams(params);
            if (!hash.equals(header.path("paramsSha256").asText())) {
                throw new ModelFileException(file, "the parameters' SHA-256 is " + hash + ", expected "
                        + header.path("paramsSha256").asText() + ": the file is damaged");
            }
            Network network = ModelFactory.build(provenance.spec());
            network.setParams(params);
            List<int[]> orders = decodeOrders(file, readEntry(file, zip, ORDERS_ENTRY, MAX_ORDER_VALUES * 4));
            OptimizerState optimizer = zip.getEntry(OPTIMIZER_ENTRY) == null ? null
                    : decodeOptimizer(file, readEntry(file, zip, OPTIMIZER_ENTRY,
                            MAX_OPTIMIZER_BUFFERS * (expectedCount * width + 1024)), expectedCount, width == 8);
            return new TrainedModel(network, provenance, orders, optimizer);
        } catch (ZipException e) {
            throw new ModelFileException(file, "the model file is damaged: " + reason(e), e);
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot read the model file: " + reason(e), e);
        }
    }

    /**
     * Refuses anything but the four known entries: unknown names (which covers names with {@code ..}
     * or an absolute path), duplicates, symbolic links, and declared sizes beyond any real model's.
     */
    private static void checkEntries(Path file) {
        ModelArchive.checkEntries(file, ENTRIES::contains, "a Lethe model holds only " + JSON_ENTRY + ", "
                + PARAMS_ENTRY + ", " + ORDERS_ENTRY + " and " + OPTIMIZER_ENTRY, MAX_PARAMS * 8 * MAX_OPTIMIZER_BUFFERS);
    }

    /** The exception's message, or its kind when it has none. */
    private static String reason(Exception e) {
        return ModelArchive.reason(e);
    }

    private JsonNode readHeader(Path file, ZipFile zip) throws IOException {
        return ModelArchive.readHeader(file, zip, JSON_ENTRY, MAX_JSON_BYTES, json, FORMAT, VERSION, "model format");
    }

    private ModelProvenance parseProvenance(Path file, JsonNode header) {
        JsonNode node = header.get("provenance");
        if (node == null || !node.isObject()) {
            throw new ModelFileException(file, JSON_ENTRY + " has no provenance object");
        }
        try {
            return json.treeToValue(node, ModelProvenance.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new ModelFileException(file, "invalid provenance in " + JSON_ENTRY + ": " + why, e);
        }
    }

    private static byte[] readEntry(Path file, ZipFile zip, String name, long maxBytes) throws IOException {
        if (zip.getEntry(name) == null) {
            throw new ModelFileException(file, "not a Lethe model file: entry " + name + " is missing");
        }
        return ModelArchive.readEntry(file, zip, name, maxBytes);
    }

    private static INDArray decodeParams(byte[] raw, DataType type) {
        return ModelArchive.decodeVector(raw, type);
    }

    private static byte[] encodeOptimizer(OptimizerState state, boolean doubles) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeLong(state.steps());
        out.writeInt(state.buffers().size());
        for (var e : state.buffers().entrySet()) {
            out.writeUTF(e.getKey());
            double[] values = e.getValue();
            out.writeInt(values.length);
            for (double v : values) {
                if (doubles) {
                    out.writeDouble(v);
                } else {
                    out.writeFloat((float) v);
                }
            }
        }
        out.flush();
        return bytes.toByteArray();
    }

    private static OptimizerState decodeOptimizer(Path file, byte[] raw, long paramCount, boolean doubles) {
        try (java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(raw))) {
            long steps = in.readLong();
            int count = in.readInt();
            if (steps < 0 || count < 0 || count > MAX_OPTIMIZER_BUFFERS) {
                throw new ModelFileException(file, OPTIMIZER_ENTRY + " declares " + count + " buffers and " + steps
                        + " steps; expected at most " + MAX_OPTIMIZER_BUFFERS + " buffers");
            }
            java.util.Map<String, double[]> buffers = new java.util.LinkedHashMap<>();
            for (int b = 0; b < count; b++) {
                String name = in.readUTF();
                int length = in.readInt();
                if (length != paramCount) {
                    throw new ModelFileException(file, OPTIMIZER_ENTRY + ": buffer '" + name + "' holds " + length
                            + " values, expected one per parameter (" + paramCount + ")");
                }
                double[] values = new double[length];
                for (int i = 0; i < length; i++) {
                    values[i] = doubles ? in.readDouble() : in.readFloat();
                }
                buffers.put(name, values);
            }
            if (in.read() != -1) {
                throw new ModelFileException(file, OPTIMIZER_ENTRY + " has trailing bytes");
            }
            return new OptimizerState(steps, buffers);
        } catch (java.io.EOFException e) {
            throw new ModelFileException(file, OPTIMIZER_ENTRY + " is truncated", e);
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot read " + OPTIMIZER_ENTRY + ": " + e.getMessage(), e);
        }
    }

    private static byte[] encodeOrders(List<int[]> orders) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(orders.size());
        for (int[] order : orders) {
            out.writeInt(order.length);
            for (int index : order) {
                out.writeInt(index);
            }
        }
        out.flush();
        return bytes.toByteArray();
    }

    private static List<int[]> decodeOrders(Path file, byte[] raw) {
        ByteBuffer buffer = ByteBuffer.wrap(raw);
        List<int[]> orders = new ArrayList<>();
        if (buffer.remaining() < 4) {
            throw new ModelFileException(file, ORDERS_ENTRY + " is truncated: " + raw.length + " bytes");
        }
        int epochs = buffer.getInt();
        if (epochs < 0 || epochs > buffer.remaining() / 4) {
            throw new ModelFileException(file, ORDERS_ENTRY + " declares " + epochs + " epochs, which "
                    + raw.length + " bytes cannot hold");
        }
        for (int e = 0; e < epochs; e++) {
            if (buffer.remaining() < 4) {
                throw new ModelFileException(file, ORDERS_ENTRY + " is truncated in epoch " + e);
            }
            int length = buffer.getInt();
            if (length < 0 || length > buffer.remaining() / 4) {
                throw new ModelFileException(file, ORDERS_ENTRY + ": epoch " + e + " declares " + length
                        + " indices but only " + buffer.remaining() / 4 + " remain");
            }
            int[] order = new int[length];
            buffer.asIntBuffer().get(order);
            buffer.position(buffer.position() + 4 * length);
            orders.add(order);
        }
        if (buffer.hasRemaining()) {
            throw new ModelFileException(file, ORDERS_ENTRY + " has " + buffer.remaining() + " trailing bytes");
        }
        return orders;
    }
}
