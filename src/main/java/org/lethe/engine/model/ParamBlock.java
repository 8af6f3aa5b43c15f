package org.lethe.engine.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * One parameter array's place in a network's flat parameter vector.
 *
 * @param name the array's name, e.g. {@code "l2_W"} (layer 2's weight)
 * @param shape the array's shape
 * @param offset index of its first value in the flat vector
 * @param length number of values
 */
public record ParamBlock(String name, long[] shape, long offset, long length) {

    public ParamBlock {
        Objects.requireNonNull(name, "name");
        shape = shape.clone();
        if (Arrays.stream(shape).reduce(1, (a, b) -> a * b) != length || offset < 0) {
            throw new IllegalArgumentException("param block " + name + ": shape " + Arrays.toString(shape)
                    + " does not hold " + length + " values, or offset " + offset + " < 0");
        }
    }

    /** A copy of the shape. */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Whether this block is a bias (name ends in "_b"). */
    public boolean isBias() {
        return name.endsWith("_b");
    }

    /** One past the last index in the flat vector. */
    public long end() {
        return offset + length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParamBlock p && p.name.equals(name) && Arrays.equals(p.shape, shape)
                && p.offset == offset && p.length == length;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(shape), offset, length);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape) + "@" + offset;
    }
}
