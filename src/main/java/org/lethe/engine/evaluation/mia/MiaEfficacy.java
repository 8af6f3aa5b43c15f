package org.lethe.engine.evaluation.mia;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import libsvm.svm;
import libsvm.svm_model;
import libsvm.svm_node;
import libsvm.svm_parameter;
import libsvm.svm_problem;
import org.lethe.engine.evaluation.metric.MetricInputException;

/**
 * SalUn's and l1-sparse's "MIA-efficacy": a support-vector classifier on the true-class confidence
 * p_y learns members (retain samples) from non-members (test samples); the metric is the share of
 * the forget set it calls <em>non-member</em>. Higher means more forgetting; a retrained model
 * scores around 12.5–13% on a random 10% of CIFAR-10.
 *
 * <p>As in the reference: C-SVC with an RBF kernel, C = 3, gamma = 'auto' = 1 / number of
 * features = 1; members are the first |test| retain samples, non-members the whole test set.
 * Training uses LIBSVM (Java port, BSD-3-Clause) with its defaults otherwise (tolerance 1e-3,
 * shrinking on), without probability estimates or cross-validation, so no random number is drawn
 * and the same input always gives the same classifier.
 *
 * <p><b>Deviation for speed:</b> each of the two training groups is capped at
 * {@link Options#maxPerGroup()} samples (5000 by default) by a seeded sample without replacement;
 * the reference trains on all of them (10 000 + 10 000 on CIFAR-10). An RBF-SVM on one feature
 * learns a few intervals of confidence, which 5000 samples per side pin down well.
 *
 * <p>LIBSVM's progress printing is switched off (it would otherwise go to standard output).
 */
public final class MiaEfficacy {

    static {
        svm.svm_set_print_string_function(message -> { });
    }

    /**
     * Settings of the classifier.
     *
     * @param c the SVM's C, 3 in the reference
     * @param gamma RBF gamma; NaN means 'auto' (1 / number of features, i.e. 1)
     * @param maxPerGroup largest number of members and of non-members used for training
     * @param seed seed of the subsample drawn when a group is larger than {@code maxPerGroup}
     */
    public record Options(double c, double gamma, int maxPerGroup, long seed) {

        /** The reference values (C = 3, gamma auto) with groups capped at 5000 and seed 0. */
        public static Options defaults() {
            return new Options(3.0, Double.NaN, 5000, 0L);
        }

        /** Checks the values. */
        public Options {
            if (!(c > 0) || Double.isInfinite(c)) {
                throw new MetricInputException("MIA-efficacy: C is " + c + ", expected a positive number");
            }
            if (!Double.isNaN(gamma) && !(gamma > 0 && !Double.isInfinite(gamma))) {
                throw new MetricInputException("MIA-efficacy: gamma is " + gamma
                        + ", expected a positive number or NaN for 'auto'");
            }
            if (maxPerGroup < 1) {
                throw new MetricInputException("MIA-efficacy: at most " + maxPerGroup
                        + " samples per group, expected at least 1");
            }
        }

        /** The gamma actually used for one feature. */
        double effectiveGamma() {
            return Double.isNaN(gamma) ? 1.0 : gamma;
        }
    }

    private final svm_model model;
    private final int trainingMembers;
    private final int trainingNonMembers;

    private MiaEfficacy(svm_model model, int trainingMembers, int trainingNonMembers) {
        this.model = model;
        this.trainingMembers = trainingMembers;
        this.trainingNonMembers = trainingNonMembers;
    }

    /**
     * Trains the classifier on confidences of known members and non-members (each group capped
     * and subsampled as {@code options} says).
     *
     * @throws MetricInputException if a group is empty or a confidence is not in [0, 1]
     */
    public static MiaEfficacy train(double[] memberConfidences, double[] nonMemberConfidences,
            Options options) {
        Objects.requireNonNull(options, "options");
        requireConfidences("member confidences", memberConfidences);
        requireConfidences("non-member confidences", nonMemberConfidences);
        SplittableRandom random = new SplittableRandom(options.seed());
        double[] members = cap(memberConfidences, options.maxPerGroup(), random);
        double[] nonMembers = cap(nonMemberConfidences, options.maxPerGroup(), random);

        svm_problem problem = new svm_problem();
        problem.l = members.length + nonMembers.length;
        problem.y = new double[problem.l];
        problem.x = new svm_node[problem.l][];
        for (int i = 0; i < members.length; i++) {
            problem.y[i] = 1;
            problem.x[i] = node(members[i]);
        }
        for (int i = 0; i < nonMembers.length; i++) {
            problem.y[members.length + i] = 0;
            problem.x[members.length + i] = node(nonMembers[i]);
        }
        svm_parameter param = new svm_parameter();
        param.svm_type = svm_parameter.C_SVC;
        param.kernel_type = svm_parameter.RBF;
        param.gamma = options.effectiveGamma();
        param.C = options.c();
        param.eps = 1e-3;
        param.cache_size = 100;
        param.shrinking = 1;
        param.probability = 0;
        param.nr_weight = 0;
        param.weight_label = new int[0];
        param.weight = new double[0];
        String problemText = svm.svm_check_parameter(problem, param);
        if (problemText != null) {
            throw new MetricInputException("MIA-efficacy: LIBSVM rejects the settings: " + problemText);
        }
        return new MiaEfficacy(svm.svm_train(problem, param), members.length, nonMembers.length);
    }

    /**
     * SalUn's evaluation: members = the first |test| retain samples, non-members = the test set,
     * targets = the forget set, all under the model being evaluated.
     *
     * @return the share of the forget set called non-member, as {@link MiaResult.Measure#NON_MEMBER_RATE}
     * @throws MetricInputException if a group is empty
     */
    public static MiaResult evaluate(LabelledProbabilities retain, LabelledProbabilities test,
            LabelledProbabilities forget, Options options) {
        return evaluate(trainAsEvaluated(retain, test, options), forget);
    }

    /**
     * {@link #evaluate(LabelledProbabilities, LabelledProbabilities, LabelledProbabilities, Options)}
     * with a classifier already fitted by {@link #trainAsEvaluated}.
     *
     * @throws MetricInputException if the forget set is empty
     */
    public static MiaResult evaluate(MiaEfficacy classifier, LabelledProbabilities forget) {
        double[] forgetConf = forget.trueClassConfidence();
        if (forgetConf.length == 0) {
            throw new MetricInputException(forget.name() + ": no samples, expected at least one");
        }
        double rate = classifier.nonMemberRate(forgetConf);
        String meaning = String.format(Locale.ROOT,
                "%.1f%% of the %s is called a non-member by an RBF-SVM on true-class confidence"
                        + " trained on %d retain against %d test samples; higher means more forgetting,"
                        + " compare with the retrained model",
                rate * 100, forget.name(), classifier.trainingMembers, classifier.trainingNonMembers);
        return new MiaResult("MIA-efficacy (SVC)", MiaResult.Measure.NON_MEMBER_RATE, rate,
                forgetConf.length, meaning);
    }

    /**
     * The classifier {@link #evaluate} trains: members are the first |test| retain samples,
     * non-members the test set, both as true-class confidences under the model being evaluated. Use
     * it to ask for the membership call of single samples ({@link #isMember(double)}).
     *
     * @throws MetricInputException if a group is empty
     */
    public static MiaEfficacy trainAsEvaluated(LabelledProbabilities retain, LabelledProbabilities test,
            Options options) {
        double[] retainConf = retain.trueClassConfidence();
        double[] testConf = test.trueClassConfidence();
        double[] members = Arrays.copyOf(retainConf, Math.min(retainConf.length, testConf.length));
        return train(members, testConf, options);
    }

    /** Whether the classifier calls a sample with this true-class confidence a member. */
    public boolean isMember(double confidence) {
        return svm.svm_predict(model, node(confidence)) > 0.5;
    }

    /** Share of the confidences called non-member; NaN for an empty array. */
    public double nonMemberRate(double[] confidences) {
        if (confidences.length == 0) {
            return Double.NaN;
        }
        int nonMembers = 0;
        for (double c : confidences) {
            if (!isMember(c)) {
                nonMembers++;
            }
        }
        return (double) nonMembers / confidences.length;
    }

    /** Number of support vectors of the trained classifier. */
    public int supportVectors() {
        return model.l;
    }

    /** Members actually used for training (after the cap). */
    public int trainingMembers() {
        return trainingMembers;
    }

    /** Non-members actually used for training (after the cap). */
    public int trainingNonMembers() {
        return trainingNonMembers;
    }

    private static svm_node[] node(double value) {
        svm_node n = new svm_node();
        n.index = 1;
        n.value = value;
        return new svm_node[] {n};
    }

    /** The values themselves if few enough, else a seeded sample without replacement. */
    private static double[] cap(double[] values, int max, SplittableRandom random) {
        if (values.length <= max) {
            return values.clone();
        }
        int[] order = new int[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = 0; i < max; i++) { // partial Fisher-Yates: the first max slots are the sample
            int j = i + random.nextInt(order.length - i);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        double[] out = new double[max];
        for (int i = 0; i < max; i++) {
            out[i] = values[order[i]];
        }
        return out;
    }

    private static void requireConfidences(String what, double[] values) {
        Objects.requireNonNull(values, what);
        if (values.length == 0) {
            throw new MetricInputException("MIA-efficacy: no " + what + ", expected at least one");
        }
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] >= 0 && values[i] <= 1)) {
                throw new MetricInputException("MIA-efficacy: " + what + " " + i + " is " + values[i]
                        + ", expected a probability in [0, 1]");
            }
        }
    }
}
