package org.lethe.ui.dataset;

/**
 * A built-in dataset offered in the chooser.
 *
 * @param id the catalog name, e.g. {@code mnist}
 * @param text what the chooser shows
 */
public record DatasetChoice(String id, String text) {

    @Override
    public String toString() {
        return text;
    }
}
