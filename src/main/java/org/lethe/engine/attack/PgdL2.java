package org.lethe.engine.attack;

import java.util.Objects;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.Features;
import org.lethe.engine.model.Network;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ℓ2 projected gradient ascent on the cross-entropy with a radius that doubles until the sample is
 * misclassified: the construction of AMUN's adversarial set (Ebrahimpour-Boroojeny et al., ICML 2025).
 *
 * <p>Per sample: start at the clean point (no random start) with radius {@code eps0} and step size
 * {@code eps/10}. Each step moves along the per-sample normalised input gradient
 * {@code g / (‖g‖₂ + 1e-10)}, shrinks the perturbation back onto the ℓ2 ball of the current radius and
 * clips the point to [0, 1]. After every step (and once before the first), samples the network now
 * misclassifies leave the attack with their current point, the network's prediction as their label and
 * the current radius. Samples still correct after {@code stepsPerLevel} steps go on from where they
 * are with the radius doubled, up to {@code maxLevels} radii; samples still correct then are reported
 * as unflipped. Samples misclassified from the start keep their clean point and predicted label.
 *
 * <p>Each sample's path depends only on itself (the gradient of its own loss): batching changes results
 * only through floating-point rounding, and a run with the same settings is bit-for-bit repeatable.
 */
public final class PgdL2 {

    private static final double GRADIENT_EPSILON = 1e-10;

    /**
     * How the attack runs.
     *
     * @param eps0 the first radius (ℓ2, pixel scale [0, 1]), &gt; 0
     * @param stepsPerLevel gradient steps per radius, ≥ 1
     * @param maxLevels radii tried ({@code eps0 · 2^k} for {@code k < maxLevels}), in [1, 30]
     * @param batchSize samples attacked together, ≥ 1
     */
    public record Settings(double eps0, int stepsPerLevel, int maxLevels, int batchSize) {

        public Settings {
            if (!(eps0 > 0) || Double.isInfinite(eps0)) {
                throw new IllegalArgumentException("eps0 must be a positive number, was " + eps0);
            }
            if (stepsPerLevel < 1 || stepsPerLevel > 100_000) {
                throw new IllegalArgumentException("stepsPerLevel must be in [1, 100000], was " + stepsPerLevel);
            }
            if (maxLevels < 1 || maxLevels > 30) {
                throw new IllegalArgumentException("maxLevels must be in [1, 30], was " + maxLevels);
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
            }
        }

        /** AMUN's reference setting: eps0 0.04, 50 steps per level, at most 10 radii, batches of 128. */
        public static Settings amun() {
            return new Settings(0.04, 50, 10, 128);
        }

        /** The radius of level {@code level}. */
        public double eps(int level) {
            return eps0 * Math.pow(2, level);
        }

        /** The same settings with another number of levels. */
        public Settings withMaxLevels(int levels) {
            return new Settings(eps0, stepsPerLevel, levels, batchSize);
        }
    }

    private final Network network;
    private final Settings settings;

    /**
     * An attack on {@code network} (read only, never changed).
     *
     * @param network the target
     * @param settings radius schedule, steps and batch size
     */
    public PgdL2(Network network, Settings settings) {
        this.network = Objects.requireNonNull(network, "network");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Attacks the images of a view with their true labels; {@link AdversarialSet#sources()} holds
     * their indices in the view's split.
     */
    public AdversarialSet attack(IndexView samples, JobContext ctx) {
        int n = samples.size();
        int d = samples.split().shape().pixelsPerImage();
        float[] x = new float[n * d];
        int[] y = new int[n];
        int[] sources = samples.toArray();
        for (int i = 0; i < n; i++) {
            samples.split().copyImageScaled(sources[i], x, i * d);
            y[i] = samples.label(i);
        }
        return attack(x, y, sources, d, ctx);
    }

    /**
     * Attacks samples given as feature rows.
     *
     * @param features {@code labels.length * dimension} values in [0, 1], row-major
     * @param labels the true label of each row
     * @param sources an id per row, copied into the result
     * @param dimension floats per row
     */
    public AdversarialSet attack(float[] features, int[] labels, int[] sources, int dimension, JobContext ctx) {
        int n = labels.length;
        if ((long) n * dimension != features.length || sources.length != n) {
            throw new IllegalArgumentException(features.length + " feature values, " + labels.length + " labels and "
                    + sources.length + " sources do not describe the same samples of dimension " + dimension);
        }
        float[] adv = features.clone();
        int[] advLabel = new int[n];
        int[] level = new int[n];
        int[] steps = new int[n];
        double[] eps = new double[n];
        boolean[] flipped = new boolean[n];
        for (int from = 0; from < n; from += settings.batchSize()) {
            ctx.checkCancelled();
            int to = Math.min(n, from + settings.batchSize());
            attackBatch(features, labels, dimension, from, to, adv, advLabel, level, steps, eps, flipped, ctx);
            ctx.progress((double) to / n, "adversarial examples " + to + "/" + n);
        }
        int kept = 0;
        for (boolean f : flipped) {
            kept += f ? 1 : 0;
        }
        float[] outX = new float[kept * dimension];
        int[] outY = new int[kept];
        int[] outTrue = new int[kept];
        int[] outSrc = new int[kept];
        double[] outEps = new double[kept];
        double[] outDist = new double[kept];
        int[] outLevel = new int[kept];
        int[] outSteps = new int[kept];
        int[] unflipped = new int[n - kept];
        int k = 0;
        int u = 0;
        for (int i = 0; i < n; i++) {
            if (!flipped[i]) {
                unflipped[u++] = sources[i];
                continue;
            }
            System.arraycopy(adv, i * dimension, outX, k * dimension, dimension);
            outY[k] = advLabel[i];
            outTrue[k] = labels[i];
            outSrc[k] = sources[i];
            outEps[k] = eps[i];
            outDist[k] = distance(adv, features, i * dimension, dimension);
            outLevel[k] = level[i];
            outSteps[k] = steps[i];
            k++;
        }
        return new AdversarialSet(dimension, outX, outY, outTrue, outSrc, outEps, outDist, outLevel, outSteps,
                unflipped, settings.eps0(), settings.stepsPerLevel(), settings.maxLevels());
    }

    /** Runs the whole radius schedule for samples {@code [from, to)}, writing into the per-sample arrays. */
    private void attackBatch(float[] clean, int[] labels, int d, int from, int to, float[] adv, int[] advLabel,
            int[] level, int[] steps, double[] eps, boolean[] flipped, JobContext ctx) {
        int[] active = new int[to - from];
        for (int i = from; i < to; i++) {
            active[i - from] = i;
        }
        int count = removeFlipped(active, active.length, adv, labels, d, advLabel, level, eps, flipped, 0);
        for (int lv = 0; lv < settings.maxLevels() && count > 0; lv++) {
            double radius = settings.eps(lv);
            double alpha = radius / 10;
            for (int s = 0; s < settings.stepsPerLevel() && count > 0; s++) {
                ctx.checkCancelled();
                int[] ys = new int[count];
                for (int j = 0; j < count; j++) {
                    ys[j] = labels[active[j]];
                }
                float[] g = flatten(network.inputGradient(gather(adv, active, count, d), ys), count, d);
                for (int j = 0; j < count; j++) {
                    int i = active[j];
                    step(clean, adv, g, i * d, j * d, d, alpha, radius);
                    steps[i]++;
                }
                count = removeFlipped(active, count, adv, labels, d, advLabel, level, eps, flipped, lv);
            }
        }
    }

    /** One projected step for the sample at {@code off} using its gradient row at {@code goff}. */
    private static void step(float[] clean, float[] adv, float[] g, int off, int goff, int d, double alpha,
            double radius) {
        double gn = 0;
        for (int k = 0; k < d; k++) {
            gn += (double) g[goff + k] * g[goff + k];
        }
        double scale = alpha / (Math.sqrt(gn) + GRADIENT_EPSILON);
        double dn = 0;
        double[] delta = new double[d];
        for (int k = 0; k < d; k++) {
            double moved = adv[off + k] + scale * g[goff + k];
            delta[k] = moved - clean[off + k];
            dn += delta[k] * delta[k];
        }
        dn = Math.sqrt(dn);
        double shrink = dn > radius ? radius / dn : 1;
        for (int k = 0; k < d; k++) {
            double v = clean[off + k] + delta[k] * shrink;
            adv[off + k] = (float) Math.min(1, Math.max(0, v));
        }
    }

    /**
     * Drops the active samples the network misclassifies at their current point, recording their
     * label, level and radius; returns the new number of active samples (kept in order).
     */
    private int removeFlipped(int[] active, int count, float[] adv, int[] labels, int d, int[] advLabel, int[] level,
            double[] eps, boolean[] flipped, int lv) {
        if (count == 0) {
            return 0;
        }
        int[] pred = argmax(network.logits(gather(adv, active, count, d)), count);
        int kept = 0;
        for (int j = 0; j < count; j++) {
            int i = active[j];
            if (pred[j] != labels[i]) {
                flipped[i] = true;
                advLabel[i] = pred[j];
                level[i] = lv;
                eps[i] = settings.eps(lv);
            } else {
                active[kept++] = i;
            }
        }
        return kept;
    }

    private static INDArray gather(float[] x, int[] rows, int count, int d) {
        float[] data = new float[count * d];
        for (int j = 0; j < count; j++) {
            System.arraycopy(x, rows[j] * d, data, j * d, d);
        }
        return Nd4j.create(data, new long[] {count, d}, 'c');
    }

    private static float[] flatten(INDArray a, int rows, int d) {
        return a.castTo(DataType.FLOAT).reshape('c', new long[] {(long) rows * d}).toFloatVector();
    }

    private static int[] argmax(INDArray logits, int rows) {
        double[][] z = logits.castTo(DataType.DOUBLE).reshape(rows, -1).toDoubleMatrix();
        int[] out = new int[rows];
        for (int j = 0; j < rows; j++) {
            int best = 0;
            for (int c = 1; c < z[j].length; c++) {
                if (z[j][c] > z[j][best]) {
                    best = c;
                }
            }
            out[j] = best;
        }
        return out;
    }

    private static double distance(float[] a, float[] b, int off, int d) {
        double s = 0;
        for (int k = 0; k < d; k++) {
            double v = (double) a[off + k] - b[off + k];
            s += v * v;
        }
        return Math.sqrt(s);
    }
}
