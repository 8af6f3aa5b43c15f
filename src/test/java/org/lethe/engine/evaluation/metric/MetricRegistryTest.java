package org.lethe.engine.evaluation.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MetricRegistryTest {

    @Test
    void idsAreStableAndRoundTrip() {
        assertThat(MetricRegistry.all()).extracting(MetricId::id).containsExactly(
                "forgetAccuracy", "retainAccuracy", "testAccuracy", "miaAuc", "miaEfficacy",
                "l2ToRetrained", "relativeL2ToRetrained", "klToRetrained", "jsToRetrained",
                "activationDistance");
        for (MetricId m : MetricId.values()) {
            assertThat(MetricRegistry.byId(m.id())).isSameAs(m);
        }
        assertThat(MetricRegistry.ids(MetricId.MIA_AUC, MetricId.TEST_ACCURACY))
                .containsExactly("miaAuc", "testAccuracy");
    }

    @Test
    void unknownIdNamesTheKnownOnes() {
        assertThatThrownBy(() -> MetricRegistry.byId("ua"))
                .isInstanceOf(MetricInputException.class)
                .hasMessageContaining("'ua'").hasMessageContaining("forgetAccuracy");
    }

    @Test
    void unitsAndDirections() {
        assertThat(MetricId.FORGET_ACCURACY.unit()).isEqualTo(MetricId.Unit.PERCENT);
        assertThat(MetricId.FORGET_ACCURACY.closerToRetrainIsBetter()).isTrue();
        assertThat(MetricId.TEST_ACCURACY.higherIsBetter()).isTrue();
        assertThat(MetricId.KL_TO_RETRAINED.unit()).isEqualTo(MetricId.Unit.RAW);
        assertThat(MetricId.KL_TO_RETRAINED.preference()).isEqualTo(MetricId.Preference.LOWER);
        assertThat(MetricId.MIA_AUC.closerToRetrainIsBetter()).isTrue();
    }

    @Test
    void forgetAccuracyConventionsPointInOppositeDirections() {
        assertThat(ForgetAccuracyConvention.AMUN_UNLEARN_ACC.fromForgetAccuracy(94.49)).isEqualTo(94.49);
        assertThat(ForgetAccuracyConvention.SALUN_UA.fromForgetAccuracy(94.49)).isCloseTo(5.51, within(1e-9));
        assertThat(ForgetAccuracyConvention.SALUN_UA.displayName()).contains("100 − forget acc");
        assertThat(ForgetAccuracyConvention.AMUN_UNLEARN_ACC.displayName()).contains("AMUN");
        assertThatThrownBy(() -> ForgetAccuracyConvention.SALUN_UA.fromForgetAccuracy(0.9449 * 1000))
                .isInstanceOf(MetricInputException.class);
    }
}
