package org.lethe.engine.evaluation.mia;

import java.util.SplittableRandom;

/** Builds two-class probability groups with chosen true-class confidences. */
final class MiaTestData {

    private MiaTestData() {
    }

    /** Row i is [c, 1 − c] for label 0 and [1 − c, c] for label 1, c = confidences[i]. */
    static LabelledProbabilities twoClass(String name, double[] confidences, int[] labels) {
        float[] flat = new float[confidences.length * 2];
        for (int i = 0; i < confidences.length; i++) {
            float c = (float) confidences[i];
            flat[2 * i + labels[i]] = c;
            flat[2 * i + 1 - labels[i]] = 1f - c;
        }
        return LabelledProbabilities.of(name, flat, 2, labels);
    }

    /** All labels 0. */
    static LabelledProbabilities twoClass(String name, double... confidences) {
        return twoClass(name, confidences, new int[confidences.length]);
    }

    /** n confidences uniform in [lo, hi), labels alternating 0, 1. */
    static LabelledProbabilities uniform(String name, SplittableRandom random, int n, double lo, double hi) {
        double[] conf = new double[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            conf[i] = lo + (hi - lo) * random.nextDouble();
            labels[i] = i % 2;
        }
        return twoClass(name, conf, labels);
    }
}
