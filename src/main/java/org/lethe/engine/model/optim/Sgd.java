package org.lethe.engine.model.optim;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Stochastic gradient descent as torch.optim.SGD with dampening 0 and nesterov off:
 * {@code g ← g + wd·θ} (all parameters, biases included), {@code buf ← g} on the first step and
 * {@code buf ← μ·buf + g} after, {@code θ ← θ − lr·buf}; without momentum {@code θ ← θ − lr·g}.
 * FLOAT parameters are updated in float arithmetic, DOUBLE parameters in double.
 */
public final class Sgd implements Optimizer {

    private final double momentum;
    private final double weightDecay;
    private double[] buffer;
    private boolean[] started;
    private long steps;
    private OptimizerState pending;
    private double[] scratchP;
    private double[] scratchG;
    private float[] bufferF;
    private float[] scratchPf;
    private float[] scratchGf;

    /**
     * @param momentum μ in [0, 1)
     * @param weightDecay coupled L2 coefficient, ≥ 0
     */
    public Sgd(double momentum, double weightDecay) {
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("SGD momentum must be in [0, 1), was " + momentum);
        }
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weight decay must be >= 0, was " + weightDecay);
        }
        this.momentum = momentum;
        this.weightDecay = weightDecay;
    }

    /** Plain SGD without momentum or weight decay. */
    public static Sgd plain() {
        return new Sgd(0, 0);
    }

    @Override
    public void step(INDArray params, INDArray grad, double lr, INDArray mask) {
        FlatVectors.checkSameLength(params, grad);
        int n = Math.toIntExact(params.length());
        applyPending(params.dataType() == DataType.FLOAT);
        boolean[] on = FlatVectors.readMask(mask, n);
        if (params.dataType() == DataType.FLOAT && buffer == null) {
            stepFloat(params, grad, lr, on, n);
            return;
        }
        if (bufferF != null) {
            throw new IllegalStateException("SGD state is float (FLOAT parameters), got " + params.dataType());
        }
        double[] p = FlatVectors.read(params, scratchP);
        double[] g = FlatVectors.read(grad, scratchG);
        scratchP = p;
        scratchG = g;
        if (momentum > 0 && buffer == null) {
            buffer = new double[n];
            started = new boolean[n];
        }
        if (buffer != null && buffer.length != n) {
            throw new IllegalArgumentException("optimizer state is for " + buffer.length + " parameters, got " + n);
        }
        for (int i = 0; i < n; i++) {
            if (on != null && !on[i]) {
                continue;
            }
            double d = g[i] + weightDecay * p[i];
            if (momentum > 0) {
                d = started[i] ? momentum * buffer[i] + d : d;
                buffer[i] = d;
                started[i] = true;
            }
            p[i] -= lr * d;
        }
        FlatVectors.write(params, p);
        steps++;
    }

    /** The same update in float arithmetic with a float momentum buffer, for FLOAT parameters. */
    private void stepFloat(INDArray params, INDArray grad, double lr, boolean[] on, int n) {
        float[] p = FlatVectors.readFloats(params, scratchPf);
        float[] g = FlatVectors.readFloats(grad, scratchGf);
        scratchPf = p;
        scratchGf = g;
        if (momentum > 0 && bufferF == null) {
            bufferF = new float[n];
            started = new boolean[n];
        }
        if (bufferF != null && bufferF.length != n) {
            throw new IllegalArgumentException("optimizer state is for " + bufferF.length + " parameters, got " + n);
        }
        float wd = (float) weightDecay;
        float mu = (float) momentum;
        float rate = (float) lr;
        for (int i = 0; i < n; i++) {
            if (on == null || on[i]) {
                float d = g[i] + wd * p[i];
                if (mu > 0) {
                    d = started[i] ? mu * bufferF[i] + d : d;
                    bufferF[i] = d;
                    started[i] = true;
                }
                p[i] -= rate * d;
            }
        }
        FlatVectors.writeFloats(params, p);
        steps++;
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public void reset() {
        pending = null;
        buffer = null;
        bufferF = null;
        started = null;
        steps = 0;
    }

    @Override
    public Sgd copy() {
        Sgd c = new Sgd(momentum, weightDecay);
        c.buffer = buffer == null ? null : buffer.clone();
        c.bufferF = bufferF == null ? null : bufferF.clone();
        c.started = started == null ? null : started.clone();
        c.steps = steps;
        c.pending = pending;
        return c;
    }

    /** The momentum buffer (a copy), or null before the first step or without momentum. */
    public double[] momentumBuffer() {
        if (bufferF != null) {
            double[] d = new double[bufferF.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = bufferF[i];
            }
            return d;
        }
        return buffer == null ? null : buffer.clone();
    }

    @Override
    public OptimizerState state() {
        if (pending != null) {
            return pending;
        }
        java.util.Map<String, double[]> buffers = new java.util.LinkedHashMap<>();
        double[] momentumBuffer = buffer != null ? buffer : OptimizerState.widen(bufferF);
        if (momentumBuffer != null) {
            buffers.put("momentum", momentumBuffer);
            double[] s = new double[started.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = started[i] ? 1 : 0;
            }
            buffers.put("started", s);
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
        double[] momentumBuffer = pending.buffer("momentum");
        double[] s = pending.buffer("started");
        buffer = null;
        bufferF = null;
        started = null;
        if (momentumBuffer != null && s != null) {
            if (floatParams) {
                bufferF = OptimizerState.narrow(momentumBuffer);
            } else {
                buffer = momentumBuffer;
            }
            started = new boolean[s.length];
            for (int i = 0; i < s.length; i++) {
                started[i] = s[i] != 0;
            }
        }
        steps = pending.steps();
        pending = null;
    }
}
