package org.lethe.engine.evaluation.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ParameterDistanceTest {

    @Test
    void l2OfKnownVectors() {
        assertThat(ParameterDistance.l2(new double[] {0, 0, 0}, new double[] {3, 4, 0})).isEqualTo(5.0);
        assertThat(ParameterDistance.l2(new float[] {1f, 1f}, new float[] {1f, 1f})).isZero();
        assertThat(ParameterDistance.l2(new float[] {0.1f, -2f}, new float[] {1.1f, 0f}))
                .isCloseTo(Math.sqrt(5), within(1e-6));
    }

    @Test
    void relativeDistanceComparesWithTheOriginal() {
        ParameterDistance.Relative r = ParameterDistance.relative(
                new double[] {1, 0}, new double[] {0, 0}, new double[] {4, 0});
        assertThat(r.distance()).isEqualTo(1.0);
        assertThat(r.originalDistance()).isEqualTo(4.0);
        assertThat(r.value()).isEqualTo(0.25);
        assertThat(r.defined()).isTrue();
    }

    @Test
    void relativeDistanceIsUndefinedWhenOriginalEqualsRetrained() {
        ParameterDistance.Relative r = ParameterDistance.relative(
                new float[] {1f, 2f}, new float[] {0f, 0f}, new float[] {0f, 0f});
        assertThat(r.defined()).isFalse();
        assertThat(r.value()).isNaN();
        assertThat(r.distance()).isCloseTo(Math.sqrt(5), within(1e-12));
    }

    @Test
    void rejectsDifferentArchitectures() {
        assertThatThrownBy(() -> ParameterDistance.l2(new double[3], new double[4]))
                .isInstanceOf(MetricInputException.class).hasMessageContaining("3 and 4");
    }
}
