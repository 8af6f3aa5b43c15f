package org.lethe.engine.evaluation.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DivergenceTest {

    private static final double LN2 = Math.log(2);

    @Test
    void klOfKnownDistributions() {
        // 0.5 ln(0.5/0.9) + 0.5 ln(0.5/0.1) = 0.5 ln(25/9) = 0.510825623...
        assertThat(Divergence.kl(new double[] {0.5, 0.5}, new double[] {0.9, 0.1}))
                .isCloseTo(0.5108256237659907, within(1e-12));
        // the other direction differs: 0.9 ln 1.8 + 0.1 ln 0.2 = 0.368064...
        assertThat(Divergence.kl(new double[] {0.9, 0.1}, new double[] {0.5, 0.5}))
                .isCloseTo(0.9 * Math.log(1.8) + 0.1 * Math.log(0.2), within(1e-12))
                .isCloseTo(0.3680642071684971, within(1e-12));
    }

    @Test
    void klOfADistributionWithItselfIsZero() {
        ProbabilityRows p = ProbabilityRows.of(new float[] {0.2f, 0.3f, 0.5f, 1f, 0f, 0f}, 3);
        assertThat(Divergence.klPerSample(p, p)).containsExactly(0.0, 0.0);
        assertThat(Divergence.meanKl(p, p)).isZero();
    }

    @Test
    void zerosFollowTheDocumentedConvention() {
        // p_c = 0 contributes nothing
        assertThat(Divergence.kl(new double[] {1, 0}, new double[] {0.5, 0.5})).isCloseTo(LN2, within(1e-12));
        // q_c = 0 where p_c > 0: floored at EPSILON, large but finite
        double kl = Divergence.kl(new double[] {0.5, 0.5}, new double[] {1, 0});
        assertThat(kl).isCloseTo(0.5 * Math.log(0.5) + 0.5 * Math.log(0.5 / Divergence.EPSILON), within(1e-9));
        assertThat(kl).isFinite().isGreaterThan(13);
    }

    @Test
    void meanKlAveragesRows() {
        ProbabilityRows p = ProbabilityRows.of(new float[] {0.5f, 0.5f, 1f, 0f}, 2);
        ProbabilityRows q = ProbabilityRows.of(new float[] {0.9f, 0.1f, 0.5f, 0.5f}, 2);
        double[] per = Divergence.klPerSample(p, q);
        assertThat(per[0]).isCloseTo(0.5108256, within(1e-6)); // float inputs
        assertThat(per[1]).isCloseTo(LN2, within(1e-7));
        assertThat(Divergence.meanKl(p, q)).isCloseTo((0.5108256 + LN2) / 2, within(1e-6));
    }

    @Test
    void jsIsSymmetricAndAtMostLn2() {
        assertThat(Divergence.js(new double[] {1, 0}, new double[] {0, 1})).isCloseTo(LN2, within(1e-12));
        double[] a = {0.5, 0.5};
        double[] b = {0.9, 0.1};
        // by hand: m = (0.7, 0.3); ½[0.5 ln(5/7) + 0.5 ln(5/3)] + ½[0.9 ln(9/7) + 0.1 ln(1/3)]
        double byHand = 0.5 * (0.5 * Math.log(5.0 / 7) + 0.5 * Math.log(5.0 / 3))
                + 0.5 * (0.9 * Math.log(9.0 / 7) + 0.1 * Math.log(1.0 / 3));
        assertThat(Divergence.js(a, b)).isCloseTo(byHand, within(1e-12)).isEqualTo(Divergence.js(b, a));
        assertThat(Divergence.js(a, a)).isZero();

        SplittableRandom random = new SplittableRandom(11);
        int n = 200;
        int c = 5;
        ProbabilityRows p = randomRows(random, n, c);
        ProbabilityRows q = randomRows(random, n, c);
        double[] pq = Divergence.jsPerSample(p, q);
        double[] qp = Divergence.jsPerSample(q, p);
        for (int i = 0; i < n; i++) {
            assertThat(pq[i]).isCloseTo(qp[i], within(1e-12)).isBetween(0.0, LN2 + 1e-12);
        }
        assertThat(Divergence.meanJs(p, q)).isCloseTo(Divergence.meanJs(q, p), within(1e-12));
    }

    @Test
    void activationDistanceIsTheL2DistanceOfProbabilityVectors() {
        assertThat(Divergence.activationDistance(new double[] {1, 0}, new double[] {0, 1}))
                .isCloseTo(Math.sqrt(2), within(1e-12));
        ProbabilityRows p = ProbabilityRows.of(new float[] {1f, 0f, 0.5f, 0.5f}, 2);
        ProbabilityRows q = ProbabilityRows.of(new float[] {0f, 1f, 0.5f, 0.5f}, 2);
        assertThat(Divergence.activationDistancePerSample(p, q)).containsExactly(Math.sqrt(2), 0.0);
        assertThat(Divergence.meanActivationDistance(p, q)).isCloseTo(Math.sqrt(2) / 2, within(1e-12));
    }

    @Test
    void rejectsMismatchedOrInvalidRows() {
        ProbabilityRows two = ProbabilityRows.of(new float[] {0.5f, 0.5f}, 2);
        ProbabilityRows four = ProbabilityRows.of(new float[] {0.5f, 0.5f, 0.5f, 0.5f}, 2);
        assertThatThrownBy(() -> Divergence.meanKl(two, four))
                .isInstanceOf(MetricInputException.class).hasMessageContaining("shapes differ");
        assertThatThrownBy(() -> ProbabilityRows.of("logits", new float[] {2f, 1f}, 2))
                .isInstanceOf(MetricInputException.class).hasMessageContaining("logits");
        assertThatThrownBy(() -> ProbabilityRows.of(new float[] {0.5f, 0.5f, 1f}, 2))
                .isInstanceOf(MetricInputException.class).hasMessageContaining("multiple of the 2 classes");
        ProbabilityRows empty = ProbabilityRows.of(new float[0], 2);
        assertThatThrownBy(() -> Divergence.meanJs(empty, empty))
                .isInstanceOf(MetricInputException.class).hasMessageContaining("no samples");
    }

    static ProbabilityRows randomRows(SplittableRandom random, int n, int c) {
        float[] flat = new float[n * c];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            double[] row = new double[c];
            for (int j = 0; j < c; j++) {
                row[j] = random.nextDouble() < 0.2 ? 0 : random.nextDouble();
                sum += row[j];
            }
            if (sum == 0) {
                row[0] = sum = 1;
            }
            for (int j = 0; j < c; j++) {
                flat[i * c + j] = (float) (row[j] / sum);
            }
        }
        return ProbabilityRows.of(flat, c);
    }
}
