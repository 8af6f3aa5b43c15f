package org.lethe.engine.unlearning.unlearnable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.lethe.engine.data.ImageSplit;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.job.CancellationToken;
import org.lethe.engine.job.JobCancelledException;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.job.ProgressListener;
import org.lethe.engine.unlearning.MethodParamException;

class MinMinNoiseTest {

    private static final ImageSplit TRAIN = UnlearnableTestData.DATA.train();
    private static final IndexView ALL = TRAIN.all("train");

    private static NoiseGeneration sampleWise;
    private static NoiseGeneration classWise;

    /** Sample-wise noise for the 300 digits, 3 rounds (made once per class). */
    private static synchronized NoiseGeneration sampleWise() {
        if (sampleWise == null) {
            sampleWise = MinMinNoise.generate(UnlearnableTestData.mlp(), ALL,
                    UnlearnableTestData.quick(NoiseMode.SAMPLE_WISE, 3), JobContext.detached());
        }
        return sampleWise;
    }

    /** Class-wise noise for the 300 digits, 3 rounds (made once per class). */
    private static synchronized NoiseGeneration classWise() {
        if (classWise == null) {
            classWise = MinMinNoise.generate(UnlearnableTestData.mlp(), ALL,
                    UnlearnableTestData.quick(NoiseMode.CLASS_WISE, 3), JobContext.detached());
        }
        return classWise;
    }

    private static float[] flat(org.nd4j.linalg.api.ndarray.INDArray a) {
        return a.reshape('c', new long[] {a.length()}).toFloatVector();
    }

    @Test
    void sampleWiseNoiseStaysWithinEpsAndThePixelRange() {
        NoiseGeneration g = sampleWise();
        UnlearnableNoise noise = g.noise();
        double eps = 8.0 / 255;
        assertThat(noise.rows()).isEqualTo(300);
        assertThat(noise.maxAbs()).isLessThanOrEqualTo(eps + 1e-7).isGreaterThan(0.9 * eps);
        assertThat(noise.meanAbs()).isGreaterThan(eps / 10);
        int[] idx = ALL.toArray();
        float[] perturbed = flat(noise.perturbedFeatures(TRAIN, idx));
        float[] clean = flat(org.lethe.engine.model.Features.of(TRAIN, idx, 0, idx.length, null));
        for (int k = 0; k < clean.length; k++) {
            assertThat(perturbed[k]).isBetween(0f, 1f);
            assertThat((double) Math.abs(perturbed[k] - clean[k])).isLessThanOrEqualTo(eps + 1e-6);
        }
        assertThat(g.iterations()).isEqualTo(3);
        assertThat(g.modelSteps()).isEqualTo(15);
        assertThat(g.rounds()).hasSize(3);
    }

    @Test
    void perturbedSplitChangesOnlyTheChosenImagesAndStaysWithinEps() {
        UnlearnableNoise noise = sampleWise().noise();
        int[] chosen = {0, 5, 17, 299};
        ImageSplit signed = PerturbedSplit.of(TRAIN, noise, chosen, false);
        ImageSplit positive = PerturbedSplit.of(TRAIN, noise, chosen, true);
        assertThat(PerturbedSplit.levels(8.0 / 255)).isEqualTo(8);
        int d = TRAIN.shape().pixelsPerImage();
        int negative = 0;
        int changed = 0;
        for (int i = 0; i < TRAIN.count(); i++) {
            assertThat(signed.label(i)).isEqualTo(TRAIN.label(i));
            boolean isChosen = Arrays.binarySearch(chosen, i) >= 0;
            for (int k = 0; k < d; k++) {
                int diff = signed.pixel(i, k) - TRAIN.pixel(i, k);
                int diffPositive = positive.pixel(i, k) - TRAIN.pixel(i, k);
                if (!isChosen) {
                    assertThat(diff).isZero();
                    assertThat(diffPositive).isZero();
                    continue;
                }
                assertThat(Math.abs(diff)).isLessThanOrEqualTo(8);
                assertThat(diffPositive).isBetween(0, 8);
                negative += diff < 0 ? 1 : 0;
                changed += diff != 0 ? 1 : 0;
            }
        }
        assertThat(negative).isPositive();
        assertThat(changed).isGreaterThan(chosen.length * d / 10);
    }

    @Test
    void errorMinimisingNoiseLowersTheNoiseModelsLossBelowRandomNoise() {
        for (NoiseGeneration g : new NoiseGeneration[] {sampleWise(), classWise()}) {
            UnlearnableNoise random = UnlearnableNoise.random(g.noise().mode(), g.noise().eps(), ALL, 10, 11);
            assertThat(random.maxAbs()).isLessThanOrEqualTo(8.0 / 255 + 1e-7);
            double minMin = PerturbedScore.of(g.network(), ALL, g.noise()).meanLoss();
            double randomLoss = PerturbedScore.of(g.network(), ALL, random).meanLoss();
            double clean = PerturbedScore.of(g.network(), ALL, null).meanLoss();
            assertThat(minMin).as(g.noise().mode().id()).isLessThan(0.8 * randomLoss).isLessThan(clean);
            assertThat(g.finalScore().meanLoss()).isCloseTo(minMin, org.assertj.core.data.Offset.offset(1e-3));
        }
    }

    @Test
    void classWiseNoiseIsIdenticalForEverySampleOfAClass() {
        UnlearnableNoise noise = classWise().noise();
        assertThat(noise.mode()).isEqualTo(NoiseMode.CLASS_WISE);
        assertThat(noise.rows()).isEqualTo(10);
        assertThat(noise.maxAbs()).isLessThanOrEqualTo(8.0 / 255 + 1e-7).isPositive();
        int[] sevens = ALL.stream().filter(i -> TRAIN.label(i) == 7).toArray();
        assertThat(sevens.length).isGreaterThan(10);
        float[] first = noise.delta(sevens[0], 7);
        for (int i : sevens) {
            assertThat(noise.delta(i, 7)).containsExactly(first);
        }
        assertThat(noise.delta(0, 3)).isNotEqualTo(first);
        // written into 8-bit images, the change is the same wherever no clipping at 0 or 255 happens
        ImageSplit perturbed = PerturbedSplit.of(TRAIN, noise, sevens, false);
        int d = TRAIN.shape().pixelsPerImage();
        for (int k = 0; k < d; k++) {
            int q = Math.round(255 * first[k]);
            for (int i : sevens) {
                int p = TRAIN.pixel(i, k);
                if (p + q >= 0 && p + q <= 255) {
                    assertThat(perturbed.pixel(i, k) - p).isEqualTo(q);
                }
            }
        }
    }

    @Test
    void sameSeedGivesIdenticalNoiseAndAnotherSeedDoesNot() {
        UnlearnableParams p = UnlearnableTestData.quick(NoiseMode.CLASS_WISE, 3);
        float[] again = MinMinNoise.generate(UnlearnableTestData.mlp(), ALL, p, JobContext.detached()).noise().values();
        assertThat(again).containsExactly(classWise().noise().values());
        // another seed draws another class-wise subset and batch order
        UnlearnableParams oneRound = p.withClassSubset(0.5).withStop(1.0, 1);
        float[] seven = MinMinNoise.generate(UnlearnableTestData.mlp(), ALL, oneRound, JobContext.detached()).noise()
                .values();
        float[] eight = MinMinNoise.generate(UnlearnableTestData.mlp(), ALL, oneRound.withSeed(8),
                JobContext.detached()).noise().values();
        assertThat(Arrays.equals(seven, eight)).isFalse();
        UnlearnableParams s = UnlearnableTestData.quick(NoiseMode.SAMPLE_WISE, 3);
        assertThat(MinMinNoise.generate(UnlearnableTestData.mlp(), ALL, s, JobContext.detached()).noise().values())
                .containsExactly(sampleWise().noise().values());
    }

    @Test
    void stopsAtTheStopAccuracyAndReportsEachRound() {
        java.util.List<Double> accuracies = new java.util.ArrayList<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void metric(String series, double x, double y) {
                if (series.equals("noiseAccuracy")) {
                    accuracies.add(y);
                }
            }
        };
        UnlearnableParams p = UnlearnableTestData.quick(NoiseMode.SAMPLE_WISE, 40).withStop(0.5, 40);
        NoiseGeneration g = MinMinNoise.generate(UnlearnableTestData.mlp(), ALL, p,
                new JobContext(listener, new CancellationToken()));
        assertThat(g.reachedStop()).isTrue();
        assertThat(g.finalScore().accuracy()).isGreaterThanOrEqualTo(0.5);
        assertThat(g.iterations()).isLessThan(40).isEqualTo(accuracies.size());
        for (int r = 0; r < g.rounds().size() - 1; r++) {
            assertThat(g.rounds().get(r).score().accuracy()).isLessThan(0.5);
        }
    }

    @Test
    void cancellationStopsTheSearch() {
        CancellationToken token = new CancellationToken();
        token.cancel();
        assertThatThrownBy(() -> MinMinNoise.generate(UnlearnableTestData.mlp(), ALL,
                UnlearnableTestData.quick(NoiseMode.SAMPLE_WISE, 3), new JobContext(ProgressListener.NONE, token)))
                .isInstanceOf(JobCancelledException.class);
    }

    @Test
    void invalidParametersGiveDomainErrorsNamingTheParameter() {
        UnlearnableParams d = UnlearnableParams.defaults();
        assertThat(d.eps()).isEqualTo(8.0 / 255);
        assertThat(d.stepSize()).isEqualTo(0.8 / 255);
        assertThat(d.pgdSteps()).isEqualTo(20);
        assertThat(d.dropNegativeNoise()).isFalse();
        assertThat(UnlearnableParams.defaults(NoiseMode.CLASS_WISE).pgdSteps()).isEqualTo(1);
        assertThatThrownBy(() -> d.withEps(0)).isInstanceOf(MethodParamException.class).hasMessageContaining("eps");
        assertThatThrownBy(() -> d.withEps(1.5)).isInstanceOf(MethodParamException.class).hasMessageContaining("eps");
        assertThatThrownBy(() -> d.withStepSize(-1)).isInstanceOf(MethodParamException.class)
                .hasMessageContaining("stepSize");
        assertThatThrownBy(() -> d.withPgdSteps(0)).isInstanceOf(MethodParamException.class)
                .hasMessageContaining("pgdSteps");
        assertThatThrownBy(() -> d.withStop(1.2, 5)).isInstanceOf(MethodParamException.class)
                .hasMessageContaining("stopAccuracy");
        assertThatThrownBy(() -> d.withClassSubset(0)).isInstanceOf(MethodParamException.class)
                .hasMessageContaining("classSubset");
        assertThatThrownBy(() -> new UnlearnableParams(null, 0.03, 0.003, 1, 1, 0.9, 1, 1, 0.1, 0, 0, 0, 1, false, 0))
                .isInstanceOf(MethodParamException.class).hasMessageContaining("mode");
        assertThatThrownBy(() -> NoiseMode.fromId("pixel")).isInstanceOf(MethodParamException.class)
                .hasMessageContaining("'pixel'");
        assertThat(NoiseMode.fromId("Class-wise")).isEqualTo(NoiseMode.CLASS_WISE);
        assertThatThrownBy(() -> UnlearnableNoise.classWise(0.01, 2, 1, new float[] {0.005f, 0.02f}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside");
    }
}
