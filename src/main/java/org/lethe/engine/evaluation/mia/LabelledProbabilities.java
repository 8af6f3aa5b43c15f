package org.lethe.engine.evaluation.mia;

import java.util.Objects;
import org.lethe.engine.evaluation.metric.MetricInputException;
import org.lethe.engine.evaluation.metric.ProbabilityRows;

/**
 * One group of samples as a model sees it: its probability rows and the true labels, e.g. the
 * forget set under the unlearned model. The labels are copied.
 */
public final class LabelledProbabilities {

    private final String name;
    private final ProbabilityRows probabilities;
    private final int[] labels;

    /**
     * Pairs rows with labels.
     *
     * @param name what the group is, for error messages ("forget set")
     * @throws MetricInputException if the counts differ or a label is outside the classes
     */
    public LabelledProbabilities(String name, ProbabilityRows probabilities, int[] labels) {
        this.name = Objects.requireNonNull(name, "name");
        this.probabilities = Objects.requireNonNull(probabilities, "probabilities");
        Objects.requireNonNull(labels, "labels");
        if (labels.length != probabilities.rows()) {
            throw new MetricInputException(name + ": " + labels.length + " labels for "
                    + probabilities.rows() + " probability rows, expected one label per row");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= probabilities.numClasses()) {
                throw new MetricInputException(name + ": label of sample " + i + " is " + labels[i]
                        + ", expected a class in [0, " + (probabilities.numClasses() - 1) + "]");
            }
        }
        this.labels = labels.clone();
    }

    /**
     * Builds the group from a flat {@code n × numClasses} probability array and n labels.
     *
     * @throws MetricInputException if the shape, a probability or a label is invalid
     */
    public static LabelledProbabilities of(String name, float[] flatProbabilities, int numClasses,
            int[] labels) {
        return new LabelledProbabilities(name,
                ProbabilityRows.of(name, flatProbabilities, numClasses), labels);
    }

    /** What the group is. */
    public String name() {
        return name;
    }

    /** The probability rows. */
    public ProbabilityRows probabilities() {
        return probabilities;
    }

    /** Number of samples. */
    public int size() {
        return labels.length;
    }

    /** Number of classes. */
    public int numClasses() {
        return probabilities.numClasses();
    }

    /** True label of sample {@code i}. */
    public int label(int i) {
        return labels[i];
    }

    /** Probability of the true class, p_y, for every sample. */
    public double[] trueClassConfidence() {
        double[] out = new double[labels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = probabilities.get(i, labels[i]);
        }
        return out;
    }

    /** Accuracy of the predictions (argmax = label) as a fraction; NaN for an empty group. */
    public double accuracy() {
        if (labels.length == 0) {
            return Double.NaN;
        }
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            if (probabilities.argmax(i) == labels[i]) {
                correct++;
            }
        }
        return (double) correct / labels.length;
    }
}
