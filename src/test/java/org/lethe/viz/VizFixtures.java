package org.lethe.viz;

import java.util.List;
import org.lethe.engine.evaluation.metric.MeanStd;
import org.lethe.engine.evaluation.metric.Roc;
import org.lethe.engine.experiment.SplitAccuracies;

/** Small hand-made inputs shared by the chart tests. */
final class VizFixtures {

    private VizFixtures() {
    }

    static List<ModelAccuracies> accuracies() {
        return List.of(
                new ModelAccuracies("Original", new SplitAccuracies(99.5, 99.6, 94.2)),
                new ModelAccuracies("Retrain", new SplitAccuracies(94.1, 99.4, 94.0)),
                new ModelAccuracies("SalUn", new SplitAccuracies(95.0, 98.2, 93.1)));
    }

    /** Deterministic scores in [0, 1]: forget high for the original model, lower after unlearning. */
    static ModelScores scores(String model, double shift) {
        return new ModelScores(model,
                ramp(40, 0.5 - shift, 1.0 - shift),
                ramp(100, 0.7, 1.0),
                ramp(60, 0.2, 0.95));
    }

    static double[] ramp(int n, double from, double to) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = from + (to - from) * i / Math.max(1, n - 1);
        }
        return v;
    }

    /** A ROC with AUC 0.75: positives {2, 3}, negatives {1, 2.5}. */
    static Roc roc() {
        return Roc.of(new double[] {2, 3}, new double[] {1, 2.5});
    }

    /** A larger ROC (AUC well above 0.5) with many distinct scores. */
    static Roc bigRoc(int n, double separation) {
        double[] pos = new double[n];
        double[] neg = new double[n];
        for (int i = 0; i < n; i++) {
            double u = (i + 0.5) / n;
            pos[i] = Math.log(u / (1 - u)) + separation;
            neg[i] = Math.log(u / (1 - u));
        }
        return Roc.of(pos, neg);
    }

    static List<MethodCost> costs() {
        return List.of(
                new MethodCost("Fine-tune", MeanStd.of(12, 14, 13), MeanStd.of(3.0, 3.5, 2.5)),
                MethodCost.single("Gradient ascent", 4, 7.5),
                new MethodCost("SalUn", MeanStd.of(30, 34), MeanStd.of(1.2, 1.6)));
    }
}
