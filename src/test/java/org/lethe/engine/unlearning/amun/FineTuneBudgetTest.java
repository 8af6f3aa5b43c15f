package org.lethe.engine.unlearning.amun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        // 0.1 x 15 epochs x 4500 = 6750 passes; 3150 attack steps leave 3600, 1800 per epoch, 1500 samples
        // at the fine-tuning cost, 1000 of them D_F + D_A
        assertThat(budget.budget().samples()).isEqualTo(6750);
        assertThat(FineTuneBudget.ATTACK_STEP_COST).isEqualTo(1.0);
        assertThat(FineTuneBudget.FINE_TUNE_COST).isEqualTo(1.2);
        assertThat(budget.retainPerEpoch(4500, 1000, 3150)).isBetween(499, 500);
        // the retain fraction stays the upper bound
        assertThat(budget.retainPerEpoch(4500, 1000, 0)).isEqualTo(1350);
        // an attack that used up the allowance leaves the floor: a quarter of the forget part
        assertThat(budget.retainPerEpoch(4500, 1000, 100_000)).isEqualTo(250);
        // the floor never exceeds the retain set or the fraction
        assertThat(new FineTuneBudget(new SampleBudget(20, 200), 0.01, 1).retainPerEpoch(100, 1000, 100_000)).isEqualTo(1);
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
