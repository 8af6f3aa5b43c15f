package org.lethe.engine.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The zip handling shared by Lethe's model-like files ({@link ModelStore}'s {@code .lethe}, the SISA
 * store's {@code .lethe-sisa}): opening a zip that may be anything, refusing entries outside a
 * whitelist, reading an entry only up to the size it can legitimately have (and stopping a
 * decompression bomb), and the little-endian encoding of flat parameter vectors. Every failure is a
 * {@link ModelFileException} naming the file.
 */
public final class ModelArchive {

    /** An entry may inflate to at most this many times its compressed size (beyond {@link #INFLATION_FLOOR}). */
    public static final int MAX_INFLATION_RATIO = 200;
    /** Entries up to this many decompressed bytes are never treated as decompression bombs. */
    public static final long INFLATION_FLOOR = 16L << 20;

    private ModelArchive() {
    }

    /**
     * Opens {@code file} as a zip.
     *
     * @param what what the file should be, for the message ("Lethe model file")
     * @throws ModelFileException if the file is missing or not a readable zip
     */
    public static ZipFile open(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new ModelFileException(file, "no such " + what);
        }
        try {
            return new ZipFile(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new ModelFileException(file, "not a readable " + what + " (damaged, truncated, or another "
                    + "kind of file): " + reason(e), e);
        }
    }

    /**
     * Lists the zip's entries (with commons-compress, which sees the Unix mode bits) and refuses any
     * entry that {@code allowed} rejects (which covers names with {@code ..} or an absolute path when
     * the whitelist is strict), duplicates, symbolic links, and declared sizes over
     * {@code maxEntryBytes}.
     *
     * @param expected how the message describes the allowed entries ("holds only model.json, ...")
     */
    public static void checkEntries(Path file, Predicate<String> allowed, String expected, long maxEntryBytes) {
        Set<String> seen = new HashSet<>();
        try (org.apache.commons.compress.archivers.zip.ZipFile listing =
                org.apache.commons.compress.archivers.zip.ZipFile.builder().setPath(file).get()) {
            var entries = listing.getEntries();
            while (entries.hasMoreElements()) {
                var entry = entries.nextElement();
                String name = entry.getName();
                if (!allowed.test(name)) {
                    String why = name.startsWith("/") || name.startsWith("\\") || name.contains("..")
                            || name.matches("^[A-Za-z]:.*") ? " (its path points outside the archive)" : "";
                    throw new ModelFileException(file, "unexpected entry '" + name + "'" + why + "; " + expected);
                }
                if (!seen.add(name)) {
                    throw new ModelFileException(file, "entry '" + name + "' appears twice; expected it once");
                }
                if (entry.isUnixSymlink()) {
                    throw new ModelFileException(file, "entry '" + name + "' is a symbolic link; only plain "
                            + "entries are allowed");
                }
                if (entry.getSize() > maxEntryBytes) {
                    throw new ModelFileException(file, "entry '" + name + "' declares " + entry.getSize()
                            + " bytes, more than any such file can hold");
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ModelFileException m) {
                throw m;
            }
            throw new ModelFileException(file, "the file is damaged: " + reason(e), e);
        }
    }

    /**
     * Reads entry {@code name} whole, refusing more than {@code maxBytes} and an inflation of more
     * than {@link #MAX_INFLATION_RATIO} times its compressed size (beyond {@link #INFLATION_FLOOR}).
     *
     * @throws ModelFileException if the entry is missing, too long or a decompression bomb
     */
    public static byte[] readEntry(Path file, ZipFile zip, String name, long maxBytes) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new ModelFileException(file, "entry " + name + " is missing");
        }
        if (entry.getSize() > maxBytes) {
            throw new ModelFileException(file, "entry " + name + " declares " + entry.getSize()
                    + " bytes, more than the " + maxBytes + " expected");
        }
        long compressed = Math.max(1, entry.getCompressedSize());
        long inflationLimit = Math.max(INFLATION_FLOOR, compressed * MAX_INFLATION_RATIO);
        int limit = (int) Math.min(maxBytes, Integer.MAX_VALUE - 8);
        try (InputStream in = zip.getInputStream(entry)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(limit, 1 << 16));
            byte[] chunk = new byte[1 << 16];
            long total = 0;
            while (true) {
                int n = in.read(chunk, 0, (int) Math.min(chunk.length, limit + 1L - total));
                if (n < 0) {
                    break;
                }
                total += n;
                if (total > limit) {
                    throw new ModelFileException(file, "entry " + name + " is longer than the " + maxBytes
                            + " bytes expected");
                }
                if (total > inflationLimit) {
                    throw new ModelFileException(file, "entry " + name + " inflates from " + compressed
                            + " compressed bytes to more than " + inflationLimit + " (over " + MAX_INFLATION_RATIO
                            + " times): a decompression bomb, refusing to read on");
                }
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        }
    }

    /**
     * Reads and checks the JSON header entry of a Lethe archive: valid JSON, the expected
     * {@code format} string, and a whole-number {@code version} between 1 and {@code version}.
     *
     * @param what how messages name the format's version, e.g. "model format" or "SISA format"
     * @return the header
     */
    public static com.fasterxml.jackson.databind.JsonNode readHeader(Path file, ZipFile zip, String entry,
            long maxBytes, com.fasterxml.jackson.databind.ObjectMapper json, String format, int version, String what)
            throws IOException {
        byte[] bytes = readEntry(file, zip, entry, maxBytes);
        com.fasterxml.jackson.databind.JsonNode header;
        try {
            header = json.readTree(bytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ModelFileException(file, entry + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (header == null || !format.equals(header.path("format").asText())) {
            throw new ModelFileException(file, "format is '" + (header == null ? "" : header.path("format").asText())
                    + "', expected '" + format + "'");
        }
        if (!header.path("version").isIntegralNumber()) {
            throw new ModelFileException(file, entry + " has no " + what + " version (found '" + header.path("version")
                    + "'); expected a whole number, " + version + " for this version of Lethe");
        }
        int found = header.path("version").asInt(-1);
        if (found > version) {
            throw new ModelFileException(file, "written by a newer Lethe (" + what + " version " + found
                    + "); this version reads version " + version + ". Update Lethe to open it.");
        }
        if (found < 1) {
            throw new ModelFileException(file, what + " version " + found + " is older than any Lethe wrote "
                    + "and not supported; this version reads version " + version);
        }
        return header;
    }

    /** Writes one stored entry. */
    public static void putEntry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    /** A flat vector as little-endian bytes (4 per FLOAT value, 8 per DOUBLE value). */
    public static byte[] vectorBytes(INDArray flat) {
        return flat.length() == 0 ? new byte[0] : TrainedModel.paramBytes(flat);
    }

    /** SHA-256 of some bytes, lower-case hex. */
    public static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** The inverse of {@link #vectorBytes}: a flat vector of {@code type} from its little-endian bytes. */
    public static INDArray decodeVector(byte[] raw, DataType type) {
        if (raw.length == 0) {
            return Nd4j.create(type, 0);
        }
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

    /** The exception's message, or its kind when it has none. */
    public static String reason(Exception e) {
        if (e.getMessage() == null || e.getMessage().isBlank()) {
            return e instanceof java.io.EOFException ? "the data ends early" : e.getClass().getSimpleName();
        }
        return e.getMessage();
    }
}
