package org.lethe.engine.unlearning.deltagrad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CurvaturePairsTest {

    /** A symmetric positive definite 6x6 matrix. */
    private static double[][] spd(SplittableRandom random) {
        int n = 6;
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = random.nextDouble(-1, 1);
            }
        }
        double[][] h = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = i == j ? 0.5 : 0;
                for (int k = 0; k < n; k++) {
                    s += a[k][i] * a[k][j];
                }
                h[i][j] = s;
            }
        }
        return h;
    }

    private static double[] times(double[][] h, double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = CurvaturePairs.dot(h[i], v);
        }
        return out;
    }

    private static double[] random(SplittableRandom random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextDouble(-1, 1);
        }
        return v;
    }

    @Test
    void theApproximationIsSymmetricAndSatisfiesTheNewestSecantEquation() {
        SplittableRandom rnd = new SplittableRandom(5);
        double[][] h = spd(rnd);
        CurvaturePairs pairs = new CurvaturePairs(3, 0.001);
        assertThat(pairs.times(random(rnd, 6))).as("no pairs: no approximation").isNull();
        double[] newestS = null;
        for (int k = 0; k < 5; k++) {
            newestS = random(rnd, 6);
            assertThat(pairs.add(newestS, times(h, newestS))).isTrue();
        }
        assertThat(pairs.size()).isEqualTo(3);
        double[] bs = pairs.times(newestS);
        double[] y = times(h, newestS);
        for (int i = 0; i < 6; i++) {
            assertThat(bs[i]).isCloseTo(y[i], within(1e-9));
        }
        double[] u = random(rnd, 6);
        double[] v = random(rnd, 6);
        assertThat(CurvaturePairs.dot(u, pairs.times(v))).isCloseTo(CurvaturePairs.dot(v, pairs.times(u)), within(1e-9));
        assertThat(pairs.sigma()).isCloseTo(CurvaturePairs.dot(y, newestS) / CurvaturePairs.dot(newestS, newestS),
                within(1e-12));
    }

    @Test
    void zeroStepsAndNegativeCurvatureAreIgnoredAndSigmaIsFloored() {
        CurvaturePairs pairs = new CurvaturePairs(2, 0.25);
        assertThat(pairs.add(new double[3], new double[] {1, 2, 3})).isFalse();
        assertThat(pairs.add(new double[] {1, 0, 0}, new double[] {-0.5, 1, 0})).isFalse();
        assertThat(pairs.rejected()).isEqualTo(2);
        assertThat(pairs.isEmpty()).isTrue();
        pairs.add(new double[] {1, 0, 0}, new double[] {0.01, 0, 0});
        assertThat(pairs.sigma()).isEqualTo(0.25);
    }

    @Test
    void singularMatricesAreReported() {
        assertThat(CurvaturePairs.invert(new double[][] {{1, 2}, {2, 4}})).isNull();
        double[][] inv = CurvaturePairs.invert(new double[][] {{4, 7}, {2, 6}});
        assertThat(inv[0][0]).isCloseTo(0.6, within(1e-12));
        assertThat(inv[1][0]).isCloseTo(-0.2, within(1e-12));
    }
}
