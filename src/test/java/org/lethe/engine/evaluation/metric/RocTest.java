package org.lethe.engine.evaluation.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RocTest {

    @Test
    void aucOfAKnownRankingCountsWinningPairs() {
        // 0.9 and 0.8 beat all three negatives, 0.4 beats 0.3 and 0.2: 8 of 9 pairs
        Roc roc = Roc.of(new double[] {0.9, 0.8, 0.4}, new double[] {0.7, 0.3, 0.2});
        assertThat(roc.auc()).isCloseTo(8.0 / 9.0, within(1e-12));
        assertThat(roc.positives()).isEqualTo(3);
        assertThat(roc.negatives()).isEqualTo(3);
    }

    @Test
    void tiesCountOneHalf() {
        assertThat(Roc.of(new double[] {0.5}, new double[] {0.5}).auc()).isEqualTo(0.5);
        // pairs: (0.5 vs 0.5) = 1/2, (0.9 vs 0.5) = 1  → 0.75
        assertThat(Roc.of(new double[] {0.5, 0.9}, new double[] {0.5}).auc()).isEqualTo(0.75);
        // all scores equal: chance
        assertThat(Roc.of(new double[] {1, 1, 1}, new double[] {1, 1}).auc()).isEqualTo(0.5);
    }

    @Test
    void perfectAndInvertedRankings() {
        assertThat(Roc.of(new double[] {3, 4, 5}, new double[] {0, 1, 2}).auc()).isEqualTo(1.0);
        assertThat(Roc.of(new double[] {0, 1, 2}, new double[] {3, 4, 5}).auc()).isEqualTo(0.0);
    }

    @Test
    void aucEqualsPairwiseCountOnRandomScoresWithTies() {
        SplittableRandom random = new SplittableRandom(7);
        double[] pos = new double[300];
        double[] neg = new double[450];
        for (int i = 0; i < pos.length; i++) {
            pos[i] = random.nextInt(20) + 3; // shifted up, many ties
        }
        for (int i = 0; i < neg.length; i++) {
            neg[i] = random.nextInt(20);
        }
        double wins = 0;
        for (double p : pos) {
            for (double n : neg) {
                wins += p > n ? 1 : p == n ? 0.5 : 0;
            }
        }
        assertThat(Roc.of(pos, neg).auc()).isCloseTo(wins / (pos.length * (double) neg.length), within(1e-12));
    }

    @Test
    void tprAtFprTakesTheBestPointNotBeyondTheTarget() {
        double[] pos = {0.99, 0.98, 0.5, 0.1};
        double[] neg = {0.97, 0.6, 0.4, 0.3, 0.25, 0.2, 0.15, 0.12, 0.11, 0.05};
        Roc roc = Roc.of(pos, neg);
        assertThat(roc.tprAtFpr(0.0)).isEqualTo(0.5);      // two positives above every negative
        assertThat(roc.tprAtFpr(0.001)).isEqualTo(0.5);
        assertThat(roc.tprAtFpr(0.01)).isEqualTo(0.5);
        assertThat(roc.tprAtFpr(0.1)).isEqualTo(0.5);      // threshold 0.97: FPR 0.1, TPR 0.5
        assertThat(roc.tprAtFpr(0.19)).isEqualTo(0.5);     // no interpolation towards the next point
        assertThat(roc.tprAtFpr(0.2)).isEqualTo(0.75);     // threshold 0.5: FPR 0.2, TPR 0.75
        assertThat(roc.tprAtFpr(1.0)).isEqualTo(1.0);
        assertThatThrownBy(() -> roc.tprAtFpr(1.5)).isInstanceOf(MetricInputException.class);
    }

    @Test
    void pointsRunFromOriginToOneOnePerDistinctScore() {
        Roc roc = Roc.of(new double[] {0.9, 0.5}, new double[] {0.5, 0.1});
        List<RocPoint> points = roc.points();
        assertThat(points).containsExactly(
                new RocPoint(0, 0, Double.POSITIVE_INFINITY),
                new RocPoint(0, 0.5, 0.9),
                new RocPoint(0.5, 1.0, 0.5), // the tie moves diagonally
                new RocPoint(1.0, 1.0, 0.1));
        assertThat(roc.auc()).isEqualTo(0.875);
    }

    @Test
    void chartPointsAreCappedAndKeepTheEnds() {
        SplittableRandom random = new SplittableRandom(3);
        double[] pos = random.doubles(5000).map(v -> v + 0.2).toArray();
        double[] neg = random.doubles(5000).toArray();
        Roc roc = Roc.of(pos, neg);
        assertThat(roc.points()).hasSizeGreaterThan(9000);
        List<RocPoint> chart = roc.chartPoints();
        assertThat(chart).hasSizeLessThanOrEqualTo(Roc.CHART_POINTS);
        assertThat(chart.get(0)).isEqualTo(roc.points().get(0));
        RocPoint last = chart.get(chart.size() - 1);
        assertThat(last).isEqualTo(roc.points().get(roc.points().size() - 1));
        assertThat(last.fpr()).isEqualTo(1.0);
        assertThat(last.tpr()).isEqualTo(1.0);
        for (int i = 1; i < chart.size(); i++) {
            assertThat(chart.get(i).fpr()).isGreaterThanOrEqualTo(chart.get(i - 1).fpr());
            assertThat(chart.get(i).tpr()).isGreaterThanOrEqualTo(chart.get(i - 1).tpr());
        }
        assertThat(Roc.of(new double[] {1}, new double[] {0}).chartPoints()).hasSize(3);
    }

    @Test
    void rejectsEmptyGroupsAndNaN() {
        assertThatThrownBy(() -> Roc.of(new double[0], new double[] {1}))
                .isInstanceOf(MetricInputException.class).hasMessageContaining("positive scores");
        assertThatThrownBy(() -> Roc.of(new double[] {1}, new double[] {Double.NaN}))
                .isInstanceOf(MetricInputException.class).hasMessageContaining("NaN");
    }

    @Test
    void floatScoresGiveTheSameCurve() {
        assertThat(Roc.of(new float[] {0.9f, 0.8f, 0.4f}, new float[] {0.7f, 0.3f, 0.2f}).auc())
                .isCloseTo(8.0 / 9.0, within(1e-12));
    }
}
