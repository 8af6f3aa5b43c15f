package org.lethe.engine.evaluation.metric;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnlearningWarningsTest {

    private static final UnlearningScores ORIGINAL = new UnlearningScores(100, 100, 94, 70);
    private static final UnlearningScores RETRAIN = new UnlearningScores(94.5, 100, 94.3, 50);

    @Test
    void goodUnlearningRaisesNothing() {
        assertThat(UnlearningWarnings.check(new UnlearningScores(95, 99.5, 93.5, 51), ORIGINAL, RETRAIN))
                .isEmpty();
    }

    @Test
    void collapseFiresBeyondTenPointsOnly() {
        assertThat(UnlearningWarnings.check(new UnlearningScores(93, 95, 84.2, 50), ORIGINAL, RETRAIN))
                .containsExactly(UnlearningWarning.COLLAPSE);
        assertThat(UnlearningWarnings.check(new UnlearningScores(93, 95, 84.4, 50), ORIGINAL, RETRAIN))
                .isEmpty();
        // GA on D_F only: collapse and over-forgetting together
        assertThat(UnlearningWarnings.check(new UnlearningScores(4.77, 5.07, 5.09, 49.78), ORIGINAL, RETRAIN))
                .containsExactly(UnlearningWarning.COLLAPSE, UnlearningWarning.OVER_FORGETTING);
    }

    @Test
    void collapseIsMeasuredAgainstTheRetrainedModel() {
        // forgetting one class of ten: the retrained model itself loses that class's test share
        UnlearningScores original = new UnlearningScores(96.6, 98.5, 97.2, 50.6);
        UnlearningScores retrained = new UnlearningScores(0, 98.4, 87.2, 48.4);
        assertThat(UnlearningWarnings.check(new UnlearningScores(0, 98.4, 86.5, 49), original, retrained))
                .doesNotContain(UnlearningWarning.COLLAPSE);
        // without a retrained model, the original is the reference
        assertThat(UnlearningWarnings.check(new UnlearningScores(0, 98.4, 86.5, 49), original, null))
                .contains(UnlearningWarning.COLLAPSE);
    }

    @Test
    void noOpNeedsBothForgetAccuracyAndMiaUnchanged() {
        assertThat(UnlearningWarnings.check(new UnlearningScores(99.6, 100, 94, 69.2), ORIGINAL, RETRAIN))
                .containsExactly(UnlearningWarning.NO_OP);
        // MIA moved by 2 points: something changed
        assertThat(UnlearningWarnings.check(new UnlearningScores(99.6, 100, 94, 68), ORIGINAL, RETRAIN))
                .isEmpty();
        // forget accuracy moved by 0.6 point
        assertThat(UnlearningWarnings.check(new UnlearningScores(99.4, 100, 94, 70), ORIGINAL, RETRAIN))
                .isEmpty();
        // without an MIA number, forget accuracy alone decides
        assertThat(UnlearningWarnings.check(UnlearningScores.accuracies(99.9, 100, 94),
                UnlearningScores.accuracies(100, 100, 94), null))
                .containsExactly(UnlearningWarning.NO_OP);
    }

    @Test
    void overForgettingComparesWithRetrain() {
        assertThat(UnlearningWarnings.check(new UnlearningScores(89, 99, 93, 48), ORIGINAL, RETRAIN))
                .containsExactly(UnlearningWarning.OVER_FORGETTING);
        assertThat(UnlearningWarnings.check(new UnlearningScores(90, 99, 93, 48), ORIGINAL, RETRAIN))
                .isEmpty();
        // no retrained model: not checked
        assertThat(UnlearningWarnings.check(new UnlearningScores(60, 99, 93, 48), ORIGINAL, null))
                .isEmpty();
    }

    @Test
    void everyWarningHasASentenceWithItsThreshold() {
        assertThat(UnlearningWarning.COLLAPSE.sentence()).contains("more than 10 points");
        assertThat(UnlearningWarning.OVER_FORGETTING.sentence()).contains("more than 5 points");
        assertThat(UnlearningWarning.NO_OP.sentence()).startsWith("Nothing");
    }
}
