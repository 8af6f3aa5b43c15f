package org.lethe.engine.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.lethe.engine.model.optim.OptimizerState;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A network together with its provenance and the per-epoch sample orders of its training run
 * (needed to replay the run, e.g. for "the same run minus the forget set").
 *
 * <p>Unlearning methods never mutate a trained model's network: they work on {@link #copyNetwork()}.
 *
 * @param network the weights
 * @param provenance where the model came from
 * @param epochOrders the training-split indices of each epoch in visiting order (empty if unknown)
 * @param optimizerState the optimizer's state at the end of training, or null
 */
public record TrainedModel(Network network, ModelProvenance provenance, List<int[]> epochOrders,
        OptimizerState optimizerState) {

    public TrainedModel {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(provenance, "provenance");
        epochOrders = epochOrders == null ? List.of() : epochOrders.stream().map(int[]::clone).toList();
    }

    /** A model without saved optimizer state (e.g. one made by an unlearning method). */
    public TrainedModel(Network network, ModelProvenance provenance, List<int[]> epochOrders) {
        this(network, provenance, epochOrders, null);
    }

    /** The architecture. */
    public ModelSpec spec() {
        return provenance.spec();
    }

    /** An independent deep copy of the network, for methods that derive a new model. */
    public Network copyNetwork() {
        return network.copy();
    }

    @Override
    public List<int[]> epochOrders() {
        return epochOrders.stream().map(int[]::clone).toList();
    }

    /** SHA-256 of the parameters (little-endian values of the flat vector), lower-case hex. */
    public String paramsSha256() {
        return hashParams(network.params());
    }

    /** SHA-256 of a flat parameter vector as {@link ModelStore} writes it. */
    public static String hashParams(INDArray flat) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(paramBytes(flat));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** The flat parameters as little-endian bytes (4 per FLOAT value, 8 per DOUBLE value). */
    static byte[] paramBytes(INDArray flat) {
        long n = flat.length();
        if (flat.dataType() == DataType.DOUBLE) {
            ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(n * 8)).order(ByteOrder.LITTLE_ENDIAN);
            buffer.asDoubleBuffer().put(flat.toDoubleVector());
            return buffer.array();
        }
        ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(n * 4)).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(flat.toFloatVector());
        return buffer.array();
    }
}
