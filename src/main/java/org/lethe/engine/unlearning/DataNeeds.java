package org.lethe.engine.unlearning;

/** What data a method needs. */
public enum DataNeeds {
    /** The retain set is required (e.g. fine-tuning, retraining). */
    RETAIN_REQUIRED("needs the retain set"),
    /** Works on the forget set alone and uses the retain set when it is available. */
    RETAIN_OPTIONAL("uses the retain set when available"),
    /** Needs its own training run (SISA, amnesiac, DeltaGrad ...). */
    OWN_TRAINING_RUN("needs its own training run");

    private final String text;

    DataNeeds(String text) {
        this.text = text;
    }

    /** A short phrase for the UI. */
    public String text() {
        return text;
    }
}
