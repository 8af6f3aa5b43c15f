package org.lethe.engine.unlearning.sisa;

import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Everything one trained shard of a {@link SisaEnsemble} holds: its constituent's parameters and
 * buffers and, per slice, the checkpoint key and the parameters and buffers after that slice. This
 * is what {@link SisaEnsemble#trainShard} produces, what {@link SisaEnsemble#assemble} consumes, and
 * what {@link SisaStore} writes. The arrays are the caller's to keep: the ensemble copies them in and
 * out, nothing is shared with a live network.
 *
 * @param shard the shard index k
 * @param params the constituent's flat parameters
 * @param buffers the constituent's buffers (batch-norm statistics; empty for most networks)
 * @param slices one checkpoint per slice, slice 0 first
 */
public record SisaShardState(int shard, INDArray params, INDArray buffers, List<SliceCheckpoint> slices) {

    public SisaShardState {
        if (shard < 0) {
            throw new SisaException("SISA: shard index must be >= 0, was " + shard);
        }
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(buffers, "buffers");
        slices = List.copyOf(slices);
    }

    /**
     * The state after one slice.
     *
     * @param key the checkpoint key ({@code "k/sl/" + SHA-256} of the remaining prefix indices)
     * @param params the flat parameters after the slice
     * @param buffers the buffers after the slice
     */
    public record SliceCheckpoint(String key, INDArray params, INDArray buffers) {

        public SliceCheckpoint {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(params, "params");
            Objects.requireNonNull(buffers, "buffers");
        }
    }
}
