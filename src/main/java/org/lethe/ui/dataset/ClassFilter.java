package org.lethe.ui.dataset;

/**
 * An entry of the class filter: one class, or all of them.
 *
 * @param label the class index, or {@link #ALL} for every class
 * @param text what the combo box shows
 */
public record ClassFilter(int label, String text) {

    /** The label value that means "every class". */
    public static final int ALL = -1;

    /** Whether the filter lets a sample with {@code sampleLabel} through. */
    public boolean accepts(int sampleLabel) {
        return label == ALL || label == sampleLabel;
    }

    @Override
    public String toString() {
        return text;
    }
}
