package org.lethe.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.lethe.reliability.Mutator.IntField;
import org.lethe.reliability.Mutator.Layout;
import org.lethe.reliability.Mutator.Mutation;

/**
 * Format-aware mutations on top of {@link Mutator}: tar headers (with the checksum recomputed, so
 * the damage reaches the reader instead of stopping at the checksum), zip structures, PNG chunks
 * (with CRCs fixed) and JSON trees (every value replaced by hostile ones, every field removed).
 */
public final class FormatMutations {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TAR_BLOCK = 512;

    private FormatMutations() {
    }

    // ------------------------------------------------------------------ IDX

    /** Layout of a raw IDX file of the given rank with {@code itemBytes} per item. */
    public static Layout idxLayout(byte[] data, int rank, int itemBytes) {
        int header = 4 + 4 * rank;
        List<Integer> boundaries = new ArrayList<>();
        for (int i = 0; i <= rank; i++) {
            boundaries.add(4 * i);
        }
        boundaries.add(header);
        boundaries.add(header + itemBytes);
        boundaries.add(header + 2 * itemBytes);
        boundaries.add(data.length - itemBytes);
        boundaries.add(data.length);
        List<IntField> fields = new ArrayList<>();
        fields.add(IntField.be32("magic", 0));
        String[] names = rank == 3 ? new String[] {"count", "rows", "columns"} : new String[] {"count"};
        for (int i = 0; i < rank; i++) {
            fields.add(IntField.be32(names[i], 4 + 4 * i));
        }
        return new Layout(boundaries, header, 4, fields);
    }

    /** Layout of a gzip member: 10-byte header, deflate data, CRC-32 and size trailer. */
    public static Layout gzipLayout(byte[] gz) {
        int n = gz.length;
        return new Layout(List.of(2, 3, 4, 10, n / 2, n - 8, n - 4, n), 10, 2,
                List.of(IntField.le32("gzip CRC-32", n - 8), IntField.le32("gzip ISIZE", n - 4)));
    }

    // ------------------------------------------------------------------ tar

    /** Offsets of the 512-byte entry headers of a tar, in order. */
    public static List<Integer> tarHeaders(byte[] tar) {
        List<Integer> headers = new ArrayList<>();
        int at = 0;
        while (at + TAR_BLOCK <= tar.length && !isZeroBlock(tar, at)) {
            headers.add(at);
            long size = Long.parseLong(new String(tar, at + 124, 11, StandardCharsets.US_ASCII).trim(), 8);
            at += TAR_BLOCK + (int) ((size + TAR_BLOCK - 1) / TAR_BLOCK) * TAR_BLOCK;
        }
        return headers;
    }

    private static boolean isZeroBlock(byte[] tar, int at) {
        for (int i = at; i < at + TAR_BLOCK; i++) {
            if (tar[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Section boundaries of a tar: each header, the start and end of each entry's data. */
    public static List<Integer> tarBoundaries(byte[] tar) {
        List<Integer> boundaries = new ArrayList<>();
        for (int h : tarHeaders(tar)) {
            long size = Long.parseLong(new String(tar, h + 124, 11, StandardCharsets.US_ASCII).trim(), 8);
            boundaries.add(h);
            boundaries.add(h + 100);
            boundaries.add(h + 257);
            boundaries.add(h + TAR_BLOCK);
            boundaries.add(h + TAR_BLOCK + (int) size / 2);
            boundaries.add(h + TAR_BLOCK + (int) size);
        }
        boundaries.add(tar.length);
        return boundaries;
    }

    /** A copy with {@code bytes} written at {@code offset} and the header's checksum recomputed. */
    public static byte[] patchTarHeader(byte[] tar, int header, int offset, byte[] bytes, boolean fixChecksum) {
        byte[] copy = tar.clone();
        System.arraycopy(bytes, 0, copy, header + offset, bytes.length);
        if (fixChecksum) {
            Arrays.fill(copy, header + 148, header + 156, (byte) ' ');
            long sum = 0;
            for (int i = header; i < header + TAR_BLOCK; i++) {
                sum += copy[i] & 0xFF;
            }
            byte[] field = String.format("%06o", sum).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(field, 0, copy, header + 148, 6);
            copy[header + 154] = 0;
            copy[header + 155] = ' ';
        }
        return copy;
    }

    private static byte[] padded(String text, int length) {
        byte[] out = new byte[length];
        byte[] raw = text.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(raw, 0, out, 0, Math.min(length, raw.length));
        return out;
    }

    /**
     * Hostile header edits for every entry of a tar, checksum fixed: sizes (too small, too large,
     * octal maximum, base-256 huge and negative, not a number), type flags (links, devices, FIFOs,
     * GNU and pax extensions), names escaping the folder or absolute, link targets, a broken
     * {@code ustar} magic, and one edit with the checksum left wrong.
     */
    public static List<Mutation> tarHeaderMutations(String label, byte[] tar) {
        List<Mutation> out = new ArrayList<>();
        for (int h : tarHeaders(tar)) {
            String entry = new String(tar, h, 100, StandardCharsets.ISO_8859_1).replace("\0", "");
            long size = Long.parseLong(new String(tar, h + 124, 11, StandardCharsets.US_ASCII).trim(), 8);
            String at = label + " entry '" + entry + "': ";
            List<byte[]> sizes = new ArrayList<>();
            List<String> sizeNames = new ArrayList<>();
            for (long s : new long[] {0, size + 1, Math.max(0, size - 1), size + 3073, size * 1000, 077777777777L}) {
                sizes.add(padded(String.format("%011o", s), 12));
                sizeNames.add(Long.toString(s));
            }
            byte[] huge = new byte[12];
            huge[0] = (byte) 0x80;
            ByteBuffer.wrap(huge, 4, 8).putLong(1L << 40);
            sizes.add(huge);
            sizeNames.add("2^40 (base-256)");
            byte[] negative = new byte[12];
            Arrays.fill(negative, (byte) 0xFF);
            sizes.add(negative);
            sizeNames.add("-1 (base-256)");
            sizes.add(padded("zzzzzzzzzzz", 12));
            sizeNames.add("'zzzzzzzzzzz'");
            for (int i = 0; i < sizes.size(); i++) {
                out.add(new Mutation(at + "size set to " + sizeNames.get(i), patchTarHeader(tar, h, 124, sizes.get(i), true)));
            }
            for (char type : new char[] {'1', '2', '3', '4', '5', '6', '7', 'L', 'K', 'x', 'g', 'S', 'V', 'Z'}) {
                out.add(new Mutation(at + "type flag set to '" + type + "'",
                        patchTarHeader(tar, h, 156, new byte[] {(byte) type}, true)));
            }
            String last = entry.substring(entry.lastIndexOf('/') + 1);
            for (String name : new String[] {"../" + last, "/tmp/" + last, "cifar-10-batches-bin/../../" + last,
                "C:\\data\\" + last, "cifar-10-batches-bin/..\\..\\" + last, "a".repeat(100), ""}) {
                out.add(new Mutation(at + "name set to '" + name + "'", patchTarHeader(tar, h, 0, padded(name, 100), true)));
            }
            byte[] linked = patchTarHeader(tar, h, 157, padded("../../../etc/passwd", 100), true);
            out.add(new Mutation(at + "symbolic link to ../../../etc/passwd",
                    patchTarHeader(linked, h, 156, new byte[] {'2'}, true)));
            out.add(new Mutation(at + "ustar magic broken", patchTarHeader(tar, h, 257, padded("ustaR", 6), true)));
            out.add(new Mutation(at + "name changed, checksum not fixed",
                    patchTarHeader(tar, h, 0, padded(entry + "x", 100), false)));
        }
        return out;
    }

    // ------------------------------------------------------------------ zip

    /** Offsets and integer fields of a zip's local headers, central directory and end record. */
    public static Layout zipLayout(byte[] zip) {
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int eocd = -1;
        for (int i = zip.length - 22; i >= 0; i--) {
            if (b.getInt(i) == 0x06054b50) {
                eocd = i;
                break;
            }
        }
        if (eocd < 0) {
            throw new IllegalArgumentException("no end of central directory record");
        }
        List<Integer> boundaries = new ArrayList<>();
        List<IntField> fields = new ArrayList<>();
        int entries = b.getShort(eocd + 10) & 0xFFFF;
        int cd = b.getInt(eocd + 16);
        fields.add(new IntField("EOCD entries on disk", eocd + 8, 2, ByteOrder.LITTLE_ENDIAN));
        fields.add(new IntField("EOCD total entries", eocd + 10, 2, ByteOrder.LITTLE_ENDIAN));
        fields.add(IntField.le32("EOCD central directory size", eocd + 12));
        fields.add(IntField.le32("EOCD central directory offset", eocd + 16));
        fields.add(new IntField("EOCD comment length", eocd + 20, 2, ByteOrder.LITTLE_ENDIAN));
        int at = cd;
        for (int e = 0; e < entries; e++) {
            int nameLength = b.getShort(at + 28) & 0xFFFF;
            int extraLength = b.getShort(at + 30) & 0xFFFF;
            int commentLength = b.getShort(at + 32) & 0xFFFF;
            String name = new String(zip, at + 46, nameLength, StandardCharsets.UTF_8);
            int local = b.getInt(at + 42);
            boundaries.add(local);
            boundaries.add(local + 30);
            int localName = b.getShort(local + 26) & 0xFFFF;
            int localExtra = b.getShort(local + 28) & 0xFFFF;
            int dataStart = local + 30 + localName + localExtra;
            boundaries.add(dataStart);
            boundaries.add(dataStart + b.getInt(at + 20) / 2);
            boundaries.add(at);
            String cdName = "central entry " + name + " ";
            fields.add(new IntField(cdName + "method", at + 10, 2, ByteOrder.LITTLE_ENDIAN));
            fields.add(IntField.le32(cdName + "compressed size", at + 20));
            fields.add(IntField.le32(cdName + "size", at + 24));
            fields.add(new IntField(cdName + "name length", at + 28, 2, ByteOrder.LITTLE_ENDIAN));
            fields.add(new IntField(cdName + "extra length", at + 30, 2, ByteOrder.LITTLE_ENDIAN));
            fields.add(IntField.le32(cdName + "local header offset", at + 42));
            String lhName = "local entry " + name + " ";
            fields.add(new IntField(lhName + "method", local + 8, 2, ByteOrder.LITTLE_ENDIAN));
            fields.add(IntField.le32(lhName + "compressed size", local + 18));
            fields.add(new IntField(lhName + "name length", local + 26, 2, ByteOrder.LITTLE_ENDIAN));
            at += 46 + nameLength + extraLength + commentLength;
        }
        boundaries.add(cd);
        boundaries.add(eocd);
        boundaries.add(eocd + 22);
        return new Layout(boundaries, 30, 4, fields);
    }

    /** The entries of a zip, by name, in order. */
    public static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    /** A zip of the given entries, in order. */
    public static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** The entries with one of them replaced, zipped again. */
    public static byte[] rezip(Map<String, byte[]> entries, String name, byte[] content) throws IOException {
        Map<String, byte[]> copy = new LinkedHashMap<>(entries);
        copy.put(name, content);
        return zip(copy);
    }

    // ------------------------------------------------------------------ PNG

    /** Offsets of a PNG's chunks (length field of each), after the 8-byte signature. */
    public static List<Integer> pngChunks(byte[] png) {
        List<Integer> chunks = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(png);
        int at = 8;
        while (at + 12 <= png.length) {
            chunks.add(at);
            at += 12 + b.getInt(at);
        }
        return chunks;
    }

    /** Layout of a PNG: signature, chunk boundaries, IHDR and chunk length fields. */
    public static Layout pngLayout(byte[] png) {
        List<Integer> boundaries = new ArrayList<>(List.of(8));
        List<IntField> fields = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(png);
        for (int chunk : pngChunks(png)) {
            String type = new String(png, chunk + 4, 4, StandardCharsets.US_ASCII);
            boundaries.add(chunk);
            boundaries.add(chunk + 8);
            boundaries.add(chunk + 8 + b.getInt(chunk));
            fields.add(IntField.be32(type + " length", chunk));
        }
        return new Layout(boundaries, 33, 8, fields);
    }

    /** A copy with the IHDR chunk's field at {@code offset} (0 = width) set and its CRC fixed. */
    public static byte[] patchIhdr(byte[] png, int offset, byte[] value) {
        byte[] copy = png.clone();
        System.arraycopy(value, 0, copy, 16 + offset, value.length);
        CRC32 crc = new CRC32();
        crc.update(copy, 12, 17);
        ByteBuffer.wrap(copy).putInt(29, (int) crc.getValue());
        return copy;
    }

    /**
     * IHDR edits with a valid CRC: huge, zero and negative dimensions (a 30,000 x 30,000 image
     * declared in a few hundred bytes), and unusual bit depths, colour types and interlacing.
     */
    public static List<Mutation> pngHeaderMutations(String label, byte[] png) {
        List<Mutation> out = new ArrayList<>();
        int[][] sizes = {{30_000, 30_000}, {65_535, 65_535}, {Integer.MAX_VALUE, 1}, {1, Integer.MAX_VALUE},
            {Integer.MAX_VALUE, Integer.MAX_VALUE}, {0, 8}, {8, 0}, {-1, -1}, {4097, 4096}, {100_000, 1}, {9, 8}};
        for (int[] s : sizes) {
            byte[] dims = ByteBuffer.allocate(8).putInt(s[0]).putInt(s[1]).array();
            out.add(new Mutation(label + ": IHDR size set to " + s[0] + "x" + s[1] + " (CRC fixed)",
                    patchIhdr(png, 0, dims)));
        }
        for (int depth : new int[] {0, 1, 2, 4, 16, 3, 255}) {
            out.add(new Mutation(label + ": bit depth " + depth + " (CRC fixed)", patchIhdr(png, 8, new byte[] {(byte) depth})));
        }
        for (int colour : new int[] {1, 2, 3, 4, 6, 7}) {
            out.add(new Mutation(label + ": colour type " + colour + " (CRC fixed)",
                    patchIhdr(png, 9, new byte[] {(byte) colour})));
        }
        out.add(new Mutation(label + ": compression method 1 (CRC fixed)", patchIhdr(png, 10, new byte[] {1})));
        out.add(new Mutation(label + ": interlaced (CRC fixed)", patchIhdr(png, 12, new byte[] {1})));
        return out;
    }

    // ------------------------------------------------------------------ JSON

    /** Hostile replacements for a JSON value. */
    private static List<JsonNode> hostileValues() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ArrayNode hugeArray = f.arrayNode();
        hugeArray.add(1_000_000);
        ArrayNode nested = f.arrayNode();
        nested.addArray().addArray().add("x");
        return List.of(f.nullNode(), f.numberNode(-1), f.numberNode(0), f.numberNode(Integer.MAX_VALUE),
                f.numberNode(Long.MIN_VALUE), f.numberNode(1e308), f.numberNode(new java.math.BigInteger("9".repeat(40))),
                f.numberNode(0.5), f.textNode(""), f.textNode("x".repeat(5000)), f.textNode("\u0000\uFFFF"),
                f.booleanNode(true), f.arrayNode(), hugeArray, nested, f.objectNode());
    }

    /**
     * Structure-aware JSON mutations: every value replaced by {@code perValue} hostile values chosen
     * at random (always including null and a wrong type), and every object field removed.
     */
    public static List<Mutation> jsonTreeMutations(String label, byte[] json, Mutator random, int perValue)
            throws IOException {
        JsonNode root = JSON.readTree(json);
        List<String> paths = new ArrayList<>();
        collectPaths(root, "", paths);
        List<JsonNode> hostile = hostileValues();
        List<Mutation> out = new ArrayList<>();
        for (String path : paths) {
            for (int k = 0; k < perValue; k++) {
                JsonNode value = hostile.get(random.nextInt(0, hostile.size()));
                JsonNode copy = root.deepCopy();
                if (replace(copy, path, value)) {
                    out.add(new Mutation(label + ": " + path + " set to " + abbreviate(value.toString()),
                            JSON.writeValueAsBytes(copy)));
                }
            }
            JsonNode copy = root.deepCopy();
            if (remove(copy, path)) {
                out.add(new Mutation(label + ": " + path + " removed", JSON.writeValueAsBytes(copy)));
            }
        }
        return out;
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 37) + "..." : text;
    }

    private static void collectPaths(JsonNode node, String path, List<String> paths) {
        if (!path.isEmpty()) {
            paths.add(path);
        }
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> collectPaths(node.get(name), path + "/" + name, paths));
        } else if (node.isArray()) {
            for (int i = 0; i < Math.min(node.size(), 3); i++) {
                collectPaths(node.get(i), path + "/" + i, paths);
            }
        }
    }

    private static boolean replace(JsonNode root, String path, JsonNode value) {
        int slash = path.lastIndexOf('/');
        JsonNode parent = root.at(path.substring(0, slash));
        String key = path.substring(slash + 1);
        if (parent instanceof ObjectNode object) {
            object.set(key, value);
            return true;
        }
        if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(key), value);
            return true;
        }
        return false;
    }

    /** Sets a value at a JSON pointer path in {@code root}; for targeted edits. */
    public static byte[] withValue(byte[] json, String path, JsonNode value) throws IOException {
        JsonNode root = JSON.readTree(json);
        if (!replace(root, path, value)) {
            throw new IllegalArgumentException("no parent at " + path);
        }
        return JSON.writeValueAsBytes(root);
    }

    private static boolean remove(JsonNode root, String path) {
        int slash = path.lastIndexOf('/');
        JsonNode parent = root.at(path.substring(0, slash));
        if (parent instanceof ObjectNode object) {
            object.remove(path.substring(slash + 1));
            return true;
        }
        return false;
    }

    /** Offsets just after each structural character of a JSON text ({, }, [, ], :, ,). */
    public static List<Integer> jsonBoundaries(byte[] json) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < json.length; i++) {
            byte c = json[i];
            if (c == '{' || c == '}' || c == '[' || c == ']' || c == ':' || c == ',') {
                out.add(i + 1);
            }
        }
        return out;
    }
}
