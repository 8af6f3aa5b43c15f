package org.lethe.engine.evaluation.mia;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.lethe.engine.data.ImageSplit;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.evaluation.Predictions;
import org.lethe.engine.evaluation.metric.Roc;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.Network;
import org.lethe.engine.unlearning.DataSplits;

/**
 * Offline RMIA against one target model with {@link ReferenceModels}: the forget set against the
 * test set (50% is the goal: forgotten samples look unseen) and against the retain set, with the
 * true-positive rates at 1% and 0.1% false positives that the low-FPR literature asks for.
 *
 * <p>The target's signals are computed only for the samples the numbers need: the forget set, a
 * seeded sample of the retain set, the test set, and a seeded population sample of the pool.
 */
public final class RmiaEvaluation {

    /** Default sizes of the retain and population samples. */
    public static final int DEFAULT_SAMPLE = 2_000;

    private RmiaEvaluation() {
    }

    /**
     * RMIA's numbers for one target, in percent.
     *
     * @param forgetVsTestAuc AUC of forget (positives) vs test (negatives)
     * @param forgetVsRetainAuc AUC of forget (positives) vs retain (negatives)
     * @param tprAt1PercentFpr forget-vs-test true-positive rate at 1% false positives
     * @param tprAt01PercentFpr forget-vs-test true-positive rate at 0.1% false positives
     * @param forgetVsTest the forget-vs-test ROC, for charts
     */
    public record Result(double forgetVsTestAuc, double forgetVsRetainAuc, double tprAt1PercentFpr,
            double tprAt01PercentFpr, Roc forgetVsTest) {

        /** The numbers by report key. */
        public Map<String, Double> figures() {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("rmiaForgetVsTestAuc", forgetVsTestAuc);
            m.put("rmiaForgetVsRetainAuc", forgetVsRetainAuc);
            m.put("rmiaTprAt1PercentFpr", tprAt1PercentFpr);
            m.put("rmiaTprAt0.1PercentFpr", tprAt01PercentFpr);
            return m;
        }
    }

    /**
     * Attacks {@code target}.
     *
     * @param sample at most this many retain samples and population samples (seeded by {@code seed})
     */
    public static Result evaluate(Network target, ReferenceModels refs, DataSplits splits, Rmia.Options options,
            int sample, long seed, JobContext ctx) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(refs, "refs");
        ImageSplit train = splits.dataset().train();
        ImageSplit test = splits.dataset().test();
        int[] forget = splits.forget().toArray();
        int[] retain = sampleOf(splits.retain().toArray(), sample, seed);
        int[] testIdx = splits.test().toArray();
        int poolSize = train.count() + test.count();
        int[] population = sampleOf(IntStream.range(0, poolSize).toArray(), sample, seed + 1);

        // the sub-pool U: forget, retain sample, test, population (pool indices, may repeat)
        int[] u = IntStream.concat(IntStream.concat(Arrays.stream(forget).map(refs::trainIndex),
                Arrays.stream(retain).map(refs::trainIndex)), IntStream.concat(
                        Arrays.stream(testIdx).map(refs::testIndex), Arrays.stream(population))).toArray();
        double[] targetSignal = new double[u.length];
        int trainN = forget.length + retain.length;
        int[] trainPart = IntStream.concat(Arrays.stream(forget), Arrays.stream(retain)).toArray();
        double[] trainSignals = Predictions.compute(target, new IndexView(train, sortedCopy(trainPart), "rmia-train"),
                Predictions.DEFAULT_CHUNK, ctx).trueClassProbability();
        double[] testSignals = Predictions.compute(target, splits.test(), Predictions.DEFAULT_CHUNK, ctx)
                .trueClassProbability();
        int[] sortedTrain = sortedCopy(trainPart);
        for (int k = 0; k < trainN; k++) {
            targetSignal[k] = trainSignals[Arrays.binarySearch(sortedTrain, trainPart[k])];
        }
        int[] testPositions = positionsIn(splits.test().toArray());
        for (int k = 0; k < testIdx.length; k++) {
            targetSignal[trainN + k] = testSignals[testPositions[k]];
        }
        double[] populationSignals = populationSignals(target, population, train, test, ctx);
        System.arraycopy(populationSignals, 0, targetSignal, trainN + testIdx.length, population.length);

        double[][] refSignals = new double[refs.count()][u.length];
        for (int r = 0; r < refs.count(); r++) {
            for (int k = 0; k < u.length; k++) {
                refSignals[r][k] = refs.signal(r, u[k]);
            }
        }
        int popStart = trainN + testIdx.length;
        Rmia rmia = Rmia.fit(targetSignal, refSignals, range(popStart, popStart + population.length), options);
        int[] forgetPos = range(0, forget.length);
        int[] retainPos = range(forget.length, trainN);
        int[] testPos = range(trainN, popStart);
        Roc vsTest = rmia.roc(forgetPos, testPos);
        return new Result(100 * vsTest.auc(), 100 * rmia.roc(forgetPos, retainPos).auc(),
                100 * vsTest.tprAtFpr(0.01), 100 * vsTest.tprAtFpr(0.001), vsTest);
    }

    private static double[] populationSignals(Network target, int[] population, ImageSplit train, ImageSplit test,
            JobContext ctx) {
        int trainCount = train.count();
        int[] inTrain = Arrays.stream(population).filter(i -> i < trainCount).sorted().distinct().toArray();
        int[] inTest = Arrays.stream(population).filter(i -> i >= trainCount).map(i -> i - trainCount).sorted()
                .distinct().toArray();
        double[] a = Predictions.compute(target, new IndexView(train, inTrain, "rmia-population"),
                Predictions.DEFAULT_CHUNK, ctx).trueClassProbability();
        double[] b = inTest.length == 0 ? new double[0] : Predictions.compute(target,
                new IndexView(test, inTest, "rmia-population"), Predictions.DEFAULT_CHUNK, ctx).trueClassProbability();
        double[] out = new double[population.length];
        for (int k = 0; k < population.length; k++) {
            int i = population[k];
            out[k] = i < trainCount ? a[Arrays.binarySearch(inTrain, i)]
                    : b[Arrays.binarySearch(inTest, i - trainCount)];
        }
        return out;
    }

    /** For each element of {@code indices} (in order), its position in the view's ascending order. */
    private static int[] positionsIn(int[] indices) {
        int[] sorted = sortedCopy(indices);
        return Arrays.stream(indices).map(i -> Arrays.binarySearch(sorted, i)).toArray();
    }

    private static int[] sortedCopy(int[] a) {
        int[] s = a.clone();
        Arrays.sort(s);
        return s;
    }

    private static int[] range(int from, int to) {
        return IntStream.range(from, to).toArray();
    }

    private static int[] sampleOf(int[] all, int limit, long seed) {
        if (all.length <= limit) {
            return all;
        }
        int[] a = all.clone();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < limit; i++) {
            int j = i + random.nextInt(a.length - i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        int[] chosen = Arrays.copyOf(a, limit);
        Arrays.sort(chosen);
        return chosen;
    }
}
