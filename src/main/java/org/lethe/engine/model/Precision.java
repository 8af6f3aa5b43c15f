package org.lethe.engine.model;

import org.nd4j.linalg.api.buffer.DataType;

/** Floating-point type of a network's parameters and activations. */
public enum Precision {
    /** 32-bit floats: the default, fast. */
    FLOAT(DataType.FLOAT),
    /** 64-bit floats: for gradient checks and exactness experiments (DeltaGrad). */
    DOUBLE(DataType.DOUBLE);

    private final DataType dataType;

    Precision(DataType dataType) {
        this.dataType = dataType;
    }

    /** The ND4J data type. */
    public DataType dataType() {
        return dataType;
    }
}
