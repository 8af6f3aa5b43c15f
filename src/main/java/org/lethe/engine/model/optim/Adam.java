package org.lethe.engine.model.optim;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adam as torch.optim.Adam (amsgrad off): {@code g ← g + wd·θ} (coupled L2, all parameters),
 * {@code m ← β1·m + (1−β1)·g}, {@code v ← β2·v + (1−β2)·g²},
 * {@code θ ← θ − (lr / (1−β1^t)) · m / (sqrt(v)/sqrt(1−β2^t) + eps)}. The step count t is shared by
 * all entries; masked-out entries keep their moments. FLOAT parameters are updated in float
 * arithmetic with float state (as torch does for float32 tensors), DOUBLE parameters in double.
 */
public final class Adam implements Optimizer {

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private double[] m;
    private double[] v;
    private long steps;
    private OptimizerState pending;
    private double[] scratchP;
    private double[] scratchG;
    private float[] mf;
    private float[] vf;
    private float[] scratchPf;
    private float[] scratchGf;

    /** Adam with PyTorch's defaults β=(0.9, 0.999), eps 1e-8 and the given weight decay. */
    public Adam(double weightDecay) {
        this(0.9, 0.999, 1e-8, weightDecay);
    }

    /** Adam with explicit settings. */
    public Adam(double beta1, double beta2, double eps, double weightDecay) {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam betas must be in [0, 1), were " + beta1 + ", " + beta2);
        }
        if (!(eps > 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("Adam eps must be > 0 and weight decay >= 0, were " + eps + ", "
                    + weightDecay);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
    }

    @Override
    public void step(INDArray params, INDArray grad, double lr, INDArray mask) {
        FlatVectors.checkSameLength(params, grad);
        int n = Math.toIntExact(params.length());
        applyPending(params.dataType() == DataType.FLOAT);
        boolean[] on = FlatVectors.readMask(mask, n);
        if (params.dataType() == DataType.FLOAT && m == null) {
            stepFloat(params, grad, lr, on, n);
            return;
        }
        if (mf != null) {
            throw new IllegalStateException("Adam state is float (FLOAT parameters), got " + params.dataType());
        }
        double[] p = FlatVectors.read(params, scratchP);
        double[] g = FlatVectors.read(grad, scratchG);
        scratchP = p;
        scratchG = g;
        if (m == null) {
            m = new double[n];
            v = new double[n];
        } else if (m.length != n) {
            throw new IllegalArgumentException("optimizer state is for " + m.length + " parameters, got " + n);
        }
        long t = steps + 1;
        double bc1 = 1 - Math.pow(beta1, t);
        double sqrtBc2 = Math.sqrt(1 - Math.pow(beta2, t));
        double stepSize = lr / bc1;
        double wd = weightDecay;
        double b1 = beta1;
        double b2 = beta2;
        double[] mm = m;
        double[] vv = v;
        if (on == null) {
            for (int i = 0; i < n; i++) {
                double gi = g[i] + wd * p[i];
                double mi = b1 * mm[i] + (1 - b1) * gi;
                double vi = b2 * vv[i] + (1 - b2) * gi * gi;
                mm[i] = mi;
                vv[i] = vi;
                p[i] -= stepSize * mi / (Math.sqrt(vi) / sqrtBc2 + eps);
            }
        } else {
            for (int i = 0; i < n; i++) {
                if (on[i]) {
                    double gi = g[i] + wd * p[i];
                    double mi = b1 * mm[i] + (1 - b1) * gi;
                    double vi = b2 * vv[i] + (1 - b2) * gi * gi;
                    mm[i] = mi;
                    vv[i] = vi;
                    p[i] -= stepSize * mi / (Math.sqrt(vi) / sqrtBc2 + eps);
                }
            }
        }
        FlatVectors.write(params, p);
        steps = t;
    }

    /** The same update in float arithmetic with float state, for FLOAT parameters (as PyTorch does). */
    private void stepFloat(INDArray params, INDArray grad, double lr, boolean[] on, int n) {
        float[] p = FlatVectors.readFloats(params, scratchPf);
        float[] g = FlatVectors.readFloats(grad, scratchGf);
        scratchPf = p;
        scratchGf = g;
        if (mf == null) {
            mf = new float[n];
            vf = new float[n];
        } else if (mf.length != n) {
            throw new IllegalArgumentException("optimizer state is for " + mf.length + " parameters, got " + n);
        }
        long t = steps + 1;
        float sqrtBc2 = (float) Math.sqrt(1 - Math.pow(beta2, t));
        float stepSize = (float) (lr / (1 - Math.pow(beta1, t)));
        float wd = (float) weightDecay;
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float c1 = (float) (1 - beta1);
        float c2 = (float) (1 - beta2);
        float e = (float) eps;
        float[] mm = mf;
        float[] vv = vf;
        for (int i = 0; i < n; i++) {
            if (on == null || on[i]) {
                float gi = g[i] + wd * p[i];
                float mi = b1 * mm[i] + c1 * gi;
                float vi = b2 * vv[i] + c2 * gi * gi;
                mm[i] = mi;
                vv[i] = vi;
                p[i] -= stepSize * mi / ((float) Math.sqrt(vi) / sqrtBc2 + e);
            }
        }
        FlatVectors.writeFloats(params, p);
        steps = t;
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public void reset() {
        pending = null;
        m = null;
        v = null;
        mf = null;
        vf = null;
        steps = 0;
    }

    @Override
    public Adam copy() {
        Adam c = new Adam(beta1, beta2, eps, weightDecay);
        c.m = m == null ? null : m.clone();
        c.v = v == null ? null : v.clone();
        c.mf = mf == null ? null : mf.clone();
        c.vf = vf == null ? null : vf.clone();
        c.steps = steps;
        c.pending = pending;
        return c;
    }

    @Override
    public OptimizerState state() {
        if (pending != null) {
            return pending;
        }
        java.util.Map<String, double[]> buffers = new java.util.LinkedHashMap<>();
        double[] first = m != null ? m : OptimizerState.widen(mf);
        double[] second = v != null ? v : OptimizerState.widen(vf);
        if (first != null) {
            buffers.put("m", first);
            buffers.put("v", second);
        }
        return new OptimizerState(steps, buffers);
    }

    @Override
    public void restore(OptimizerState state) {
        this.pending = java.util.Objects.requireNonNull(state, "state");
        this.steps = state.steps();
    }

    private void applyPending(boolean floatParams) {
        if (pending == null) {
            return;
        }
        m = null;
        v = null;
        mf = null;
        vf = null;
        double[] first = pending.buffer("m");
        double[] second = pending.buffer("v");
        if (first != null && second != null) {
            if (floatParams) {
                mf = OptimizerState.narrow(first);
                vf = OptimizerState.narrow(second);
            } else {
                m = first;
                v = second;
            }
        }
        steps = pending.steps();
        pending = null;
    }
}
