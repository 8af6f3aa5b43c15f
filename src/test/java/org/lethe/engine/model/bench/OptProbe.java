package org.lethe.engine.model.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.lethe.engine.model.optim.*;

public final class OptProbe {
    public static void main(String[] a) {
        int n = 431080;
        INDArray p = Nd4j.rand(DataType.FLOAT, n);
        INDArray g = Nd4j.rand(DataType.FLOAT, n);
        Adam adam = new Adam(0);
        for (int rep = 0; rep < 5; rep++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 50; i++) p.toDoubleVector();
            long t1 = System.nanoTime();
            for (int i = 0; i < 50; i++) p.data().asFloat();
            long t2 = System.nanoTime();
            double[] d = p.toDoubleVector();
            for (int i = 0; i < 50; i++) p.data().setData(d);
            long t3 = System.nanoTime();
            float[] f = p.data().asFloat();
            for (int i = 0; i < 50; i++) p.data().setData(f);
            long t4 = System.nanoTime();
            for (int i = 0; i < 50; i++) adam.step(p, g, 1e-6);
            long t5 = System.nanoTime();
            java.nio.FloatBuffer fb = p.data().asNio().asFloatBuffer();
            for (int i = 0; i < 50; i++) { fb.rewind(); fb.get(f); }
            long t6 = System.nanoTime();
            System.out.printf("toDoubleVector %.2f asFloat %.2f setData(double) %.2f setData(float) %.2f adam %.2f nioget %.2f ms%n",
                (t1-t0)/5e7, (t2-t1)/5e7, (t3-t2)/5e7, (t4-t3)/5e7, (t5-t4)/5e7, (t6-t5)/5e7);
        }
    }
}
