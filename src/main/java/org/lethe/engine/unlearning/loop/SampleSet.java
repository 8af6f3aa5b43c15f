package org.lethe.engine.unlearning.loop;

import java.util.Objects;
import org.lethe.engine.data.IndexView;

/**
 * Samples a loop can draw batches from: images of a dataset view (optionally relabelled), or images
 * made by the method itself (e.g. adversarial examples), with one label each.
 */
public interface SampleSet {

    /** Number of samples. */
    int size();

    /** Floats per sample. */
    int dimension();

    /** Writes sample {@code i}'s features, scaled to [0, 1], at {@code offset}. */
    void copyFeatures(int i, float[] target, int offset);

    /** The label the loop trains sample {@code i} towards. */
    int label(int i);

    /** The images of a view with their true labels. */
    static SampleSet of(IndexView view) {
        return relabelled(view, null);
    }

    /** The images of a view with {@code labels[i]} for sample {@code i} (null: true labels). */
    static SampleSet relabelled(IndexView view, int[] labels) {
        Objects.requireNonNull(view, "view");
        if (labels != null && labels.length != view.size()) {
            throw new IllegalArgumentException(labels.length + " labels for " + view.size() + " samples");
        }
        int d = view.split().shape().pixelsPerImage();
        return new SampleSet() {
            @Override
            public int size() {
                return view.size();
            }

            @Override
            public int dimension() {
                return d;
            }

            @Override
            public void copyFeatures(int i, float[] target, int offset) {
                view.split().copyImageScaled(view.index(i), target, offset);
            }

            @Override
            public int label(int i) {
                return labels == null ? view.label(i) : labels[i];
            }
        };
    }

    /** Samples held in memory: {@code features} row-major, {@code dimension} floats per sample. */
    static SampleSet ofArrays(float[] features, int[] labels, int dimension) {
        if ((long) labels.length * dimension != features.length) {
            throw new IllegalArgumentException(features.length + " floats for " + labels.length + " samples of "
                    + dimension);
        }
        return new SampleSet() {
            @Override
            public int size() {
                return labels.length;
            }

            @Override
            public int dimension() {
                return dimension;
            }

            @Override
            public void copyFeatures(int i, float[] target, int offset) {
                System.arraycopy(features, i * dimension, target, offset, dimension);
            }

            @Override
            public int label(int i) {
                return labels[i];
            }
        };
    }
}
