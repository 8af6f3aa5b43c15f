package org.lethe.ui.compare;

/**
 * The charts of the dashboard, each with the file name stem a report uses for it (so an exported
 * chart and the same chart of {@code lethe run} share a name).
 */
public enum DashboardChart {
    /** Forget / retain / test accuracy bars per model. */
    ACCURACY("accuracy", "Accuracy"),
    /** True-class confidence histograms, one panel per model. */
    CONFIDENCE("confidence", "Confidence histograms"),
    /** Original against one chosen model, per sample. */
    SCATTER("scatter", "Per-sample scatter"),
    /** Membership-inference ROC per model. */
    MIA_ROC("mia-roc", "MIA ROC"),
    /** Test accuracy per class and model. */
    CLASS_ACCURACY("class-accuracy", "Class-wise accuracy"),
    /** Unlearning time against Avg Gap. */
    COST_GAP("cost-vs-gap", "Cost vs Avg Gap"),
    /** RMIA ROC per model on log-log axes (only with reference models). */
    RMIA_ROC("rmia-roc", "RMIA ROC (log-log)");

    private final String fileStem;
    private final String title;

    DashboardChart(String fileStem, String title) {
        this.fileStem = fileStem;
        this.title = title;
    }

    /** File name without extension, as in a report's {@code charts/} folder. */
    public String fileStem() {
        return fileStem;
    }

    /** Short name for menus and dialogs. */
    public String title() {
        return title;
    }
}
