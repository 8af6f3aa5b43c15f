package org.lethe.engine.attack;

import java.util.Objects;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.InputGradient;
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
 * <p>Samples are attacked through a pool of {@code batchSize} slots, each with its own radius level and
 * step count; a slot whose sample leaves takes the next waiting one, so batches stay full. Each step is
 * one network call ({@link Network#inputGradientWithLogits}): its logits decide which samples flipped,
 * its gradient moves the others. Each sample's path depends only on itself (the gradient of its own
 * loss): batching changes results only through floating-point rounding, and a run with the same
 * settings is bit-for-bit repeatable.
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
            RadiusSchedule.check(eps0, maxLevels, batchSize);
            if (stepsPerLevel < 1 || stepsPerLevel > 100_000) {
                throw new IllegalArgumentException("stepsPerLevel must be in [1, 100000], was " + stepsPerLevel);
            }
        }

        /** AMUN's reference setting: eps0 0.04, 50 steps per level, at most 10 radii, batches of 128. */
        public static Settings amun() {
            return new Settings(0.04, 50, 10, 128);
        }

        /** The radius of level {@code level}. */
        public double eps(int level) {
            return RadiusSchedule.eps(eps0, level);
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
        AttackRows rows = AttackRows.of(samples);
        return attack(rows.features(), rows.labels(), rows.sources(), rows.dimension(), ctx);
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
        AttackRows.check(features, labels, sources, dimension);
        float[] adv = features.clone();
        int[] advLabel = new int[n];
        int[] level = new int[n];
        int[] steps = new int[n];
        boolean[] flipped = new boolean[n];
        run(features, labels, dimension, adv, advLabel, level, steps, flipped, ctx);
        double[] eps = new double[n];
        long gradientRows = 0;
        for (int i = 0; i < n; i++) {
            eps[i] = settings.eps(level[i]);
            gradientRows += flipped[i] ? steps[i] : (long) settings.stepsPerLevel() * settings.maxLevels();
        }
        return new AttackRows(features, labels, sources, dimension).collect(
                new AttackRows.Outcome(adv, flipped, advLabel, eps, level, steps), settings.eps0(),
                settings.stepsPerLevel(), settings.maxLevels(), gradientRows, 0);
    }

    /**
     * Runs the radius schedule for all samples through one pool of {@code batchSize} slots. Every
     * network call returns the logits and the input gradient at the slots' current points: a sample
     * the network now misclassifies leaves with that prediction and the level of the step that brought
     * it there (level 0 for a clean point already misclassified); the others take their next step with
     * their own level's radius, moving to the next level after {@code stepsPerLevel} steps and leaving
     * unflipped after the last. A slot that empties takes the next waiting sample, so the batches stay
     * full until the queue runs out. A sample's path depends only on its own gradients, so the pool
     * visits exactly the points a sample-by-sample run would.
     */
    private void run(float[] clean, int[] labels, int d, float[] adv, int[] advLabel, int[] level, int[] steps,
            boolean[] flipped, JobContext ctx) {
        int n = labels.length;
        int width = Math.min(settings.batchSize(), n);
        int[] slot = new int[width];
        int[] inLevel = new int[n];
        int active = 0;
        int next = 0;
        int finished = 0;
        int reported = 0;
        float[] batch = null;
        int[] ys = null;
        while (true) {
            while (active < width && next < n) {
                slot[active++] = next++;
            }
            if (active == 0) {
                break;
            }
            ctx.checkCancelled();
            if (batch == null || ys.length != active) {
                batch = new float[active * d];
                ys = new int[active];
            }
            for (int j = 0; j < active; j++) {
                System.arraycopy(adv, slot[j] * d, batch, j * d, d);
                ys[j] = labels[slot[j]];
            }
            InputGradient r = network.inputGradientWithLogits(Nd4j.create(batch, new long[] {active, d}, 'c'), ys);
            int[] pred = AttackRows.argmax(r.logits(), active);
            float[] g = flatten(r.gradient(), active, d);
            int kept = 0;
            for (int j = 0; j < active; j++) {
                int i = slot[j];
                if (pred[j] != labels[i]) {
                    flipped[i] = true;
                    advLabel[i] = pred[j];
                    finished++;
                    continue;
                }
                if (inLevel[i] == settings.stepsPerLevel()) {
                    if (level[i] + 1 == settings.maxLevels()) {
                        finished++;
                        continue;
                    }
                    level[i]++;
                    inLevel[i] = 0;
                }
                double radius = settings.eps(level[i]);
                step(clean, adv, g, i * d, j * d, d, radius / 10, radius);
                inLevel[i]++;
                steps[i]++;
                slot[kept++] = i;
            }
            active = kept;
            if (finished - reported >= Math.max(1, n / 100) || finished == n) {
                reported = finished;
                ctx.progress((double) finished / n, "adversarial examples " + finished + "/" + n);
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
        for (int k = 0; k < d; k++) {
            double delta = adv[off + k] + scale * g[goff + k] - clean[off + k];
            dn += delta * delta;
        }
        dn = Math.sqrt(dn);
        double shrink = dn > radius ? radius / dn : 1;
        for (int k = 0; k < d; k++) {
            double delta = adv[off + k] + scale * g[goff + k] - clean[off + k];
            double v = clean[off + k] + delta * shrink;
            adv[off + k] = (float) Math.min(1, Math.max(0, v));
        }
    }

    private static float[] flatten(INDArray a, int rows, int d) {
        return a.castTo(DataType.FLOAT).reshape('c', new long[] {(long) rows * d}).toFloatVector();
    }


}
