package org.lethe.engine.model.bench;

public final class LoopProbe {
    public static void main(String[] a) {
        int n = 431080;
        double[] p = new double[n], g = new double[n], m = new double[n], v = new double[n];
        float[] pf = new float[n], gf = new float[n], mf = new float[n], vf = new float[n];
        for (int i = 0; i < n; i++) { p[i] = Math.sin(i); g[i] = Math.cos(i); pf[i] = (float) p[i]; gf[i] = (float) g[i]; }
        for (int rep = 0; rep < 8; rep++) {
            long t0 = System.nanoTime();
            for (int k = 0; k < 50; k++) {
                double b1 = 0.9, b2 = 0.999, wd = 0, ss = 1e-3, sb = 0.03, eps = 1e-8;
                for (int i = 0; i < n; i++) {
                    double gi = g[i] + wd * p[i];
                    double mi = b1 * m[i] + (1 - b1) * gi;
                    double vi = b2 * v[i] + (1 - b2) * gi * gi;
                    m[i] = mi; v[i] = vi;
                    p[i] -= ss * mi / (Math.sqrt(vi) / sb + eps);
                }
            }
            long t1 = System.nanoTime();
            for (int k = 0; k < 50; k++) {
                float b1 = 0.9f, b2 = 0.999f, wd = 0, ss = 1e-3f, sb = 0.03f, eps = 1e-8f;
                for (int i = 0; i < n; i++) {
                    float gi = gf[i] + wd * pf[i];
                    float mi = b1 * mf[i] + (1 - b1) * gi;
                    float vi = b2 * vf[i] + (1 - b2) * gi * gi;
                    mf[i] = mi; vf[i] = vi;
                    pf[i] -= ss * mi / ((float) Math.sqrt(vi) / sb + eps);
                }
            }
            long t2 = System.nanoTime();
            System.out.printf("double loop %.2f ms, float loop %.2f ms%n", (t1 - t0) / 5e7, (t2 - t1) / 5e7);
        }
    }
}
