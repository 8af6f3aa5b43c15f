package org.lethe.engine.attack;

import java.util.Objects;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.InputGradient;
import org.lethe.engine.model.Network;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A cheap stand-in for {@link PgdL2} with the same contract: every point it returns is misclassified
 * by the network and labelled with the network's prediction there, and its recorded radius is the
 * smallest on the doubling schedule {@code eps0 · 2^k} at which the attack flips the sample.
 *
 * <p>Per sample: one forward and backward pass at the clean point gives the prediction (a sample
 * already misclassified keeps its clean point and predicted label, level 0, as in {@link PgdL2}) and
 * the input gradient g of its cross-entropy. The candidate at level k is the clean point moved by the
 * full radius along {@code g / ‖g‖₂} and clipped to [0, 1] (the fast gradient method in ℓ2, restarted
 * from the clean point at every radius). Candidates are tested in order of radius with forward passes
 * only, and the first that the network misclassifies decides the level; samples no radius flips are
 * reported as unflipped. So the attack costs one gradient evaluation per sample and one forward pass
 * per radius tried, against {@code stepsPerLevel} gradient evaluations per radius for {@link PgdL2}.
 *
 * <p>With {@code refineSteps > 0} the flipped point is then pulled back towards the clean sample by
 * bisection along the same direction between the last radius that did not flip and the one that did
 * (one forward pass per halving), keeping the closest point found that is still misclassified (and
 * its prediction as the label). The recorded radius stays the level's: the point lies inside it.
 *
 * <p>Samples are tested through a pool of {@code batchSize} slots, one radius per slot and pass, so
 * the batches stay full; each sample's points depend only on its own gradient, so batching changes
 * results only by floating-point rounding, and a rerun with the same settings is bit-for-bit equal.
 */
public final class FgmL2 {

    private static final double GRADIENT_EPSILON = 1e-10;

    /**
     * How the attack runs.
     *
     * @param eps0 the first radius (ℓ2, pixel scale [0, 1]), &gt; 0
     * @param maxLevels radii tried ({@code eps0 · 2^k} for {@code k < maxLevels}), in [1, 30]
     * @param batchSize samples evaluated together, ≥ 1
     * @param refineSteps bisection halvings after the flipping radius is found, in [0, 30]
     */
    public record Settings(double eps0, int maxLevels, int batchSize, int refineSteps) {

        public Settings {
            RadiusSchedule.check(eps0, maxLevels, batchSize);
            if (refineSteps < 0 || refineSteps > 30) {
                throw new IllegalArgumentException("refineSteps must be in [0, 30], was " + refineSteps);
            }
        }

        /** AMUN's radius schedule (eps0 0.04, at most 10 radii), batches of 128, no refinement. */
        public static Settings amun() {
            return new Settings(0.04, 10, 128, 0);
        }

        /** The radius of level {@code level}. */
        public double eps(int level) {
            return RadiusSchedule.eps(eps0, level);
        }

        /** The same settings with another number of levels. */
        public Settings withMaxLevels(int levels) {
            return new Settings(eps0, levels, batchSize, refineSteps);
        }
    }

    private final Network network;
    private final Settings settings;

    /**
     * An attack on {@code network} (read only, never changed).
     *
     * @param network the target
     * @param settings radius schedule, batch size and refinement
     */
    public FgmL2(Network network, Settings settings) {
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
        AttackRows.check(features, labels, sources, dimension);
        Search s = new Search(features, labels, dimension, ctx);
        s.gradients();
        s.levels();
        s.refine();
        return s.result(sources);
    }

    /** The state of one attack run. */
    private final class Search {
        private final float[] clean;
        private final int[] labels;
        private final int d;
        private final int n;
        private final JobContext ctx;
        private final float[] direction;
        private final float[] adv;
        private final int[] advLabel;
        private final int[] level;
        private final int[] steps;
        /** 0 waiting, 1 flipped, 2 given up (no radius flips it or no gradient). */
        private final byte[] state;
        private final double[] lo;
        private final double[] hi;
        private long gradientRows;
        private long forwardRows;

        Search(float[] clean, int[] labels, int d, JobContext ctx) {
            this.clean = clean;
            this.labels = labels;
            this.d = d;
            this.n = labels.length;
            this.ctx = ctx;
            direction = new float[n * d];
            adv = clean.clone();
            advLabel = new int[n];
            level = new int[n];
            steps = new int[n];
            state = new byte[n];
            lo = new double[n];
            hi = new double[n];
        }

        /** One gradient pass at every clean point: samples already wrong leave, the rest get a direction. */
        void gradients() {
            int b = settings.batchSize();
            for (int start = 0; start < n; start += b) {
                ctx.checkCancelled();
                int rows = Math.min(b, n - start);
                float[] batch = new float[rows * d];
                System.arraycopy(clean, start * d, batch, 0, rows * d);
                int[] ys = new int[rows];
                System.arraycopy(labels, start, ys, 0, rows);
                InputGradient r = network.inputGradientWithLogits(Nd4j.create(batch, new long[] {rows, d}, 'c'), ys);
                gradientRows += rows;
                int[] pred = AttackRows.argmax(r.logits(), rows);
                float[] g = r.gradient().castTo(DataType.FLOAT).reshape('c', new long[] {(long) rows * d})
                        .toFloatVector();
                for (int j = 0; j < rows; j++) {
                    int i = start + j;
                    if (pred[j] != labels[i]) {
                        state[i] = 1;
                        advLabel[i] = pred[j];
                        continue;
                    }
                    steps[i] = 1;
                    double norm = 0;
                    for (int k = 0; k < d; k++) {
                        norm += (double) g[j * d + k] * g[j * d + k];
                    }
                    norm = Math.sqrt(norm);
                    if (norm == 0) {
                        state[i] = 2;
                        continue;
                    }
                    double scale = 1 / (norm + GRADIENT_EPSILON);
                    for (int k = 0; k < d; k++) {
                        direction[i * d + k] = (float) (g[j * d + k] * scale);
                    }
                }
                ctx.progress(0.3 * (start + rows) / n, "adversarial examples: gradients " + (start + rows) + "/" + n);
            }
        }

        /** Tests each waiting sample's radii in order, one per pass, until one flips or none is left. */
        void levels() {
            int width = settings.batchSize();
            int[] slot = new int[width];
            int active = 0;
            int next = 0;
            int done = 0;
            float[] batch = new float[width * d];
            while (true) {
                while (active < width && next < n) {
                    if (state[next] == 0) {
                        slot[active++] = next;
                    } else {
                        done++;
                    }
                    next++;
                }
                if (active == 0) {
                    break;
                }
                ctx.checkCancelled();
                for (int j = 0; j < active; j++) {
                    candidate(slot[j], settings.eps(level[slot[j]]), batch, j * d);
                }
                int[] pred = predict(batch, active);
                int kept = 0;
                for (int j = 0; j < active; j++) {
                    int i = slot[j];
                    if (pred[j] != labels[i]) {
                        state[i] = 1;
                        advLabel[i] = pred[j];
                        System.arraycopy(batch, j * d, adv, i * d, d);
                        hi[i] = settings.eps(level[i]);
                        lo[i] = level[i] == 0 ? 0 : settings.eps(level[i] - 1);
                        done++;
                    } else if (level[i] + 1 == settings.maxLevels()) {
                        state[i] = 2;
                        done++;
                    } else {
                        level[i]++;
                        slot[kept++] = i;
                    }
                }
                active = kept;
                ctx.progress(0.3 + 0.6 * done / n, "adversarial examples " + done + "/" + n);
            }
        }

        /** Bisection between the last radius that did not flip and the one that did. */
        void refine() {
            if (settings.refineSteps() == 0) {
                return;
            }
            int count = 0;
            for (int i = 0; i < n; i++) {
                count += state[i] == 1 && steps[i] == 1 ? 1 : 0;
            }
            int[] todo = new int[count];
            int t = 0;
            for (int i = 0; i < n; i++) {
                if (state[i] == 1 && steps[i] == 1) {
                    todo[t++] = i;
                }
            }
            int b = settings.batchSize();
            float[] batch = new float[Math.min(b, Math.max(1, count)) * d];
            for (int round = 0; round < settings.refineSteps(); round++) {
                for (int start = 0; start < count; start += b) {
                    ctx.checkCancelled();
                    int rows = Math.min(b, count - start);
                    double[] mid = new double[rows];
                    for (int j = 0; j < rows; j++) {
                        int i = todo[start + j];
                        mid[j] = (lo[i] + hi[i]) / 2;
                        candidate(i, mid[j], batch, j * d);
                    }
                    int[] pred = predict(batch, rows);
                    for (int j = 0; j < rows; j++) {
                        int i = todo[start + j];
                        if (pred[j] != labels[i]) {
                            hi[i] = mid[j];
                            advLabel[i] = pred[j];
                            System.arraycopy(batch, j * d, adv, i * d, d);
                        } else {
                            lo[i] = mid[j];
                        }
                    }
                }
                ctx.progress(0.9 + 0.1 * (round + 1) / settings.refineSteps(), "adversarial examples: refining");
            }
        }

        /** Writes {@code clip(x_i + radius · u_i)} at {@code off} of {@code target}. */
        private void candidate(int i, double radius, float[] target, int off) {
            for (int k = 0; k < d; k++) {
                double v = clean[i * d + k] + radius * direction[i * d + k];
                target[off + k] = (float) Math.min(1, Math.max(0, v));
            }
        }

        private int[] predict(float[] batch, int rows) {
            float[] used = batch.length == rows * d ? batch : java.util.Arrays.copyOf(batch, rows * d);
            forwardRows += rows;
            return AttackRows.argmax(network.logits(Nd4j.create(used, new long[] {rows, d}, 'c')), rows);
        }

        AdversarialSet result(int[] sources) {
            boolean[] flipped = new boolean[n];
            double[] eps = new double[n];
            for (int i = 0; i < n; i++) {
                flipped[i] = state[i] == 1;
                eps[i] = settings.eps(level[i]);
            }
            return new AttackRows(clean, labels, sources, d).collect(
                    new AttackRows.Outcome(adv, flipped, advLabel, eps, level, steps), settings.eps0(), 1,
                    settings.maxLevels(), gradientRows, forwardRows);
        }
    }


}
