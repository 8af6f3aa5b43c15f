package org.lethe.engine.unlearning.distill;

import java.util.ArrayList;
import java.util.List;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.evaluation.Predictions;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.Features;
import org.lethe.engine.model.ModelFactory;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.Network;
import org.lethe.engine.model.TrainedModel;
import org.lethe.engine.model.optim.LrSchedule;
import org.lethe.engine.model.optim.OptimizerConfig;
import org.lethe.engine.unlearning.loop.Batch;
import org.lethe.engine.unlearning.loop.EpochPlan;
import org.lethe.engine.unlearning.loop.IterativeUnlearning;
import org.lethe.engine.unlearning.loop.LoopSettings;
import org.lethe.engine.unlearning.loop.LoopState;
import org.lethe.engine.unlearning.loop.Role;
import org.lethe.engine.unlearning.loop.SampleSet;
import org.lethe.engine.unlearning.loop.Subsets;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Influence distillation: the student (a copy of the original, or a fresh, possibly narrower network)
 * matches the original's logits on the retain set, {@code ‖z_S − z_T‖²} averaged over batch and
 * classes, optionally plus {@code τ²·KL(softmax(z_T/τ) ‖ softmax(z_S/τ))}; and each epoch first takes
 * a pass over the forget set with a bounded ascent term {@code −λ · w(x) · min(CE_S(x, y), c)}, where
 * {@code c = ln(C) + margin} and {@code w} is either the teacher's weight {@code |D_F|·softmax(−ℓ_T)}
 * ({@link ForgetTerm#TEACHER_WEIGHTED}) or 1 ({@link ForgetTerm#STUDENT_ASCENT}). A sample whose
 * cross-entropy passed the ceiling contributes no gradient, so the ascent cannot run away. All losses
 * are written on the logits and back-propagated through {@link Network#gradientFromLogitGrad}.
 */
public final class InfluenceDistillation extends IterativeUnlearning<InfluenceDistillationParams> {

    /** Registry id. */
    public static final String ID = InfluenceDistillationParams.ID;

    /**
     * Per run: {@code weightScale = |D_F| / Σ_{D_F} exp(−ℓ_T)} turns exp(−ℓ_T(x)) into a mean-1 weight;
     * {@code forgetEpochs[0]} counts the epochs that ran the forget term.
     */
    private record RunData(double weightScale, int[] forgetEpochs) { }

    private static final LoopState.Key<RunData> RUN_DATA = new LoopState.Key<>("distillation run data");

    @Override
    protected String id() {
        return ID;
    }

    @Override
    protected LoopSettings settings(InfluenceDistillationParams p) {
        return new LoopSettings(p.epochs(), p.batchSize(), OptimizerConfig.adam(0), LrSchedule.constant(p.lr()),
                p.seed());
    }

    @Override
    protected Network startNetwork(TrainedModel original, InfluenceDistillationParams p) {
        if (p.studentInit() == StudentInit.TEACHER) {
            return original.copyNetwork();
        }
        return ModelFactory.build(studentSpec(original.spec(), p));
    }

    /** The student's architecture: the teacher's, hidden widths scaled, seeded from the run's seed. */
    static ModelSpec studentSpec(ModelSpec teacher, InfluenceDistillationParams p) {
        List<Integer> widths = teacher.hiddenWidths().stream()
                .map(w -> Math.max(1, (int) Math.round(w * p.studentWidthFactor()))).toList();
        return teacher.withHiddenWidths(widths).withSeed(p.seed());
    }

    /** The clip level of the forget cross-entropy for {@code numClasses} classes. */
    public static double ceiling(int numClasses, InfluenceDistillationParams p) {
        return Math.log(numClasses) + p.ceilingMargin();
    }

    @Override
    protected void prepare(LoopState state, InfluenceDistillationParams p, JobContext ctx) {
        IndexView forget = state.splits().forget();
        Network teacher = state.original().network();
        int[] idx = forget.toArray();
        double sum = 0;
        double sumSq = 0;
        for (int from = 0; from < idx.length; from += 256) {
            ctx.checkCancelled();
            int to = Math.min(idx.length, from + 256);
            double[] loss = teacher.perSampleLoss(Features.of(forget.split(), idx, from, to, null),
                    Features.labels(forget.split(), idx, from, to));
            for (double l : loss) {
                double e = Math.exp(-l);
                sum += e;
                sumSq += e * e;
            }
        }
        state.put(RUN_DATA, new RunData(sum > 0 ? idx.length / sum : 1.0, new int[1]));
        state.figure("ceiling", ceiling(state.network().spec().numClasses(), p));
        // effective sample size of the teacher weights, as a share of |D_F| (1 = uniform)
        state.figure("teacherWeightEss", idx.length == 0 || sumSq == 0 ? 1 : sum * sum / sumSq / idx.length);
        state.figure("studentParams", state.network().numParams());
        state.figure("forgetTermEpochs", 0);
    }

    @Override
    protected EpochPlan plan(LoopState state, InfluenceDistillationParams p) {
        List<EpochPlan.Part> parts = new ArrayList<>();
        boolean forgetTerm = p.forgetWeight() > 0;
        if (forgetTerm && p.stopAtTestAccuracy()) {
            double forgetAcc = Predictions.compute(state.network(), state.splits().forget()).accuracy();
            double testAcc = Predictions.compute(state.network(), state.splits().test()).accuracy();
            forgetTerm = forgetAcc > testAcc;
        }
        if (forgetTerm) {
            parts.add(new EpochPlan.Part(SampleSet.of(state.splits().forget()), Role.FORGET));
            int[] count = state.get(RUN_DATA).forgetEpochs();
            state.figure("forgetTermEpochs", ++count[0]);
        }
        parts.add(new EpochPlan.Part(SampleSet.of(Subsets.sample(state.splits().retain(), p.retainFraction(),
                state.random())), Role.RETAIN));
        return EpochPlan.passes(parts, p.batchSize(), state.random());
    }

    @Override
    protected INDArray gradient(LoopState state, Batch batch, InfluenceDistillationParams p) {
        Network student = state.network();
        INDArray x = batch.features();
        double[][] zs = logits(student, x);
        double[][] g = batch.role() == Role.FORGET
                ? forgetLogitGrad(state, zs, x, batch.labels(), p)
                : distillLogitGrad(zs, logits(state.original().network(), x), p);
        return student.gradientFromLogitGrad(x, Nd4j.createFromArray(g).castTo(student.params().dataType()));
    }

    /** dL/dz of the bounded, optionally teacher-weighted ascent term, for a batch of forget samples. */
    private double[][] forgetLogitGrad(LoopState state, double[][] zs, INDArray x, int[] y,
            InfluenceDistillationParams p) {
        int b = zs.length;
        double ceiling = ceiling(zs[0].length, p);
        double[] weights = new double[b];
        if (p.forgetTerm() == ForgetTerm.TEACHER_WEIGHTED) {
            double[] teacherLoss = state.original().network().perSampleLoss(x, y);
            double scale = state.get(RUN_DATA).weightScale();
            for (int i = 0; i < b; i++) {
                weights[i] = scale * Math.exp(-teacherLoss[i]);
            }
        } else {
            java.util.Arrays.fill(weights, 1.0);
        }
        double[][] g = new double[b][];
        for (int i = 0; i < b; i++) {
            double[] prob = softmax(zs[i], 1);
            g[i] = new double[prob.length];
            double ce = -Math.log(Math.max(prob[y[i]], Double.MIN_NORMAL));
            if (ce >= ceiling) {
                continue; // clipped: no push beyond the ceiling
            }
            // d/dz of −λ·w·CE = −λ·w·(p − onehot(y)), averaged over the batch
            double f = -p.forgetWeight() * weights[i] / b;
            for (int k = 0; k < prob.length; k++) {
                g[i][k] = f * (prob[k] - (k == y[i] ? 1 : 0));
            }
        }
        return g;
    }

    /** dL/dz of the logit MSE (plus the τ²-scaled KL when enabled), for a batch of retain samples. */
    private static double[][] distillLogitGrad(double[][] zs, double[][] zt, InfluenceDistillationParams p) {
        int b = zs.length;
        int c = zs[0].length;
        double tau = p.temperature();
        double[][] g = new double[b][c];
        for (int i = 0; i < b; i++) {
            for (int k = 0; k < c; k++) {
                g[i][k] = 2 * (zs[i][k] - zt[i][k]) / ((double) b * c);
            }
            if (p.klWeight() > 0) {
                double[] ps = softmax(zs[i], tau);
                double[] pt = softmax(zt[i], tau);
                // d/dz_S of τ²·KL(p_T^τ ‖ p_S^τ) = τ·(p_S^τ − p_T^τ)
                for (int k = 0; k < c; k++) {
                    g[i][k] += p.klWeight() * tau * (ps[k] - pt[k]) / b;
                }
            }
        }
        return g;
    }

    private static double[][] logits(Network network, INDArray x) {
        return network.logits(x).castTo(DataType.DOUBLE).toDoubleMatrix();
    }

    private static double[] softmax(double[] z, double tau) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v / tau);
        }
        double sum = 0;
        double[] p = new double[z.length];
        for (int k = 0; k < z.length; k++) {
            p[k] = Math.exp(z[k] / tau - max);
            sum += p[k];
        }
        for (int k = 0; k < z.length; k++) {
            p[k] /= sum;
        }
        return p;
    }
}
