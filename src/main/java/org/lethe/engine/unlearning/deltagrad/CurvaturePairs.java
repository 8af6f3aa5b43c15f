package org.lethe.engine.unlearning.deltagrad;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The L-BFGS approximation of a Hessian from the most recent curvature pairs {@code (s_i, y_i)}, in
 * the compact form of Byrd, Nocedal and Schnabel (1994):
 * {@code B v = σv − [Y, σS] M⁻¹ [Yᵀv; σSᵀv]} with {@code M = [[−D, Lᵀ], [L, σSᵀS]]},
 * {@code D = diag(SᵀY)}, {@code L} the strictly lower triangle of {@code SᵀY} and
 * {@code σ = yᵀs / sᵀs} of the newest pair, floored at {@code minSigma}. {@code M⁻¹} is computed
 * once per set of pairs and reused until a pair is added.
 */
final class CurvaturePairs {

    private final int capacity;
    private final double minSigma;
    private final Deque<double[][]> pairs = new ArrayDeque<>();
    private double[][] s;
    private double[][] y;
    private double sigma;
    private double[][] inverse;
    private boolean prepared;
    private int rejected;

    CurvaturePairs(int capacity, double minSigma) {
        this.capacity = capacity;
        this.minSigma = minSigma;
    }

    /**
     * Adds a pair, dropping the oldest beyond the capacity. A pair with {@code s = 0} carries no
     * curvature information, and one with {@code sᵀy ≤ 0} (negative curvature, possible for
     * non-convex losses) would make the approximation indefinite: both are ignored.
     *
     * @return whether the pair was kept
     */
    boolean add(double[] sNew, double[] yNew) {
        if (dot(sNew, sNew) == 0 || !(dot(sNew, yNew) > 0)) {
            rejected++;
            return false;
        }
        pairs.addLast(new double[][] {sNew, yNew});
        while (pairs.size() > capacity) {
            pairs.removeFirst();
        }
        prepared = false;
        return true;
    }

    /** Number of pairs refused so far (zero step or non-positive curvature). */
    int rejected() {
        return rejected;
    }

    boolean isEmpty() {
        return pairs.isEmpty();
    }

    int size() {
        return pairs.size();
    }

    /** σ of the current pairs (after flooring). */
    double sigma() {
        prepare();
        return sigma;
    }

    /**
     * {@code B v}, or null if there are no pairs or {@code M} is singular (the caller then computes
     * the gradient exactly).
     */
    double[] times(double[] v) {
        if (pairs.isEmpty() || !prepare()) {
            return null;
        }
        int k = s.length;
        double[] p = new double[2 * k];
        for (int i = 0; i < k; i++) {
            p[i] = dot(y[i], v);
            p[k + i] = sigma * dot(s[i], v);
        }
        double[] q = new double[2 * k];
        for (int i = 0; i < 2 * k; i++) {
            double sum = 0;
            for (int j = 0; j < 2 * k; j++) {
                sum += inverse[i][j] * p[j];
            }
            q[i] = sum;
        }
        double[] out = new double[v.length];
        for (int n = 0; n < v.length; n++) {
            out[n] = sigma * v[n];
        }
        for (int i = 0; i < k; i++) {
            double a = q[i];
            double b = sigma * q[k + i];
            double[] yi = y[i];
            double[] si = s[i];
            for (int n = 0; n < v.length; n++) {
                out[n] -= a * yi[n] + b * si[n];
            }
        }
        return out;
    }

    /** Builds σ and M⁻¹ for the current pairs; false if M is singular. */
    private boolean prepare() {
        if (prepared) {
            return inverse != null;
        }
        prepared = true;
        int k = pairs.size();
        s = new double[k][];
        y = new double[k][];
        int idx = 0;
        for (double[][] pair : pairs) {
            s[idx] = pair[0];
            y[idx] = pair[1];
            idx++;
        }
        double[][] sy = new double[k][k];
        double[][] ss = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                sy[i][j] = dot(s[i], y[j]);
                ss[i][j] = j < i ? ss[j][i] : dot(s[i], s[j]);
            }
        }
        double newest = sy[k - 1][k - 1] / ss[k - 1][k - 1];
        sigma = newest < minSigma || Double.isNaN(newest) ? minSigma : newest;
        double[][] m = new double[2 * k][2 * k];
        for (int i = 0; i < k; i++) {
            m[i][i] = -sy[i][i];
            for (int j = 0; j < k; j++) {
                if (i > j) {
                    m[k + i][j] = sy[i][j];   // L
                    m[j][k + i] = sy[i][j];   // Lᵀ
                }
                m[k + i][k + j] = sigma * ss[i][j];
            }
        }
        inverse = invert(m);
        return inverse != null;
    }

    /** Gauss–Jordan inversion with partial pivoting; null if singular or not finite. */
    static double[][] invert(double[][] a) {
        int n = a.length;
        double[][] w = new double[n][2 * n];
        double scale = 0;
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, w[i], 0, n);
            w[i][n + i] = 1;
            for (int j = 0; j < n; j++) {
                scale = Math.max(scale, Math.abs(a[i][j]));
            }
        }
        if (!(scale > 0) || Double.isInfinite(scale)) {
            return null;
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(w[r][c]) > Math.abs(w[pivot][c])) {
                    pivot = r;
                }
            }
            if (Math.abs(w[pivot][c]) <= 1e-300 || Math.abs(w[pivot][c]) < 1e-14 * scale) {
                return null;
            }
            double[] tmp = w[c];
            w[c] = w[pivot];
            w[pivot] = tmp;
            double d = w[c][c];
            for (int j = 0; j < 2 * n; j++) {
                w[c][j] /= d;
            }
            for (int r = 0; r < n; r++) {
                if (r != c && w[r][c] != 0) {
                    double f = w[r][c];
                    for (int j = 0; j < 2 * n; j++) {
                        w[r][j] -= f * w[c][j];
                    }
                }
            }
        }
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double v = w[i][n + j];
                if (!Double.isFinite(v)) {
                    return null;
                }
                inv[i][j] = v;
            }
        }
        return inv;
    }

    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
