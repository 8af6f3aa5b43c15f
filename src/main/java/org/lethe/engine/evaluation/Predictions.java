package org.lethe.engine.evaluation;

import java.util.Objects;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.Features;
import org.lethe.engine.model.Network;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A network's outputs on every sample of an {@link IndexView}, computed in chunks and kept in
 * plain Java arrays (immutable; accessors return copies). Everything derived from the logits is
 * computed in double precision with the log-sum-exp trick, so losses and logit-scaled confidences
 * stay finite even for saturated softmax outputs.
 *
 * <p>Per sample i with logits z, true label y and {@code lse = log sum_k exp(z_k)}:
 * <ul>
 *   <li>probabilities {@code p_k = exp(z_k - lse)};</li>
 *   <li>{@link #predicted} = argmax_k z_k (lowest index on ties);</li>
 *   <li>{@link #loss} = cross-entropy {@code lse - z_y = -log p_y};</li>
 *   <li>{@link #trueClassProbability} = {@code p_y}, in [0, 1];</li>
 *   <li>{@link #maxProbability} = {@code max_k p_k};</li>
 *   <li>{@link #entropy} = {@code -sum_k p_k log p_k} (nats);</li>
 *   <li>{@link #logitConfidence} = {@code log p_y - log(1 - p_y) = z_y - log sum_{k≠y} exp(z_k)}
 *       (the "logit-scaled confidence" of LiRA-style membership inference).</li>
 * </ul>
 */
public final class Predictions {

    /** Default number of samples per forward pass. */
    public static final int DEFAULT_CHUNK = 512;

    private final String tag;
    private final int[] indices;
    private final int[] labels;
    private final int numClasses;
    private final float[] probabilities;
    private final int[] predicted;
    private final double[] loss;
    private final double[] trueClassProbability;
    private final int nonFiniteRows;
    private final double[] maxProbability;
    private final double[] entropy;
    private final double[] logitConfidence;

    private Predictions(String tag, int[] indices, int[] labels, int numClasses, float[] probabilities,
                        int[] predicted, double[] loss, double[] trueClassProbability, double[] maxProbability,
                        double[] entropy, double[] logitConfidence, int nonFiniteRows) {
        this.tag = tag;
        this.nonFiniteRows = nonFiniteRows;
        this.indices = indices;
        this.labels = labels;
        this.numClasses = numClasses;
        this.probabilities = probabilities;
        this.predicted = predicted;
        this.loss = loss;
        this.trueClassProbability = trueClassProbability;
        this.maxProbability = maxProbability;
        this.entropy = entropy;
        this.logitConfidence = logitConfidence;
    }

    /** Runs {@code network} over {@code view} in chunks of {@link #DEFAULT_CHUNK}. */
    public static Predictions compute(Network network, IndexView view) {
        return compute(network, view, DEFAULT_CHUNK, JobContext.detached());
    }

    /**
     * Runs {@code network} over {@code view} in chunks of {@code chunk} samples, reporting progress
     * and checking for cancellation between chunks.
     */
    public static Predictions compute(Network network, IndexView view, int chunk, JobContext ctx) {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(view, "view");
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be >= 1, was " + chunk);
        }
        if (!view.split().shape().equals(network.spec().input())) {
            throw new IllegalArgumentException("images of shape " + view.split().shape() + " for a network expecting "
                    + network.spec().input());
        }
        int n = view.size();
        int c = network.spec().numClasses();
        int[] idx = view.toArray();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = view.label(i);
            if (labels[i] >= c) {
                throw new IllegalArgumentException("sample " + idx[i] + " of " + view + " has label " + labels[i]
                        + " but the network has " + c + " classes");
            }
        }
        float[] probs = new float[n * c];
        int[] pred = new int[n];
        double[] loss = new double[n];
        double[] pTrue = new double[n];
        double[] pMax = new double[n];
        double[] ent = new double[n];
        double[] conf = new double[n];
        float[] buffer = new float[Math.min(chunk, Math.max(n, 1)) * view.split().shape().pixelsPerImage()];
        double[] z = new double[c];
        int nonFinite = 0;
        for (int from = 0; from < n; from += chunk) {
            ctx.checkCancelled();
            int to = Math.min(n, from + chunk);
            INDArray logits = network.logits(Features.of(view.split(), idx, from, to, buffer)).castTo(DataType.DOUBLE);
            double[] flat = logits.reshape(logits.length()).toDoubleVector();
            for (int r = 0; r < to - from; r++) {
                int i = from + r;
                System.arraycopy(flat, r * c, z, 0, c);
                if (!allFinite(z)) {
                    // a diverged network tells nothing about this sample: score it as a uniform guess
                    java.util.Arrays.fill(z, 0);
                    nonFinite++;
                }
                int y = labels[i];
                int arg = 0;
                for (int k = 1; k < c; k++) {
                    if (z[k] > z[arg]) {
                        arg = k;
                    }
                }
                double max = z[arg];
                double sum = 0;
                double otherMax = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < c; k++) {
                    sum += Math.exp(z[k] - max);
                    if (k != y && z[k] > otherMax) {
                        otherMax = z[k];
                    }
                }
                double lse = max + Math.log(sum);
                double otherSum = 0;
                double h = 0;
                for (int k = 0; k < c; k++) {
                    double logp = z[k] - lse;
                    double p = Math.exp(logp);
                    probs[i * c + k] = (float) p;
                    h -= p == 0 ? 0 : p * logp;
                    if (k != y) {
                        otherSum += Math.exp(z[k] - otherMax);
                    }
                }
                pred[i] = arg;
                loss[i] = lse - z[y];
                pTrue[i] = Math.exp(z[y] - lse);
                pMax[i] = Math.exp(max - lse);
                ent[i] = Math.max(0, h);
                conf[i] = z[y] - (otherMax + Math.log(otherSum));
            }
            ctx.progress((double) to / n, "evaluating " + view.tag() + ": " + to + "/" + n);
        }
        return new Predictions(view.tag(), idx, labels, c, probs, pred, loss, pTrue, pMax, ent, conf, nonFinite);
    }

    private static boolean allFinite(double[] values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Rows whose logits were not finite numbers (a diverged network); they are scored as uniform
     * guesses so that metrics stay defined.
     */
    public int nonFiniteRows() {
        return nonFiniteRows;
    }

    /** The evaluated view's tag. */
    public String tag() {
        return tag;
    }

    /** Number of samples. */
    public int size() {
        return indices.length;
    }

    /** Number of classes. */
    public int numClasses() {
        return numClasses;
    }

    /** Split indices of the samples, in view order. */
    public int[] indices() {
        return indices.clone();
    }

    /** True labels. */
    public int[] labels() {
        return labels.clone();
    }

    /** All probabilities, row-major {@code [size, numClasses]}. */
    public float[] probabilities() {
        return probabilities.clone();
    }

    /** Probability of class {@code k} for sample {@code i}. */
    public float probability(int i, int k) {
        return probabilities[i * numClasses + k];
    }

    /** Predicted labels (argmax). */
    public int[] predicted() {
        return predicted.clone();
    }

    /** Per-sample cross-entropy. */
    public double[] loss() {
        return loss.clone();
    }

    /** Per-sample probability of the true class. */
    public double[] trueClassProbability() {
        return trueClassProbability.clone();
    }

    /** Per-sample largest probability. */
    public double[] maxProbability() {
        return maxProbability.clone();
    }

    /** Per-sample entropy of the predicted distribution (nats). */
    public double[] entropy() {
        return entropy.clone();
    }

    /** Per-sample logit-scaled confidence {@code log p_y - log(1 - p_y)}. */
    public double[] logitConfidence() {
        return logitConfidence.clone();
    }

    /** Mean per-sample cross-entropy (NaN when empty). */
    public double meanLoss() {
        double s = 0;
        for (double v : loss) {
            s += v;
        }
        return loss.length == 0 ? Double.NaN : s / loss.length;
    }

    /** Fraction of samples whose prediction equals the label (NaN when empty). */
    public double accuracy() {
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            if (predicted[i] == labels[i]) {
                correct++;
            }
        }
        return labels.length == 0 ? Double.NaN : (double) correct / labels.length;
    }

    /** Accuracy per true class; NaN for classes without samples. */
    public double[] perClassAccuracy() {
        int[] total = new int[numClasses];
        int[] correct = new int[numClasses];
        for (int i = 0; i < labels.length; i++) {
            total[labels[i]]++;
            if (predicted[i] == labels[i]) {
                correct[labels[i]]++;
            }
        }
        double[] acc = new double[numClasses];
        for (int k = 0; k < numClasses; k++) {
            acc[k] = total[k] == 0 ? Double.NaN : (double) correct[k] / total[k];
        }
        return acc;
    }

    /** Confusion matrix {@code [true][predicted]} of counts. */
    public int[][] confusionMatrix() {
        int[][] m = new int[numClasses][numClasses];
        for (int i = 0; i < labels.length; i++) {
            m[labels[i]][predicted[i]]++;
        }
        return m;
    }
}
