package org.lethe.engine.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Helpers that turn class labels into target matrices. */
public final class Targets {

    private Targets() {
    }

    /**
     * One-hot rows {@code [labels.length, numClasses]}, scaled by {@code scale}.
     *
     * @throws IllegalArgumentException naming the first label outside {@code [0, numClasses)}
     */
    public static INDArray oneHot(int[] labels, int numClasses, double scale, DataType type) {
        double[] data = new double[labels.length * numClasses];
        for (int i = 0; i < labels.length; i++) {
            int y = labels[i];
            if (y < 0 || y >= numClasses) {
                throw new IllegalArgumentException("label " + y + " of sample " + i + " outside [0, " + numClasses + ")");
            }
            data[i * numClasses + y] = scale;
        }
        return Nd4j.create(data, new long[] {labels.length, numClasses}, 'c').castTo(type);
    }

    /** One-hot rows {@code [labels.length, numClasses]}. */
    public static INDArray oneHot(int[] labels, int numClasses, DataType type) {
        return oneHot(labels, numClasses, 1.0, type);
    }
}
