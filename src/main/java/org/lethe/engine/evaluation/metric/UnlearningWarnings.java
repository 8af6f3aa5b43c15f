package org.lethe.engine.evaluation.metric;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Turns the headline numbers (in percent) of an unlearned model, the original model and, when
 * available, the retrained model into {@link UnlearningWarning}s:
 *
 * <ul>
 *   <li>{@link UnlearningWarning#COLLAPSE}: test accuracy is more than
 *       {@value #COLLAPSE_TEST_DROP} points below the original's.</li>
 *   <li>{@link UnlearningWarning#NO_OP}: forget accuracy is within {@value #NO_OP_FORGET_MARGIN}
 *       points of the original's and the MIA number within {@value #NO_OP_MIA_MARGIN} point of the
 *       original's. When either model has no MIA number, forget accuracy alone decides.</li>
 *   <li>{@link UnlearningWarning#OVER_FORGETTING}: forget accuracy is more than
 *       {@value #OVER_FORGETTING_MARGIN} points below Retrain's (needs the retrained model).</li>
 * </ul>
 *
 * <p>A collapsed model is usually also over-forgetting; both are reported.
 */
public final class UnlearningWarnings {

    /** Test-accuracy drop versus the original, in points, beyond which the model collapsed. */
    public static final double COLLAPSE_TEST_DROP = 10.0;

    /** Forget-accuracy distance to the original, in points, within which nothing changed. */
    public static final double NO_OP_FORGET_MARGIN = 0.5;

    /** MIA distance to the original, in points, within which nothing changed. */
    public static final double NO_OP_MIA_MARGIN = 1.0;

    /** Forget-accuracy shortfall versus Retrain, in points, beyond which it is over-forgetting. */
    public static final double OVER_FORGETTING_MARGIN = 5.0;

    private UnlearningWarnings() {
    }

    /**
     * The warnings that apply, in declaration order of {@link UnlearningWarning}.
     *
     * @param unlearned the unlearned model's numbers
     * @param original the original model's numbers
     * @param retrained the retrained model's numbers, or {@code null} when there is none (then
     *     over-forgetting is not checked)
     */
    public static List<UnlearningWarning> check(UnlearningScores unlearned, UnlearningScores original,
            UnlearningScores retrained) {
        Objects.requireNonNull(unlearned, "unlearned");
        Objects.requireNonNull(original, "original");
        List<UnlearningWarning> out = new ArrayList<>();
        UnlearningScores reference = retrained == null ? original : retrained;
        if (reference.testAccuracy() - unlearned.testAccuracy() > COLLAPSE_TEST_DROP) {
            out.add(UnlearningWarning.COLLAPSE);
        }
        boolean forgetUnchanged =
                Math.abs(unlearned.forgetAccuracy() - original.forgetAccuracy()) <= NO_OP_FORGET_MARGIN;
        boolean miaUnchanged = !unlearned.hasMia() || !original.hasMia()
                || Math.abs(unlearned.mia() - original.mia()) <= NO_OP_MIA_MARGIN;
        if (forgetUnchanged && miaUnchanged) {
            out.add(UnlearningWarning.NO_OP);
        }
        if (retrained != null
                && retrained.forgetAccuracy() - unlearned.forgetAccuracy() > OVER_FORGETTING_MARGIN) {
            out.add(UnlearningWarning.OVER_FORGETTING);
        }
        return Collections.unmodifiableList(out);
    }
}
