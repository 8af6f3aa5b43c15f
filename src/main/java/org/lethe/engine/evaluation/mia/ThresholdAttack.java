package org.lethe.engine.evaluation.mia;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.lethe.engine.evaluation.metric.MetricInputException;

/**
 * Song &amp; Mittal's threshold membership attack for one {@link MembershipFeature}, needing no
 * shadow models.
 *
 * <p><b>Fitting.</b> "Shadow-train" samples are known members (a subset of the retain set) and
 * "shadow-test" samples known non-members (the test set). For each class c, the threshold t_c is
 * the feature value, among those seen in class c, that maximises ½(TPR + TNR) where a sample is
 * called member when its value is {@code ≥ t_c}; among equally good values the smallest is taken.
 * A class without members or without non-members in the shadow sets falls back to one threshold
 * fitted on all classes together. {@link MembershipFeature#CORRECTNESS} is not fitted: a sample is
 * a member exactly when it is classified correctly, as in the reference code.
 *
 * <p><b>Applying.</b> On target samples (e.g. the forget set) the attack reports the share
 * predicted member. After good unlearning, the forget set should look like the test set, i.e. the
 * rate should be close to the test set's own rate (and to the retrained model's).
 *
 * <p>Fitting sorts each class once and binary-searches, O(n log n).
 */
public final class ThresholdAttack {

    private final MembershipFeature feature;
    private final double[] classThresholds;
    private final boolean[] fallback;
    private final ThresholdFit global;
    private final double shadowBalancedAccuracy;

    private ThresholdAttack(MembershipFeature feature, double[] classThresholds, boolean[] fallback,
            ThresholdFit global, double shadowBalancedAccuracy) {
        this.feature = feature;
        this.classThresholds = classThresholds;
        this.fallback = fallback;
        this.global = global;
        this.shadowBalancedAccuracy = shadowBalancedAccuracy;
    }

    /**
     * Fits per-class thresholds.
     *
     * @param feature the membership signal
     * @param shadowTrain known members (retain subset), at least one sample
     * @param shadowTest known non-members (test set), at least one sample
     * @throws MetricInputException if a group is empty or the class counts differ
     */
    public static ThresholdAttack fit(MembershipFeature feature, LabelledProbabilities shadowTrain,
            LabelledProbabilities shadowTest) {
        Objects.requireNonNull(feature, "feature");
        requireNonEmpty(shadowTrain);
        requireNonEmpty(shadowTest);
        requireSameClasses(shadowTrain, shadowTest);
        int classes = shadowTrain.numClasses();
        double[] trValues = feature.values(shadowTrain);
        double[] teValues = feature.values(shadowTest);

        double[] thresholds = new double[classes];
        boolean[] fallback = new boolean[classes];
        ThresholdFit global;
        if (feature == MembershipFeature.CORRECTNESS) {
            Arrays.fill(thresholds, 1.0);
            global = new ThresholdFit(1.0, balancedAccuracy(trValues, teValues, 1.0));
        } else {
            global = fitThreshold(trValues, teValues);
            for (int c = 0; c < classes; c++) {
                double[] tr = ofClass(trValues, shadowTrain, c);
                double[] te = ofClass(teValues, shadowTest, c);
                if (tr.length == 0 || te.length == 0) {
                    thresholds[c] = global.threshold();
                    fallback[c] = true;
                } else {
                    thresholds[c] = fitThreshold(tr, te).threshold();
                }
            }
        }
        ThresholdAttack attack = new ThresholdAttack(feature, thresholds, fallback, global, Double.NaN);
        double tpr = attack.memberRate(shadowTrain);
        double tnr = 1.0 - attack.memberRate(shadowTest);
        return new ThresholdAttack(feature, thresholds, fallback, global, 0.5 * (tpr + tnr));
    }

    /**
     * The best single threshold separating two lists of values: members are those {@code ≥} it.
     * Candidates are the given values; the smallest among equally good ones wins.
     *
     * @param members values of known members, at least one
     * @param nonMembers values of known non-members, at least one
     */
    public static ThresholdFit fitThreshold(double[] members, double[] nonMembers) {
        if (members.length == 0 || nonMembers.length == 0) {
            throw new MetricInputException("threshold fit: " + members.length + " members and "
                    + nonMembers.length + " non-members, expected at least one of each");
        }
        double[] m = members.clone();
        double[] n = nonMembers.clone();
        Arrays.sort(m);
        Arrays.sort(n);
        double[] candidates = new double[m.length + n.length];
        System.arraycopy(m, 0, candidates, 0, m.length);
        System.arraycopy(n, 0, candidates, m.length, n.length);
        Arrays.sort(candidates);
        double bestT = candidates[0];
        double best = -1;
        for (int k = 0; k < candidates.length; k++) {
            double t = candidates[k];
            if (k > 0 && t == candidates[k - 1]) {
                continue;
            }
            double tpr = (double) (m.length - SortedArrays.lowerBound(m, t)) / m.length;
            double tnr = (double) SortedArrays.lowerBound(n, t) / n.length;
            double score = 0.5 * (tpr + tnr);
            if (score > best) {
                best = score;
                bestT = t;
            }
        }
        return new ThresholdFit(bestT, best);
    }

    /** The feature this attack thresholds. */
    public MembershipFeature feature() {
        return feature;
    }

    /** The threshold used for class {@code c} (the global one where the class lacked data). */
    public double threshold(int c) {
        return classThresholds[c];
    }

    /** Whether class {@code c} uses the all-class threshold because the shadow sets lacked it. */
    public boolean usesGlobalThreshold(int c) {
        return fallback[c];
    }

    /** The threshold fitted on all classes together. */
    public ThresholdFit globalFit() {
        return global;
    }

    /** ½(TPR + TNR) of the per-class thresholds on the shadow sets they were fitted on. */
    public double shadowBalancedAccuracy() {
        return shadowBalancedAccuracy;
    }

    /** For each target sample, whether the attack calls it a member. */
    public boolean[] predictMembers(LabelledProbabilities targets) {
        if (targets.numClasses() != classThresholds.length) {
            throw new MetricInputException(targets.name() + ": " + targets.numClasses()
                    + " classes, expected " + classThresholds.length + " as in the shadow sets");
        }
        double[] values = feature.values(targets);
        boolean[] out = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] >= classThresholds[targets.label(i)];
        }
        return out;
    }

    /** Share of the targets called members; NaN for an empty group. */
    public double memberRate(LabelledProbabilities targets) {
        boolean[] members = predictMembers(targets);
        if (members.length == 0) {
            return Double.NaN;
        }
        int count = 0;
        for (boolean b : members) {
            if (b) {
                count++;
            }
        }
        return (double) count / members.length;
    }

    /**
     * The member rate on the targets as a result.
     *
     * @throws MetricInputException if the targets are empty
     */
    public MiaResult evaluate(LabelledProbabilities targets) {
        requireNonEmpty(targets);
        double rate = memberRate(targets);
        String meaning = String.format(Locale.ROOT,
                "%.1f%% of the %s is called a member by per-class %s thresholds fitted on retain"
                        + " (members) against test (non-members); lower means it looks less like"
                        + " training data",
                rate * 100, targets.name(), feature.displayName());
        return new MiaResult("threshold (" + feature.displayName() + ")", MiaResult.Measure.MEMBER_RATE,
                rate, targets.size(), meaning);
    }

    /** Fits and applies the attack for every feature, in {@link MembershipFeature} order. */
    public static List<MiaResult> evaluateAll(LabelledProbabilities shadowTrain,
            LabelledProbabilities shadowTest, LabelledProbabilities targets) {
        List<MiaResult> out = new ArrayList<>();
        for (MembershipFeature f : MembershipFeature.values()) {
            out.add(fit(f, shadowTrain, shadowTest).evaluate(targets));
        }
        return List.copyOf(out);
    }

    private static double balancedAccuracy(double[] members, double[] nonMembers, double t) {
        int tp = 0;
        for (double v : members) {
            if (v >= t) {
                tp++;
            }
        }
        int tn = 0;
        for (double v : nonMembers) {
            if (v < t) {
                tn++;
            }
        }
        return 0.5 * ((double) tp / members.length + (double) tn / nonMembers.length);
    }


    private static double[] ofClass(double[] values, LabelledProbabilities group, int c) {
        int count = 0;
        for (int i = 0; i < values.length; i++) {
            if (group.label(i) == c) {
                count++;
            }
        }
        double[] out = new double[count];
        int k = 0;
        for (int i = 0; i < values.length; i++) {
            if (group.label(i) == c) {
                out[k++] = values[i];
            }
        }
        return out;
    }

    private static void requireNonEmpty(LabelledProbabilities group) {
        Objects.requireNonNull(group, "group");
        if (group.size() == 0) {
            throw new MetricInputException(group.name() + ": no samples, expected at least one");
        }
    }

    private static void requireSameClasses(LabelledProbabilities a, LabelledProbabilities b) {
        if (a.numClasses() != b.numClasses()) {
            throw new MetricInputException(a.name() + " has " + a.numClasses() + " classes and "
                    + b.name() + " has " + b.numClasses() + ", expected the same model's outputs");
        }
    }
}
