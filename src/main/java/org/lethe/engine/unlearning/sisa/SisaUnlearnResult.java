package org.lethe.engine.unlearning.sisa;

import java.util.List;

/**
 * What one {@link SisaEnsemble#unlearn} call did.
 *
 * @param retrainedShards the shards that held at least one newly deleted point, ascending
 * @param firstRetrainedSlice per retrained shard (same order), the first slice trained again; the
 *                            slices before it were restored from clean checkpoints
 * @param slicesRetrained number of slices trained again, over all shards
 * @param deletedPoints how many of the requested points were new deletions
 * @param seconds wall time of the call
 * @param storageBytes bytes held by all checkpoints after the call
 */
public record SisaUnlearnResult(List<Integer> retrainedShards, List<Integer> firstRetrainedSlice,
                                int slicesRetrained, int deletedPoints, double seconds, long storageBytes) {

    public SisaUnlearnResult {
        retrainedShards = List.copyOf(retrainedShards);
        firstRetrainedSlice = List.copyOf(firstRetrainedSlice);
        if (retrainedShards.size() != firstRetrainedSlice.size()) {
            throw new IllegalArgumentException(retrainedShards.size() + " shards but "
                    + firstRetrainedSlice.size() + " first slices");
        }
    }
}
