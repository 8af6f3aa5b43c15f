package org.lethe.viz;

import java.awt.Color;

/** The three evaluation sets as charts show them, each with a fixed colour and label. */
public enum Split {

    /** D_F, the samples to be forgotten. */
    FORGET("Forget", Palette.VERMILLION),
    /** D_R, the training samples to keep. */
    RETAIN("Retain", Palette.BLUE),
    /** The held-out test set. */
    TEST("Test", Palette.BLUISH_GREEN);

    private final String label;
    private final Color color;

    Split(String label, Color color) {
        this.label = label;
        this.color = color;
    }

    /** Label used as series key and in legends ("Forget", "Retain", "Test"). */
    public String label() {
        return label;
    }

    /** The split's fixed colour. */
    public Color color() {
        return color;
    }
}
