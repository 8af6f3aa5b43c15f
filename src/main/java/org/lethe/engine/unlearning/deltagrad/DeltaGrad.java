package org.lethe.engine.unlearning.deltagrad;

import java.util.Locale;
import java.util.Objects;
import org.lethe.engine.job.JobContext;

/**
 * Serves deletion and addition requests against a {@link TrainingCache} with DeltaGrad (Wu,
 * Dobriban and Davidson, ICML 2020), following the reference code's {@code model_update_deltagrad}
 * and {@code model_update_delta_grad_add}.
 *
 * <p>Let {@code B} be iteration {@code t}'s cached batch ({@code b} samples), {@code R ⊆ B} the
 * deleted samples in it ({@code r}), {@code A} the added ones ({@code a}), {@code n = b − r + a},
 * {@code w_t, g_t} the cached parameters and gradient and {@code w} the new trajectory. Iterations
 * before the first changed batch are identical to the cache and are not recomputed. From there on,
 * counting {@code k} from that iteration:
 * <ul>
 *   <li><b>exact</b> when {@code k < j0} or {@code (k − j0) mod T0 = 0}: the gradients of
 *       {@code B∖R}, {@code R} and {@code A} at {@code w} are computed; the step uses
 *       {@code g = ((b−r)·g_{B∖R} + a·g_A)/n}; the pair {@code s = w − w_t},
 *       {@code y = ∇F_B(w) − g_t + λs} is kept (the last {@code m}; pairs with {@code s = 0} carry
 *       nothing and are skipped);</li>
 *   <li><b>approximate</b> otherwise: {@code ĝ_B = B_t(w − w_t) + g_t + λw_t} estimates the
 *       regularised gradient of the whole cached batch (L-BFGS, see {@link CurvaturePairs}); the
 *       step uses {@code (b·ĝ_B − r·(g_R + λw) + a·(g_A + λw))/n}, with exact gradients only for
 *       the {@code r + a} deleted and added samples;</li>
 *   <li>an iteration whose new batch is empty makes no step.</li>
 * </ul>
 * The parameter update is {@code w ← w − η_t(g + λw)} throughout. The gradients of the few deleted
 * and added samples are computed directly from the dense layers ({@link DenseGradient}) rather than
 * through the network's graph, whose fixed cost per call would otherwise rival a whole batch's.
 *
 * <p>Deliberate differences from the reference code, none of which changes anything for the
 * logistic regressions it was published with: the burn-in and period count from the first changed
 * iteration instead of iteration 0 (before it the trajectories coincide, so the reference's pairs
 * there are zero and make {@code M} singular); the added samples' L2 term uses the new parameters
 * {@code w} (the reference's addition code uses the cached {@code w_t} there, its deletion code
 * {@code w}); pairs with {@code sᵀy ≤ 0} are not kept (the reference computes a curvature check and
 * ignores it), so that {@code B_t} stays positive definite; and an approximate step that would
 * overshoot along {@code v = w − w_t} ({@code η(vᵀB_tv/vᵀv + λ) ≥ 1}) is taken exactly. Without
 * the last guard an MLP trained with learning rate 0.5 ran away to ‖w − w_retrain‖ ≈ 10⁴; for
 * logistic regression at learning rate 0.1 the quantity stays below 0.1. With {@code j0 ≥ T} every step is exact and a deletion reproduces
 * {@link SameOrderRetrain} bit for bit.
 *
 * <p>After the update the cache holds the new trajectory ({@code w}, and the gradient used for each
 * step), so the next request updates the updated model.
 */
public final class DeltaGrad {

    private final DeltaGradParams params;

    /** An updater with the given settings. */
    public DeltaGrad(DeltaGradParams params) {
        this.params = Objects.requireNonNull(params, "params");
    }

    /** The settings. */
    public DeltaGradParams params() {
        return params;
    }

    /**
     * Applies {@code plan} to its cache and returns the updated parameters; the cache then holds the
     * updated trajectory and training set (unless this throws, in which case it is unchanged).
     *
     * @throws DeltaGradException if the plan is stale or the new trajectory does not fit into memory
     */
    public DeltaGradUpdate apply(UpdatePlan plan, JobContext ctx) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(ctx, "ctx");
        plan.requireCurrent();
        long start = System.nanoTime();
        TrainingCache cache = plan.cache();
        int iterations = cache.iterations();
        int first = plan.firstAffectedIteration();
        int changed = iterations - first;
        checkMemory(changed, cache.numParams());
        double lambda = cache.weightDecay();
        BatchGradient grad = new BatchGradient(cache.spec(), cache.split());
        CurvaturePairs pairs = new CurvaturePairs(params.historySize(), params.minSigma());
        int p = cache.numParams();
        double[] w = cache.paramsRef(first).clone();
        int[][] newBatches = new int[changed][];
        double[][] newParams = new double[changed][];
        double[][] newGradients = new double[changed][];
        int exact = 0;
        int approximate = 0;
        int fallback = 0;
        int skipped = 0;
        for (int t = first; t < iterations; t++) {
            ctx.checkCancelled();
            int[] batch = cache.batchRef(t);
            int[] removed = plan.removedAt(t);
            int[] addedHere = plan.addedAt(t);
            int b = batch.length;
            int r = removed.length;
            int a = addedHere.length;
            int n = b - r + a;
            int slot = t - first;
            newBatches[slot] = plan.newBatchRef(t);
            newParams[slot] = w.clone();
            if (n == 0) {
                newGradients[slot] = new double[p];
                skipped++;
                continue;
            }
            double lr = cache.learningRate(t);
            double[] cachedW = cache.paramsRef(t);
            double[] cachedG = cache.gradientRef(t);
            int k = t - first;
            boolean exactStep = k < params.burnIn() || (k - params.burnIn()) % params.period() == 0;
            double[] hv = null;
            double[] v = null;
            if (!exactStep) {
                v = new double[p];
                for (int i = 0; i < p; i++) {
                    v[i] = w[i] - cachedW[i];
                }
                hv = pairs.times(v);
                if (hv != null && overshoots(v, hv, lr, lambda)) {
                    hv = null;
                }
                if (hv == null) {
                    exactStep = true;
                    fallback++;
                }
            }
            double[] g;
            if (exactStep) {
                grad.at(w);
                int[] keep = plan.kept(t);
                double[] gKeep = keep.length > 0 ? grad.of(keep) : null;
                double[] gRemoved = r > 0 ? grad.ofFew(removed) : null;
                double[] gAdded = a > 0 ? grad.ofFew(addedHere) : null;
                g = combine(gKeep, keep.length, gAdded, a, n, p);
                if (b > 0) {
                    double[] full = combine(gKeep, keep.length, gRemoved, r, b, p);
                    double[] s = v != null ? v : difference(w, cachedW);
                    double[] y = new double[p];
                    for (int i = 0; i < p; i++) {
                        y[i] = full[i] - cachedG[i] + lambda * s[i];
                    }
                    pairs.add(s, y);
                }
                exact++;
            } else {
                double[] gRemoved = null;
                double[] gAdded = null;
                if (r > 0 || a > 0) {
                    grad.at(w);
                    gRemoved = r > 0 ? grad.ofFew(removed) : null;
                    gAdded = a > 0 ? grad.ofFew(addedHere) : null;
                }
                g = new double[p];
                for (int i = 0; i < p; i++) {
                    double full = hv[i] + cachedG[i] + lambda * cachedW[i];
                    double reg = b * full;
                    if (r > 0) {
                        reg -= r * (gRemoved[i] + lambda * w[i]);
                    }
                    if (a > 0) {
                        reg += a * (gAdded[i] + lambda * w[i]);
                    }
                    g[i] = reg / n - lambda * w[i];
                }
                approximate++;
            }
            newGradients[slot] = g;
            BatchGradient.sgdStep(w, g, lr, lambda);
            if (slot % 8 == 0) {
                ctx.progress((double) (slot + 1) / changed, "DeltaGrad update: iteration " + (t + 1) + "/"
                        + iterations);
            }
        }
        cache.commit(first, newBatches, newParams, newGradients, w.clone(), plan.deleted(), plan.added());
        double seconds = (System.nanoTime() - start) / 1e9;
        ctx.listener().log(String.format(Locale.ROOT,
                "DeltaGrad: %d deleted, %d added; from iteration %d: %d exact (%d of them instead of approximate), "
                        + "%d approximate, %d skipped steps in %.2f s",
                plan.deleted().length, plan.added().length, first, exact, fallback, approximate, skipped, seconds));
        return new DeltaGradUpdate(w, plan.deleted().length, plan.added().length, first, exact, approximate, fallback,
                skipped, seconds);
    }

    /**
     * {@code (na·ga + nb·gb)/n}; when one side is absent, the other is returned as it is (no
     * arithmetic, so an exact deletion step matches the retrain bit for bit).
     */
    private static double[] combine(double[] ga, int na, double[] gb, int nb, int n, int p) {
        if (gb == null || nb == 0) {
            return ga != null ? ga : new double[p];
        }
        if (ga == null || na == 0) {
            return gb;
        }
        double[] out = new double[p];
        for (int i = 0; i < p; i++) {
            out[i] = (na * ga[i] + nb * gb[i]) / n;
        }
        return out;
    }

    /**
     * Whether the linearised step would overshoot along {@code v}: {@code η(vᵀBv/vᵀv + λ) ≥ 1}. Then
     * the approximate trajectory oscillates or runs away from the exact one (seen on MLPs trained
     * with large learning rates), so the step is taken exactly instead.
     */
    static boolean overshoots(double[] v, double[] hv, double lr, double lambda) {
        double vv = CurvaturePairs.dot(v, v);
        return vv > 0 && lr * (CurvaturePairs.dot(v, hv) / vv + lambda) >= 1;
    }

    private static double[] difference(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }

    private static void checkMemory(long iterations, long numParams) {
        long bytes = 2L * iterations * numParams * Double.BYTES;
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (bytes > 0.8 * free) {
            throw new DeltaGradException(String.format(Locale.ROOT,
                    "DeltaGrad: the updated trajectory (%d iterations x %d parameters) needs %.0f MB, but only %.0f MB "
                            + "of heap are free; use a larger heap (-Xmx)", iterations, numParams, bytes / 1e6,
                    free / 1e6));
        }
    }
}
