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
import org.lethe.engine.model.Network;
import org.lethe.engine.model.TrainedModel;
import org.lethe.engine.unlearning.UnlearningFixture;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PgdL2Test {

    private static TrainedModel original;
    private static IndexView forget;
    private static AdversarialSet set;

    @BeforeAll
    static void attackTheForgetSet() {
        original = UnlearningFixture.original();
        forget = UnlearningFixture.forgetRandom10().forget();
        set = new PgdL2(original.network(), PgdL2.Settings.amun()).attack(forget, JobContext.detached());
    }

    @Test
    void everyPointIsMisclassifiedWithinItsRadiusAndLabelledWithThePrediction() {
        INDArray before = original.network().params();
        assertThat(set.size() + set.unflipped().length).isEqualTo(forget.size());
        assertThat(set.size()).isEqualTo(forget.size());
        int[] predicted = predict(original.network(), set.features(), set.size(), set.dimension());
        assertThat(predicted).isEqualTo(set.labels());
        for (int i = 0; i < set.size(); i++) {
            assertThat(set.labels()[i]).isNotEqualTo(set.trueLabels()[i]);
            assertThat(set.distances()[i]).isLessThanOrEqualTo(set.eps()[i] * (1 + 1e-5));
            assertThat(set.eps()[i]).isEqualTo(0.04 * Math.pow(2, set.levels()[i]));
        }
        float[] x = set.features();
        for (float v : x) {
            assertThat(v).isBetween(0f, 1f);
        }
        int[] sources = set.sources();
        assertThat(new TreeSet<>(Arrays.stream(sources).boxed().toList()))
                .containsExactlyElementsOf(Arrays.stream(forget.toArray()).sorted().boxed().toList());
        for (int i = 0; i < set.size(); i++) {
            assertThat(forget.split().label(sources[i])).isEqualTo(set.trueLabels()[i]);
        }
        assertThat(original.network().params()).isEqualTo(before);
        assertThat(set.meanDistance()).isPositive();
        assertThat(set.meanEps()).isGreaterThan(0.04);
    }

    @Test
    void theRecordedRadiusIsTheSmallestOnTheScheduleThatFlipsTheSample() {
        checkMinimalLevels(set, PgdL2.Settings.amun(), false);
        // the same check on a cheaper schedule, rerunning with every cap
        PgdL2.Settings quick = new PgdL2.Settings(0.1, 8, 10, 64);
        checkMinimalLevels(new PgdL2(original.network(), quick).attack(forget, JobContext.detached()), quick, true);
    }

    private static void checkMinimalLevels(AdversarialSet set, PgdL2.Settings settings, boolean rerun) {
        int[] levels = set.levels();
        int[] steps = set.steps();
        int s = settings.stepsPerLevel();
        for (int i = 0; i < set.size(); i++) {
            // level k means: k full levels of s steps failed, then at most s more steps succeeded
            if (steps[i] == 0) {
                assertThat(levels[i]).isZero();
            } else {
                assertThat(steps[i]).isBetween(levels[i] * s + 1, (levels[i] + 1) * s);
            }
        }
        TreeSet<Integer> distinct = new TreeSet<>(Arrays.stream(levels).boxed().toList());
        assertThat(distinct.last()).isGreaterThanOrEqualTo(2);
        if (!rerun) {
            return;
        }
        for (int k : distinct) {
            if (k == 0) {
                continue;
            }
            // rerun with only levels 0..k-1: exactly the samples that needed level >= k stay unflipped
            AdversarialSet capped = new PgdL2(original.network(), settings.withMaxLevels(k))
                    .attack(forget, JobContext.detached());
            TreeSet<Integer> expectedUnflipped = new TreeSet<>();
            for (int i = 0; i < set.size(); i++) {
                if (levels[i] >= k) {
                    expectedUnflipped.add(set.sources()[i]);
                }
            }
            assertThat(Arrays.stream(capped.unflipped()).boxed().toList())
                    .containsExactlyInAnyOrderElementsOf(expectedUnflipped);
            assertThat(capped.size()).isEqualTo(set.size() - expectedUnflipped.size());
        }
    }

    @Test
    void alreadyMisclassifiedSamplesKeepTheirCleanPointAndPrediction() {
        int d = set.dimension();
        int[] predictedClean = predict(original.network(), cleanFeatures(forget), forget.size(), d);
        int[] forgetIdx = forget.toArray();
        int wrong = 0;
        for (int i = 0; i < set.size(); i++) {
            int pos = Arrays.binarySearch(forgetIdx, set.sources()[i]);
            if (predictedClean[pos] != forget.label(pos)) {
                wrong++;
                assertThat(set.steps()[i]).isZero();
                assertThat(set.distances()[i]).isZero();
                assertThat(set.labels()[i]).isEqualTo(predictedClean[pos]);
            } else {
                assertThat(set.steps()[i]).isPositive();
            }
        }
        // a test set of images the model got wrong: all of them stay where they are
        float[] x = cleanFeatures(forget);
        int[] wrongLabels = new int[forget.size()];
        for (int i = 0; i < wrongLabels.length; i++) {
            wrongLabels[i] = (predictedClean[i] + 1) % 10;
        }
        AdversarialSet trivial = new PgdL2(original.network(), PgdL2.Settings.amun())
                .attack(x, wrongLabels, forgetIdx, d, JobContext.detached());
        assertThat(trivial.size()).isEqualTo(forget.size());
        assertThat(trivial.features()).isEqualTo(x);
        assertThat(trivial.labels()).isEqualTo(predictedClean);
        assertThat(trivial.totalSteps()).isZero();
        assertThat(wrong).isLessThan(forget.size() / 10);
    }

    @Test
    void deterministicCappedAndCancellable() {
        PgdL2.Settings quick = new PgdL2.Settings(0.2, 10, 10, 50);
        AdversarialSet first = new PgdL2(original.network(), quick).attack(forget, JobContext.detached());
        AdversarialSet again = new PgdL2(original.network(), quick).attack(forget, JobContext.detached());
        assertThat(again).isEqualTo(first);
        assertThat(first.features()).isNotEqualTo(set.features());
        AdversarialSet oneLevel = new PgdL2(original.network(), new PgdL2.Settings(0.04, 5, 1, 32))
                .attack(forget, JobContext.detached());
        assertThat(oneLevel.unflipped().length).isGreaterThan(forget.size() / 2);
        assertThat(Arrays.stream(oneLevel.steps()).max().orElse(0)).isLessThanOrEqualTo(5);
        CancellationToken token = new CancellationToken();
        token.cancel();
        assertThatThrownBy(() -> new PgdL2(original.network(), PgdL2.Settings.amun())
                .attack(forget, new JobContext(ProgressListener.NONE, token)))
                .isInstanceOf(JobCancelledException.class);
        assertThatThrownBy(() -> new PgdL2.Settings(0, 50, 10, 128)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("eps0");
    }

    private static float[] cleanFeatures(IndexView view) {
        int d = view.split().shape().pixelsPerImage();
        float[] x = new float[view.size() * d];
        for (int i = 0; i < view.size(); i++) {
            view.split().copyImageScaled(view.index(i), x, i * d);
        }
        return x;
    }

    static int[] predict(Network network, float[] x, int n, int d) {
        INDArray z = network.logits(Nd4j.create(x, new long[] {n, d}, 'c')).castTo(DataType.DOUBLE);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = z.getRow(i).argMax().getInt(0);
        }
        return out;
    }
}
