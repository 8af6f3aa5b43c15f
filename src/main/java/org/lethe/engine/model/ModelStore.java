package org.lethe.engine.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.lethe.engine.io.AtomicFiles;
import org.lethe.engine.model.optim.OptimizerState;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Saves and loads {@link TrainedModel}s as one file ({@code .lethe}): a zip holding
 * {@code model.json} (format, version, provenance, parameter count, type and hash),
 * {@code params.bin} (the flat parameters, little-endian), {@code orders.bin} (the epoch orders)
 * and, for trained models, {@code optimizer.bin} (the optimizer's step count and buffers). No Java serialisation is involved; every size is checked against the architecture
 * before anything large is allocated, and writes are atomic.
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
    private static final int MAX_OPTIMIZER_BUFFERS = 8;
    private static final long MAX_JSON_BYTES = 16L << 20;
    private static final long MAX_ORDER_VALUES = 1L << 28;

    private final ObjectMapper json = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Writes {@code model} to {@code file}, replacing it atomically. */
    public void save(TrainedModel model, Path file) throws IOException {
        INDArray params = model.network().params();
        byte[] paramBytes = TrainedModel.paramBytes(params);
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
            putEntry(zip, JSON_ENTRY, headerBytes);
            putEntry(zip, PARAMS_ENTRY, paramBytes);
            putEntry(zip, ORDERS_ENTRY, orderBytes);
            if (optimizerBytes != null) {
                putEntry(zip, OPTIMIZER_ENTRY, optimizerBytes);
            }
            zip.finish();
        });
    }

    private static void putEntry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    /**
     * Reads a model file.
     *
     * @throws ModelFileException if the file is missing, not a Lethe model, damaged, truncated, or
     *     written by another format version
     */
    public TrainedModel load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ModelFileException(file, "no such model file");
        }
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (IOException e) {
            throw new ModelFileException(file, "not a readable Lethe model file (damaged, truncated, or another "
                    + "kind of file): " + e.getMessage(), e);
        }
        try (zip) {
            JsonNode header = readHeader(file, zip);
            ModelProvenance provenance = parseProvenance(file, header);
            Network network = ModelFactory.build(provenance.spec());
            long expectedCount = network.numParams();
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
            network.setParams(params);
            List<int[]> orders = decodeOrders(file, readEntry(file, zip, ORDERS_ENTRY, MAX_ORDER_VALUES * 4));
            OptimizerState optimizer = zip.getEntry(OPTIMIZER_ENTRY) == null ? null
                    : decodeOptimizer(file, readEntry(file, zip, OPTIMIZER_ENTRY,
                            MAX_OPTIMIZER_BUFFERS * (expectedCount * width + 1024)), expectedCount, width == 8);
            return new TrainedModel(network, provenance, orders, optimizer);
        } catch (ZipException e) {
            throw new ModelFileException(file, "the model file is damaged: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot read the model file: " + e.getMessage(), e);
        }
    }

    private JsonNode readHeader(Path file, ZipFile zip) throws IOException {
        byte[] bytes = readEntry(file, zip, JSON_ENTRY, MAX_JSON_BYTES);
        JsonNode header;
        try {
            header = json.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new ModelFileException(file, JSON_ENTRY + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (header == null || !FORMAT.equals(header.path("format").asText())) {
            throw new ModelFileException(file, "format is '" + (header == null ? "" : header.path("format").asText())
                    + "', expected '" + FORMAT + "'");
        }
        int version = header.path("version").asInt(-1);
        if (version > VERSION) {
            throw new ModelFileException(file, "written by a newer Lethe (model format version " + version
                    + "); this version reads version " + VERSION + ". Update Lethe to open it.");
        }
        if (version < 1) {
            throw new ModelFileException(file, "model format version " + version + " is not supported; expected "
                    + VERSION);
        }
        return header;
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
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new ModelFileException(file, "not a Lethe model file: entry " + name + " is missing");
        }
        if (entry.getSize() > maxBytes) {
            throw new ModelFileException(file, "entry " + name + " declares " + entry.getSize()
                    + " bytes, more than the " + maxBytes + " expected");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] bytes = in.readNBytes((int) Math.min(maxBytes, Integer.MAX_VALUE - 8));
            if (in.read() != -1) {
                throw new ModelFileException(file, "entry " + name + " is longer than the " + maxBytes
                        + " bytes expected");
            }
            return bytes;
        }
    }

    private static INDArray decodeParams(byte[] raw, DataType type) {
        ByteBuffer buffer = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        if (type == DataType.DOUBLE) {
            double[] values = new double[raw.length / 8];
            buffer.asDoubleBuffer().get(values);
            return Nd4j.createFromArray(values);
        }
        float[] values = new float[raw.length / 4];
        buffer.asFloatBuffer().get(values);
        return Nd4j.createFromArray(values);
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
