package org.lethe.reliability;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.Set;

/**
 * Seeded, reproducible mutations of a file's bytes for fuzz tests. A {@link Layout} tells the
 * mutator where a format's sections start, which bytes hold the magic number and which hold
 * integer fields; {@link #standardMutations} then derives the classic damage from it: truncation
 * at every section boundary and at random offsets, bit flips in the header, huge, negative,
 * overflowing and off-by-one values in every integer field, a wrong magic number, trailing
 * garbage and random overwrites of the body. The same seed always gives the same list.
 */
public final class Mutator {

    /** One mutated copy of a file and what was done to it (for failure messages). */
    public record Mutation(String description, byte[] bytes) {

        public Mutation {
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(bytes, "bytes");
        }
    }

    /** An integer field of a format's header. */
    public record IntField(String name, int offset, int width, ByteOrder order) {

        public IntField {
            if (width != 2 && width != 4 && width != 8) {
                throw new IllegalArgumentException("width must be 2, 4 or 8, was " + width);
            }
        }

        /** A 32-bit big-endian field. */
        public static IntField be32(String name, int offset) {
            return new IntField(name, offset, 4, ByteOrder.BIG_ENDIAN);
        }

        /** A 32-bit little-endian field. */
        public static IntField le32(String name, int offset) {
            return new IntField(name, offset, 4, ByteOrder.LITTLE_ENDIAN);
        }
    }

    /**
     * What the mutator knows of a file's structure.
     *
     * @param boundaries offsets where a section starts or ends (truncation points)
     * @param headerBytes length of the region where bit flips hit the header
     * @param magicBytes length of the magic number at offset 0 (0: none)
     * @param fields integer fields to overwrite with hostile values
     */
    public record Layout(List<Integer> boundaries, int headerBytes, int magicBytes, List<IntField> fields) {

        public Layout {
            boundaries = List.copyOf(boundaries);
            fields = List.copyOf(fields);
        }

        /** A layout that knows nothing but the length of the file's header. */
        public static Layout opaque(int headerBytes) {
            return new Layout(List.of(), headerBytes, 0, List.of());
        }
    }

    /** Hostile values for a 32-bit integer field. */
    private static final long[] HOSTILE_INTS = {0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 0x7FFF_FFF0,
        0x4000_0000, 0x0100_0000, 65_536, 0xFFFF_0000L, 0x8000_0001L};

    private final SplittableRandom random;
    private final long seed;

    /** A mutator whose random choices all derive from {@code seed}. */
    public Mutator(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    /** The seed this mutator started from. */
    public long seed() {
        return seed;
    }

    /** A uniformly drawn int in {@code [from, to)}. */
    public int nextInt(int from, int to) {
        return random.nextInt(from, to);
    }

    // ------------------------------------------------------------------ single mutations

    /** The first {@code length} bytes. */
    public static byte[] truncate(byte[] data, int length) {
        return Arrays.copyOf(data, Math.max(0, Math.min(length, data.length)));
    }

    /** A copy with bit {@code bit} (0 = lowest bit of byte 0) inverted. */
    public static byte[] flipBit(byte[] data, long bit) {
        byte[] copy = data.clone();
        int index = (int) (bit >>> 3);
        copy[index] ^= (byte) (1 << (bit & 7));
        return copy;
    }

    /** A copy with {@code field} set to {@code value} (truncated to the field's width). */
    public static byte[] putInt(byte[] data, IntField field, long value) {
        byte[] copy = data.clone();
        ByteBuffer buffer = ByteBuffer.wrap(copy).order(field.order());
        switch (field.width()) {
            case 2 -> buffer.putShort(field.offset(), (short) value);
            case 4 -> buffer.putInt(field.offset(), (int) value);
            default -> buffer.putLong(field.offset(), value);
        }
        return copy;
    }

    /** The current value of {@code field} in {@code data}. */
    public static long getInt(byte[] data, IntField field) {
        ByteBuffer buffer = ByteBuffer.wrap(data).order(field.order());
        return switch (field.width()) {
            case 2 -> buffer.getShort(field.offset());
            case 4 -> buffer.getInt(field.offset());
            default -> buffer.getLong(field.offset());
        };
    }

    /** A copy with {@code garbage} appended. */
    public static byte[] append(byte[] data, byte[] garbage) {
        byte[] copy = Arrays.copyOf(data, data.length + garbage.length);
        System.arraycopy(garbage, 0, copy, data.length, garbage.length);
        return copy;
    }

    /** {@code n} random bytes. */
    public byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    /** A copy with {@code count} random bytes overwritten at random offsets from {@code from}. */
    public byte[] overwriteRandomly(byte[] data, int from, int count) {
        byte[] copy = data.clone();
        if (from >= copy.length) {
            return copy;
        }
        for (int i = 0; i < count; i++) {
            copy[random.nextInt(from, copy.length)] = (byte) random.nextInt(256);
        }
        return copy;
    }

    // ------------------------------------------------------------------ the standard set

    /**
     * The standard damage for a file with the given layout.
     *
     * @param name a short label for the file, used in the descriptions
     * @param data the intact content
     * @param layout where its sections and fields are
     * @param randomCuts how many truncations at random offsets
     * @param headerFlips how many single-bit flips in the header region
     * @param bodyHits how many copies with a few random bytes overwritten after the header
     */
    public List<Mutation> standardMutations(String name, byte[] data, Layout layout, int randomCuts,
            int headerFlips, int bodyHits) {
        List<Mutation> out = new ArrayList<>();
        Set<Integer> cuts = new LinkedHashSet<>();
        for (int boundary : layout.boundaries()) {
            for (int cut : new int[] {boundary - 1, boundary, boundary + 1}) {
                if (cut >= 0 && cut < data.length) {
                    cuts.add(cut);
                }
            }
        }
        cuts.add(0);
        if (data.length > 0) {
            cuts.add(data.length - 1);
        }
        for (int i = 0; i < randomCuts && data.length > 1; i++) {
            cuts.add(random.nextInt(1, data.length));
        }
        for (int cut : cuts) {
            out.add(new Mutation(name + ": truncated to " + cut + " of " + data.length + " bytes",
                    truncate(data, cut)));
        }
        int headerBits = Math.min(layout.headerBytes(), data.length) * 8;
        for (int i = 0; i < headerFlips && headerBits > 0; i++) {
            long bit = random.nextLong(headerBits);
            out.add(new Mutation(name + ": bit " + (bit & 7) + " of byte " + (bit >>> 3) + " flipped",
                    flipBit(data, bit)));
        }
        for (IntField field : layout.fields()) {
            if (field.offset() + field.width() > data.length) {
                continue;
            }
            long original = getInt(data, field);
            Set<Long> values = new LinkedHashSet<>();
            for (long v : HOSTILE_INTS) {
                values.add(v);
            }
            values.add(original + 1);
            values.add(original - 1);
            values.add(original * 2);
            values.add(original * 1000);
            values.remove(original);
            for (long value : values) {
                out.add(new Mutation(name + ": " + field.name() + " at offset " + field.offset() + " set to "
                        + value + " (was " + original + ")", putInt(data, field, value)));
            }
        }
        if (layout.magicBytes() > 0 && data.length >= layout.magicBytes()) {
            byte[] zeroed = data.clone();
            Arrays.fill(zeroed, 0, layout.magicBytes(), (byte) 0);
            out.add(new Mutation(name + ": magic number zeroed", zeroed));
            byte[] scrambled = data.clone();
            System.arraycopy(randomBytes(layout.magicBytes()), 0, scrambled, 0, layout.magicBytes());
            out.add(new Mutation(name + ": magic number replaced by random bytes", scrambled));
        }
        out.add(new Mutation(name + ": one trailing zero byte", append(data, new byte[1])));
        int garbage = random.nextInt(2, 5000);
        out.add(new Mutation(name + ": " + garbage + " random trailing bytes", append(data, randomBytes(garbage))));
        for (int i = 0; i < bodyHits; i++) {
            int count = random.nextInt(1, 9);
            out.add(new Mutation(name + ": " + count + " random bytes overwritten after the header (hit " + i + ")",
                    overwriteRandomly(data, Math.min(layout.headerBytes(), data.length), count)));
        }
        return out;
    }
}
