package org.lethe.engine.evaluation.mia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.lethe.engine.evaluation.metric.MetricInputException;
import org.lethe.engine.evaluation.metric.Roc;

class RmiaTest {

    @Test
    void scoresOfAHandCase() {
        // one reference with signal 0.4 everywhere, a = 1: p(x) = 0.4, LR = 2, 1, 0.5, 0.25
        double[] target = {0.8, 0.4, 0.2, 0.1};
        double[][] refs = {{0.4, 0.4, 0.4, 0.4}};
        int[] all = {0, 1, 2, 3};
        Rmia rmia = Rmia.fit(target, refs, all, Rmia.Options.defaults());
        assertThat(rmia.likelihoodRatio(0)).isCloseTo(2.0, within(1e-12));
        // score(x) = share of z ≠ x with LR(z) < LR(x)/2
        assertThat(rmia.scores(all)).containsExactly(new double[] {2.0 / 3, 1.0 / 3, 0, 0}, within(1e-12));

        // γ < 1 must not count x against itself: LR(z) < 4 holds for all three others
        Rmia loose = Rmia.fit(target, refs, all, new Rmia.Options(0.5, 1.0));
        assertThat(loose.score(0)).isEqualTo(1.0);
        assertThat(loose.score(3)).isCloseTo(0.0, within(1e-12)); // LR(z) < 0.5 for none but itself

        // a sample outside the population is compared with all of it
        Rmia partial = Rmia.fit(target, refs, new int[] {2, 3}, Rmia.Options.defaults());
        assertThat(partial.score(0)).isEqualTo(1.0);
        assertThat(partial.score(1)).isEqualTo(0.5);
    }

    @Test
    void offlineCoefficientRaisesThePrior() {
        double[] target = {0.8, 0.2};
        double[][] refs = {{0.4, 0.4}, {0.2, 0.2}}; // mean 0.3
        Rmia rmia = Rmia.fit(target, refs, new int[] {0, 1}, Rmia.Options.offline(0.3));
        // p(x) = 0.65 · 0.3 + 0.35 = 0.545
        assertThat(rmia.likelihoodRatio(0)).isCloseTo(0.8 / 0.545, within(1e-12));
        assertThat(Rmia.fit(target, refs, new int[] {0, 1}, Rmia.Options.defaults()).likelihoodRatio(1))
                .isCloseTo(0.2 / 0.3, within(1e-12));
    }

    @Test
    void membersWithHigherTargetRatiosAreFound() {
        Pool pool = Pool.generate(new SplittableRandom(1), 2000, 4, 2.5);
        Rmia rmia = Rmia.fit(pool.target, pool.refs, pool.all(), Rmia.Options.defaults());
        MiaResult result = rmia.forgetVsTest(pool.members(), pool.nonMembers());
        assertThat(result.measure()).isEqualTo(MiaResult.Measure.AUC);
        assertThat(result.value()).isGreaterThan(0.9);
        assertThat(result.samples()).isEqualTo(2000);
        assertThat(result.meaning()).contains("forget set").contains("test set");
        // the difficulty of a sample is cancelled by the reference models: the raw target signal
        // alone separates worse than the ratio
        double rawAuc = Roc.of(
                IntStream.of(pool.members()).mapToDouble(i -> pool.target[i]).toArray(),
                IntStream.of(pool.nonMembers()).mapToDouble(i -> pool.target[i]).toArray()).auc();
        assertThat(result.value()).isGreaterThan(rawAuc + 0.1);
    }

    @Test
    void identicalDistributionsGiveChance() {
        Pool pool = Pool.generate(new SplittableRandom(2), 2000, 4, 1.0);
        Rmia rmia = Rmia.fit(pool.target, pool.refs, pool.all(), Rmia.Options.defaults());
        assertThat(rmia.forgetVsTest(pool.members(), pool.nonMembers()).value()).isCloseTo(0.5, within(0.05));
        assertThat(rmia.forgetVsRetain(pool.members(), pool.nonMembers()).attack())
                .isEqualTo("RMIA forget set vs retain set");
    }

    @Test
    void rejectsInconsistentInput() {
        assertThatThrownBy(() -> Rmia.fit(new double[3], new double[][] {new double[2]}, new int[] {0},
                Rmia.Options.defaults()))
                .isInstanceOf(MetricInputException.class).hasMessageContaining("reference model 0 has 2 signals");
        assertThatThrownBy(() -> Rmia.fit(new double[3], new double[0][], new int[] {0}, Rmia.Options.defaults()))
                .isInstanceOf(MetricInputException.class).hasMessageContaining("no reference model");
        assertThatThrownBy(() -> Rmia.fit(new double[3], new double[][] {new double[3]}, new int[] {0, 0},
                Rmia.Options.defaults()))
                .isInstanceOf(MetricInputException.class).hasMessageContaining("appears twice");
        assertThatThrownBy(() -> Rmia.fit(new double[] {-1}, new double[][] {{0.5}}, new int[] {0},
                Rmia.Options.defaults()))
                .isInstanceOf(MetricInputException.class).hasMessageContaining("≥ 0");
        assertThatThrownBy(() -> new Rmia.Options(2, 1.5)).isInstanceOf(MetricInputException.class);
    }

    /**
     * A synthetic pool: each sample has a typical true-class probability d in [0.05, 0.6] (hard
     * and easy samples mixed); references see d with 5% multiplicative noise; the target multiplies
     * d by {@code memberFactor} (capped at 1) for the first half, the members, as memorisation
     * does.
     */
    private record Pool(double[] target, double[][] refs) {

        static Pool generate(SplittableRandom random, int n, int k, double memberFactor) {
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                d[i] = 0.05 + 0.55 * random.nextDouble();
            }
            double[][] refs = new double[k][n];
            for (int r = 0; r < k; r++) {
                for (int i = 0; i < n; i++) {
                    refs[r][i] = clamp(d[i] * (1 + 0.05 * gaussian(random)));
                }
            }
            double[] target = new double[n];
            for (int i = 0; i < n; i++) {
                target[i] = clamp(d[i] * (i < n / 2 ? memberFactor : 1) * (1 + 0.05 * gaussian(random)));
            }
            return new Pool(target, refs);
        }

        int[] all() {
            return IntStream.range(0, target.length).toArray();
        }

        int[] members() {
            return IntStream.range(0, target.length / 2).toArray();
        }

        int[] nonMembers() {
            return IntStream.range(target.length / 2, target.length).toArray();
        }

        private static double clamp(double v) {
            return Math.min(1.0, Math.max(0.001, v));
        }

        private static double gaussian(SplittableRandom random) {
            double u = 1 - random.nextDouble();
            double v = random.nextDouble();
            return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
        }
    }
}
