package org.lethe.ui.dataset;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An order of the thumbnail grid: training images sorted by one score per image (e.g. the
 * original model's confidence), ascending or descending, ties broken by index. Images whose score
 * is not a number go last either way.
 *
 * @param keys one score per training image, by index (not copied: do not change it afterwards)
 * @param descending highest score first
 */
public record SampleOrder(double[] keys, boolean descending) {

    public SampleOrder {
        Objects.requireNonNull(keys, "keys");
    }

    /** The images of {@code indices} in this order (a new list; {@code indices} stays as it is). */
    public List<Integer> arrange(List<Integer> indices) {
        Integer[] boxed = indices.toArray(new Integer[0]);
        for (Integer index : boxed) {
            if (index < 0 || index >= keys.length) {
                throw new IllegalArgumentException("image " + index + " has no score; " + keys.length + " scores");
            }
        }
        Arrays.sort(boxed, this::compare);
        return Arrays.asList(boxed);
    }

    private int compare(Integer a, Integer b) {
        double ka = keys[a];
        double kb = keys[b];
        boolean nanA = Double.isNaN(ka);
        boolean nanB = Double.isNaN(kb);
        if (nanA || nanB) {
            return nanA && nanB ? Integer.compare(a, b) : nanA ? 1 : -1;
        }
        int byKey = descending ? Double.compare(kb, ka) : Double.compare(ka, kb);
        return byKey != 0 ? byKey : Integer.compare(a, b);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SampleOrder o && o.keys == keys && o.descending == descending;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(keys) * 31 + Boolean.hashCode(descending);
    }

    @Override
    public String toString() {
        return "SampleOrder[" + keys.length + " keys, " + (descending ? "descending" : "ascending") + "]";
    }
}
