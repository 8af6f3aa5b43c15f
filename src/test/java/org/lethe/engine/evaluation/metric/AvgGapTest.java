package org.lethe.engine.evaluation.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks Avg Gap against rows of AMUN's CIFAR-10 table (docs/amun-table.md). */
class AvgGapTest {

    private static final UnlearningScores RETRAIN_10 = new UnlearningScores(94.49, 100.00, 94.33, 50.00);

    @Test
    void reproducesTheTablesAvgGap() {
        // AMUN with D_R, 10%: (0.96 + 0.43 + 0.88 + 0.18) / 4 = 0.6125, printed 0.62
        assertThat(AvgGap.of(new UnlearningScores(95.45, 99.57, 93.45, 50.18), RETRAIN_10))
                .isCloseTo(0.6125, within(1e-9));
        // FT: (0.67 + 3.36 + 2.12 + 2.08) / 4 = 2.0575, printed 2.06
        assertThat(AvgGap.of(new UnlearningScores(95.16, 96.64, 92.21, 52.08), RETRAIN_10))
                .isCloseTo(2.0575, within(1e-9));
        // GA with D_F only collapses: (89.72 + 94.93 + 89.24 + 0.22) / 4 = 68.5275, printed 68.53
        assertThat(AvgGap.of(new UnlearningScores(4.77, 5.07, 5.09, 49.78), RETRAIN_10))
                .isCloseTo(68.5275, within(1e-9));
        assertThat(AvgGap.of(RETRAIN_10, RETRAIN_10)).isZero();
    }

    @Test
    void aChosenSubsetOfColumns() {
        UnlearningScores m = UnlearningScores.accuracies(90, 98, 93);
        UnlearningScores r = UnlearningScores.accuracies(94, 100, 94);
        assertThat(AvgGap.of(m, r, AvgGap.ACCURACY_TERMS)).isCloseTo((4 + 2 + 1) / 3.0, within(1e-12));
        assertThat(AvgGap.of(m, r, List.of(GapTerm.TEST_ACCURACY))).isEqualTo(1.0);
        assertThatThrownBy(() -> AvgGap.of(m, r))
                .isInstanceOf(MetricInputException.class).hasMessageContaining("MIA value is missing");
        assertThatThrownBy(() -> AvgGap.of(m, r, List.of()))
                .isInstanceOf(MetricInputException.class);
    }

    @Test
    void meanAndSampleStdOverThreeSeeds() {
        MeanStd ms = MeanStd.of(1, 2, 3);
        assertThat(ms.mean()).isEqualTo(2.0);
        assertThat(ms.std()).isEqualTo(1.0); // sample std, divisor n − 1
        assertThat(ms.count()).isEqualTo(3);
        assertThat(ms.format(2)).isEqualTo("2.00 ± 1.00");

        // three seeds, paired with three Retrain runs; gaps 1, 2 and 4 points
        List<UnlearningScores> method = List.of(
                UnlearningScores.accuracies(91, 100, 90),
                UnlearningScores.accuracies(92, 100, 90),
                UnlearningScores.accuracies(94, 100, 90));
        List<UnlearningScores> retrain = List.of(
                UnlearningScores.accuracies(90, 100, 90),
                UnlearningScores.accuracies(90, 100, 90),
                UnlearningScores.accuracies(90, 100, 90));
        MeanStd gaps = AvgGap.overSeeds(method, retrain, List.of(GapTerm.FORGET_ACCURACY));
        assertThat(gaps.mean()).isCloseTo(7.0 / 3, within(1e-12));
        assertThat(gaps.std()).isCloseTo(Math.sqrt(((1 - 7.0 / 3) * (1 - 7.0 / 3)
                + (2 - 7.0 / 3) * (2 - 7.0 / 3) + (4 - 7.0 / 3) * (4 - 7.0 / 3)) / 2), within(1e-12));
        assertThat(AvgGap.overSeeds(method, retrain.get(0), List.of(GapTerm.FORGET_ACCURACY)))
                .isEqualTo(gaps);
        assertThatThrownBy(() -> AvgGap.overSeeds(method, retrain.subList(0, 2), AvgGap.ACCURACY_TERMS))
                .isInstanceOf(MetricInputException.class).hasMessageContaining("3 method runs and 2");
    }

    @Test
    void singleValueHasNoSpreadAndPercentagesAreChecked() {
        MeanStd one = MeanStd.of(5.5);
        assertThat(one.std()).isNaN();
        assertThat(one.format(1)).isEqualTo("5.5");
        assertThatThrownBy(() -> new UnlearningScores(101, 100, 90, Double.NaN))
                .isInstanceOf(MetricInputException.class).hasMessageContaining("forget accuracy is 101");
    }
}
