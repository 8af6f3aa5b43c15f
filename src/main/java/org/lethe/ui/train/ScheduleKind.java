package org.lethe.ui.train;

/** The learning-rate schedules the form offers. */
public enum ScheduleKind {
    /** The same rate every epoch. */
    CONSTANT("Constant"),
    /** The rate multiplied by gamma every few epochs. */
    STEP("Step decay"),
    /** Cosine annealing from the rate to zero over the epochs. */
    COSINE("Cosine");

    private final String text;

    ScheduleKind(String text) {
        this.text = text;
    }

    @Override
    public String toString() {
        return text;
    }
}
