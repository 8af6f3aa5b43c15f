package org.lethe.engine.unlearning.amun;

import org.lethe.engine.data.ImageSplit;
import org.lethe.engine.data.IndexView;

/**
 * Whether AMUN's fine-tuning set contains the forget set with its true labels (see ADR 0008).
 */
public enum ForgetLabels {

    /**
     * The paper's set: D_F with its true labels next to its adversarial copies D_A (and D_R when
     * available). The true labels keep the model's accuracy on the forget set near what a model that
     * never saw it would reach, which is right when the forget set is a random sample of classes the
     * model still has to recognise.
     */
    KEEP,

    /**
     * D_A (and D_R) without D_F: the reference code's "advonly" ablation. Meant for forgetting whole
     * classes, where a retrained model gets no forget sample right and D_F's true labels would teach
     * the class back.
     */
    DROP,

    /** {@link #DROP} when the forget set holds every training sample of each class in it, else {@link #KEEP}. */
    AUTO;

    /** KEEP or DROP for this forget set (AUTO decided by its classes). */
    public ForgetLabels resolve(IndexView forget, int numClasses) {
        if (this != AUTO) {
            return this;
        }
        return coversWholeClasses(forget, numClasses) ? DROP : KEEP;
    }

    /** Whether every class present in {@code forget} has no other sample in the forget set's split. */
    static boolean coversWholeClasses(IndexView forget, int numClasses) {
        if (forget.isEmpty()) {
            return false;
        }
        int[] inForget = forget.countsPerClass(numClasses);
        int[] inSplit = new int[numClasses];
        ImageSplit split = forget.split();
        for (int i = 0; i < split.count(); i++) {
            inSplit[split.label(i)]++;
        }
        for (int c = 0; c < numClasses; c++) {
            if (inForget[c] > 0 && inForget[c] != inSplit[c]) {
                return false;
            }
        }
        return true;
    }
}
