package org.lethe.engine.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.job.CancellationToken;
import org.lethe.engine.job.JobCancelledException;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.job.ProgressListener;
import org.lethe.engine.model.TrainedModel;
import org.lethe.engine.unlearning.UnlearningFixture;
import org.nd4j.linalg.api.ndarray.INDArray;

class FgmL2Test {

    private static TrainedModel original;
    private static IndexView forget;
    private static AdversarialSet set;

    @BeforeAll
    static void attackTheForgetSet() {
        original = UnlearningFixture.original();
        forget = UnlearningFixture.forgetRandom10().forget();
        set = new FgmL2(original.network(), FgmL2.Settings.amun()).attack(forget, JobContext.detached());
    }

    @Test
    void everyPointIsMisclassifiedWithinItsRadiusAndLabelledWithThePrediction() {
        INDArray before = original.network().params();
        assertThat(set.size() + set.unflipped().length).isEqualTo(forget.size());
        assertThat(set.size()).isGreaterThan(forget.size() * 9 / 10);
        checkContract(set);
        TreeSet<Integer> all = new TreeSet<>(Arrays.stream(set.sources()).boxed().toList());
        Arrays.stream(set.unflipped()).forEach(all::add);
        assertThat(all).containsExactlyElementsOf(Arrays.stream(forget.toArray()).sorted().boxed().toList());
        for (int i = 0; i < set.size(); i++) {
            assertThat(forget.split().label(set.sources()[i])).isEqualTo(set.trueLabels()[i]);
        }
        assertThat(original.network().params()).isEqualTo(before);
        assertThat(set.meanEps()).isGreaterThan(0.04);
    }

    private static void checkContract(AdversarialSet s) {
        int[] predicted = PgdL2Test.predict(original.network(), s.features(), s.size(), s.dimension());
        assertThat(predicted).isEqualTo(s.labels());
        for (int i = 0; i < s.size(); i++) {
            assertThat(s.labels()[i]).isNotEqualTo(s.trueLabels()[i]);
            assertThat(s.distances()[i]).isLessThanOrEqualTo(s.eps()[i] * (1 + 1e-5));
            assertThat(s.eps()[i]).isEqualTo(0.04 * Math.pow(2, s.levels()[i]));
        }
        for (float v : s.features()) {
            assertThat(v).isBetween(0f, 1f);
        }
    }

    @Test
    void theRecordedRadiusIsTheSmallestOnTheScheduleThatFlipsTheSample() {
        int[] levels = set.levels();
        TreeSet<Integer> distinct = new TreeSet<>(Arrays.stream(levels).boxed().toList());
        assertThat(distinct.last()).isGreaterThanOrEqualTo(2);
        for (int k : distinct) {
            if (k == 0) {
                continue;
            }
            // with only the radii below k, exactly the samples that needed level >= k stay unflipped
            AdversarialSet capped = new FgmL2(original.network(), FgmL2.Settings.amun().withMaxLevels(k))
                    .attack(forget, JobContext.detached());
            TreeSet<Integer> expected = new TreeSet<>();
            for (int i = 0; i < set.size(); i++) {
                if (levels[i] >= k) {
                    expected.add(set.sources()[i]);
                }
            }
            Arrays.stream(set.unflipped()).forEach(expected::add);
            assertThat(Arrays.stream(capped.unflipped()).boxed().toList()).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void costsOneGradientPerSampleAndOneForwardPassPerRadiusTried() {
        long attacked = Arrays.stream(set.steps()).filter(s -> s == 1).count() + set.unflipped().length;
        assertThat(set.gradientRows()).isEqualTo(forget.size());
        assertThat(set.totalSteps()).isEqualTo(forget.size());
        long forward = (long) set.unflipped().length * FgmL2.Settings.amun().maxLevels();
        for (int i = 0; i < set.size(); i++) {
            if (set.steps()[i] == 1) {
                forward += set.levels()[i] + 1;
            } else {
                assertThat(set.distances()[i]).isZero();
                assertThat(set.levels()[i]).isZero();
            }
        }
        assertThat(set.forwardRows()).isEqualTo(forward);
        assertThat(attacked).isGreaterThan(forget.size() * 9 / 10);
        assertThat(set.cost(0.25)).isEqualTo(forget.size() + 0.25 * forward);
        // far cheaper than PGD with one step per radius on the same samples
        AdversarialSet pgd = new PgdL2(original.network(), new PgdL2.Settings(0.04, 1, 10, 128))
                .attack(forget, JobContext.detached());
        assertThat(set.cost(0.25)).isLessThan(pgd.totalSteps() / 2.0);
    }

    @Test
    void refinementMovesPointsCloserButKeepsLevelsAndTheContract() {
        FgmL2.Settings refined = new FgmL2.Settings(0.04, 10, 64, 4);
        AdversarialSet near = new FgmL2(original.network(), refined).attack(forget, JobContext.detached());
        checkContract(near);
        assertThat(near.sources()).isEqualTo(set.sources());
        assertThat(near.levels()).isEqualTo(set.levels());
        double[] far = set.distances();
        double[] close = near.distances();
        for (int i = 0; i < near.size(); i++) {
            assertThat(close[i]).isLessThanOrEqualTo(far[i] + 1e-4);
            if (near.levels()[i] > 0) {
                // bisection keeps the point beyond the last radius that did not flip
                assertThat(close[i]).isGreaterThan(0);
            }
        }
        assertThat(near.meanDistance()).isLessThan(set.meanDistance() * 0.9);
        long flippedAttacked = Arrays.stream(set.steps()).filter(s -> s == 1).count();
        assertThat(near.forwardRows()).isEqualTo(set.forwardRows() + 4 * flippedAttacked);
    }

    @Test
    void alreadyMisclassifiedSamplesKeepTheirCleanPointAndPrediction() {
        int d = set.dimension();
        float[] x = new float[forget.size() * d];
        for (int i = 0; i < forget.size(); i++) {
            forget.split().copyImageScaled(forget.index(i), x, i * d);
        }
        int[] predictedClean = PgdL2Test.predict(original.network(), x, forget.size(), d);
        int[] wrongLabels = new int[forget.size()];
        for (int i = 0; i < wrongLabels.length; i++) {
            wrongLabels[i] = (predictedClean[i] + 1) % 10;
        }
        AdversarialSet trivial = new FgmL2(original.network(), FgmL2.Settings.amun())
                .attack(x, wrongLabels, forget.toArray(), d, JobContext.detached());
        assertThat(trivial.size()).isEqualTo(forget.size());
        assertThat(trivial.features()).isEqualTo(x);
        assertThat(trivial.labels()).isEqualTo(predictedClean);
        assertThat(trivial.forwardRows()).isZero();
        assertThat(trivial.steps()).containsOnly(0);
    }

    @Test
    void deterministicBatchIndependentAndCancellable() {
        AdversarialSet again = new FgmL2(original.network(), FgmL2.Settings.amun()).attack(forget,
                JobContext.detached());
        assertThat(again).isEqualTo(set);
        AdversarialSet small = new FgmL2(original.network(), new FgmL2.Settings(0.04, 10, 7, 0)).attack(forget,
                JobContext.detached());
        assertThat(small.levels()).isEqualTo(set.levels());
        assertThat(small.labels()).isEqualTo(set.labels());
        CancellationToken token = new CancellationToken();
        token.cancel();
        assertThatThrownBy(() -> new FgmL2(original.network(), FgmL2.Settings.amun())
                .attack(forget, new JobContext(ProgressListener.NONE, token)))
                .isInstanceOf(JobCancelledException.class);
        assertThatThrownBy(() -> new FgmL2.Settings(0, 10, 128, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("eps0");
        assertThatThrownBy(() -> new FgmL2.Settings(0.04, 10, 128, 31)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("refineSteps");
    }
}
