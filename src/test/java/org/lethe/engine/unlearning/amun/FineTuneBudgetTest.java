package org.lethe.engine.unlearning.amun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.lethe.engine.unlearning.UnlearningFixture;
import org.lethe.engine.unlearning.loop.SampleBudget;

class FineTuneBudgetTest {

    @Test
    void withoutACapEveryEpochDrawsTheRetainFraction() {
        FineTuneBudget none = new FineTuneBudget(SampleBudget.unlimited(), 0.1, 2);
        assertThat(none.retainPerEpoch(4500, 1000, 1_000_000)).isEqualTo(450);
        assertThat(none.retainPerEpoch(4500, 1000, 0)).isEqualTo(450);
    }

    @Test
    void theAttackAndTheForgetPartComeOutOfTheAllowance() {
        FineTuneBudget budget = new FineTuneBudget(new SampleBudget(6750, 67_500), 0.3, 2);
        // 0.1 x 15 epochs x 4500 = 6750 passes; 3150 attack steps at 0.8 leave 4230, 2115 per epoch at the
        // fine-tuning cost of 1, 1000 of them D_F + D_A
        assertThat(budget.budget().samples()).isEqualTo(6750);
        assertThat(FineTuneBudget.ATTACK_STEP_COST).isEqualTo(0.8);
        assertThat(FineTuneBudget.FINE_TUNE_COST).isEqualTo(1.0);
        assertThat(budget.retainPerEpoch(4500, 1000, 3150)).isBetween(1114, 1115);
        // the retain fraction stays the upper bound
        assertThat(budget.retainPerEpoch(4500, 1000, 0)).isEqualTo(1350);
        // an attack that used up the allowance leaves the floor: a quarter of the forget part
        assertThat(budget.retainPerEpoch(4500, 1000, 100_000)).isEqualTo(250);
        // the floor never exceeds the retain set or the fraction
        assertThat(new FineTuneBudget(new SampleBudget(20, 200), 0.01, 1).retainPerEpoch(100, 1000, 100_000)).isEqualTo(1);
    }

    @Test
    void theAttackEstimateCountsOneGradientAndAForwardPassPerRadiusForFgm() {
        assertThat(FineTuneBudget.attackEstimate(AttackKind.FGM, 50, 10)).isCloseTo(0.8 + 0.15 * 8, within(1e-9));
        assertThat(FineTuneBudget.attackEstimate(AttackKind.FGM, 50, 3)).isCloseTo(0.8 + 0.15 * 3, within(1e-9));
        assertThat(FineTuneBudget.attackEstimate(AttackKind.PGD, 2, 10)).isCloseTo(0.8 * 2 * 8, within(1e-9));
    }

    @Test
    void aForgetSetTooLargeForTheBudgetIsAttackedInPart() {
        double fgm = FineTuneBudget.attackEstimate(AttackKind.FGM, 1, 10);
        // mnist-forget-class at 7%: 0.07 x 2 epochs x 8968 = 1255 passes; per three 2.0 for the attack and
        // 2 epochs x (1 adversarial + 0.25 retain)
        FineTuneBudget cls = new FineTuneBudget(new SampleBudget(1255, 17_936), 0.1, 2);
        assertThat(cls.attackedSamples(1032, false, true, fgm)).isEqualTo(278);
        // without retain data only the adversarial part counts
        assertThat(cls.attackedSamples(1032, false, false, fgm)).isEqualTo(313);
        // mnist-random10 at 7% (2520 passes): the whole forget set fits without D_F, not with it
        FineTuneBudget random = new FineTuneBudget(new SampleBudget(2520, 36_000), 0.1, 2);
        assertThat(random.attackedSamples(500, false, true, fgm)).isEqualTo(500);
        assertThat(random.attackedSamples(500, true, true, fgm)).isEqualTo(360);
        // no cap, or a budget below one sample
        assertThat(new FineTuneBudget(SampleBudget.unlimited(), 0.1, 2).attackedSamples(1032, true, true, fgm))
                .isEqualTo(1032);
        assertThat(new FineTuneBudget(new SampleBudget(1, 10), 0.1, 2).attackedSamples(1032, true, true, fgm))
                .isEqualTo(1);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new FineTuneBudget(null, 0.1, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new FineTuneBudget(SampleBudget.unlimited(), 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FineTuneBudget(SampleBudget.unlimited(), 0.1, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void autoDropsTheForgetSetOnlyWhenItHoldsWholeClasses() {
        assertThat(ForgetLabels.AUTO.resolve(UnlearningFixture.forgetClass3().forget(), 10))
                .isEqualTo(ForgetLabels.DROP);
        assertThat(ForgetLabels.AUTO.resolve(UnlearningFixture.forgetRandom10().forget(), 10))
                .isEqualTo(ForgetLabels.KEEP);
        assertThat(ForgetLabels.KEEP.resolve(UnlearningFixture.forgetClass3().forget(), 10))
                .isEqualTo(ForgetLabels.KEEP);
        assertThat(ForgetLabels.DROP.resolve(UnlearningFixture.forgetRandom10().forget(), 10))
                .isEqualTo(ForgetLabels.DROP);
    }
}
