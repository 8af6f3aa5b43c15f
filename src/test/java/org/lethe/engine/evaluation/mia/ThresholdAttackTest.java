package org.lethe.engine.evaluation.mia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lethe.engine.evaluation.metric.MetricInputException;

class ThresholdAttackTest {

    @Test
    void separableListsGiveAPerfectThresholdBetweenThem() {
        ThresholdFit fit = ThresholdAttack.fitThreshold(new double[] {0.85, 0.9, 0.95},
                new double[] {0.3, 0.5, 0.55});
        assertThat(fit.balancedAccuracy()).isEqualTo(1.0);
        assertThat(fit.threshold()).isGreaterThan(0.55).isLessThanOrEqualTo(0.85).isEqualTo(0.85);
    }

    @Test
    void overlappingListsPickTheSmallestBestThreshold() {
        // candidates: 0.1 → ½(1 + 0) ; 0.2 → ½(1 + 1/3) ; 0.5 → ½(2/3 + 1/3) ; 0.6 → ½(2/3 + 2/3) ;
        // 0.7 → ½(1/3 + 2/3) ; 0.9 → ½(1/3 + 1). Best 2/3 at 0.2, 0.6 and 0.9: the smallest wins.
        ThresholdFit fit = ThresholdAttack.fitThreshold(new double[] {0.2, 0.6, 0.9},
                new double[] {0.1, 0.5, 0.7});
        assertThat(fit.balancedAccuracy()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(fit.threshold()).isEqualTo(0.2);
    }

    @Test
    void confidenceAttackSeparatesMembersFromNonMembers() {
        LabelledProbabilities members = MiaTestData.twoClass("retain subset", 0.85, 0.9, 0.95, 0.99);
        LabelledProbabilities nonMembers = MiaTestData.twoClass("test set", 0.3, 0.45, 0.55, 0.59);
        ThresholdAttack attack = ThresholdAttack.fit(MembershipFeature.CONFIDENCE, members, nonMembers);
        assertThat(attack.shadowBalancedAccuracy()).isEqualTo(1.0);
        assertThat(attack.threshold(0)).isEqualTo(0.85, within(1e-6));

        LabelledProbabilities memberLike = MiaTestData.twoClass("forget set", 0.9, 0.97, 0.88);
        LabelledProbabilities testLike = MiaTestData.twoClass("forget set", 0.2, 0.5, 0.6);
        assertThat(attack.memberRate(memberLike)).isEqualTo(1.0);
        assertThat(attack.memberRate(testLike)).isEqualTo(0.0);
        MiaResult result = attack.evaluate(MiaTestData.twoClass("forget set", 0.9, 0.2));
        assertThat(result.measure()).isEqualTo(MiaResult.Measure.MEMBER_RATE);
        assertThat(result.value()).isEqualTo(0.5);
        assertThat(result.meaning()).contains("50.0% of the forget set");
    }

    @Test
    void thresholdsArePerClass() {
        // class 0: members ≈ 0.9, non-members ≈ 0.7; class 1: members ≈ 0.5, non-members ≈ 0.3
        LabelledProbabilities members = MiaTestData.twoClass("retain subset",
                new double[] {0.88, 0.92, 0.5, 0.52}, new int[] {0, 0, 1, 1});
        LabelledProbabilities nonMembers = MiaTestData.twoClass("test set",
                new double[] {0.7, 0.72, 0.3, 0.32}, new int[] {0, 0, 1, 1});
        ThresholdAttack attack = ThresholdAttack.fit(MembershipFeature.CONFIDENCE, members, nonMembers);
        assertThat(attack.threshold(0)).isCloseTo(0.88, within(1e-6));
        assertThat(attack.threshold(1)).isCloseTo(0.5, within(1e-6));
        assertThat(attack.shadowBalancedAccuracy()).isEqualTo(1.0);
        // one global threshold could not separate these: 0.7 (class-0 non-member) > 0.52 (class-1 member)
        assertThat(attack.globalFit().balancedAccuracy()).isLessThan(1.0);
        // a class-1 sample at 0.6 is a member, a class-0 sample at 0.6 is not
        boolean[] predicted = attack.predictMembers(MiaTestData.twoClass("forget set",
                new double[] {0.6, 0.6}, new int[] {0, 1}));
        assertThat(predicted).containsExactly(false, true);
    }

    @Test
    void aClassMissingFromTheShadowSetsUsesTheGlobalThreshold() {
        LabelledProbabilities members = MiaTestData.twoClass("retain subset",
                new double[] {0.9, 0.95, 0.8}, new int[] {0, 0, 1});
        LabelledProbabilities nonMembers = MiaTestData.twoClass("test set", 0.3, 0.4);
        ThresholdAttack attack = ThresholdAttack.fit(MembershipFeature.CONFIDENCE, members, nonMembers);
        assertThat(attack.usesGlobalThreshold(0)).isFalse();
        assertThat(attack.usesGlobalThreshold(1)).isTrue();
        assertThat(attack.threshold(1)).isEqualTo(attack.globalFit().threshold());
    }

    @Test
    void modifiedEntropyMatchesAHandComputation() {
        double[] p = {0.7, 0.2, 0.1};
        // y = 0: −0.3 ln 0.7 − 0.2 ln 0.8 − 0.1 ln 0.9
        assertThat(MembershipFeature.modifiedEntropy(p, 0)).isCloseTo(0.16216733, within(1e-7));
        // y = 1: −0.8 ln 0.2 − 0.7 ln 0.3 − 0.1 ln 0.9
        assertThat(MembershipFeature.modifiedEntropy(p, 1)).isCloseTo(2.14086739, within(1e-7));
        // a confident correct prediction has modified entropy 0
        assertThat(MembershipFeature.modifiedEntropy(new double[] {1, 0, 0}, 0)).isZero();
        assertThat(MembershipFeature.entropy(new double[] {0.25, 0.25, 0.25, 0.25}))
                .isCloseTo(Math.log(4), within(1e-12));
    }

    @Test
    void featuresAreComputedRowByRowWithEachRowsOwnLabel() {
        float[] flat = {0.7f, 0.2f, 0.1f, 0.7f, 0.2f, 0.1f};
        LabelledProbabilities group = LabelledProbabilities.of("two rows", flat, 3, new int[] {0, 1});
        assertThat(MembershipFeature.NEGATIVE_MODIFIED_ENTROPY.values(group))
                .containsExactly(new double[] {-0.16216733, -2.14086739}, within(1e-6));
        assertThat(MembershipFeature.CONFIDENCE.values(group))
                .containsExactly(new double[] {0.7, 0.2}, within(1e-6));
        assertThat(MembershipFeature.CORRECTNESS.values(group)).containsExactly(1.0, 0.0);
        assertThat(MembershipFeature.NEGATIVE_ENTROPY.values(group)[0])
                .isCloseTo(0.7 * Math.log(0.7) + 0.2 * Math.log(0.2) + 0.1 * Math.log(0.1), within(1e-6));
    }

    @Test
    void correctnessAttackCallsCorrectSamplesMembers() {
        LabelledProbabilities members = MiaTestData.twoClass("retain subset", 0.9, 0.8);
        LabelledProbabilities nonMembers = MiaTestData.twoClass("test set", 0.9, 0.3);
        ThresholdAttack attack = ThresholdAttack.fit(MembershipFeature.CORRECTNESS, members, nonMembers);
        assertThat(attack.shadowBalancedAccuracy()).isEqualTo(0.75);
        assertThat(attack.memberRate(MiaTestData.twoClass("forget set", 0.6, 0.4, 0.1, 0.51)))
                .isEqualTo(0.5);
    }

    @Test
    void evaluateAllRunsEveryFeature() {
        LabelledProbabilities members = MiaTestData.twoClass("retain subset", 0.95, 0.99, 0.97);
        LabelledProbabilities nonMembers = MiaTestData.twoClass("test set", 0.6, 0.7, 0.4);
        List<MiaResult> results = ThresholdAttack.evaluateAll(members, nonMembers,
                MiaTestData.twoClass("forget set", 0.98, 0.96));
        assertThat(results).extracting(MiaResult::attack).containsExactly("threshold (correctness)",
                "threshold (confidence)", "threshold (entropy)", "threshold (modified entropy)");
        // the forget set looks like the members: confidence and both entropies call it member
        assertThat(results.subList(1, 4)).allSatisfy(r -> assertThat(r.value()).isEqualTo(1.0));
    }

    @Test
    void rejectsEmptyGroupsAndBadLabels() {
        LabelledProbabilities empty = MiaTestData.twoClass("test set");
        assertThatThrownBy(() -> ThresholdAttack.fit(MembershipFeature.CONFIDENCE,
                MiaTestData.twoClass("retain subset", 0.9), empty))
                .isInstanceOf(MetricInputException.class).hasMessageContaining("test set: no samples");
        assertThatThrownBy(() -> LabelledProbabilities.of("forget set", new float[] {0.5f, 0.5f}, 2, new int[] {2}))
                .isInstanceOf(MetricInputException.class).hasMessageContaining("label of sample 0 is 2");
    }
}
