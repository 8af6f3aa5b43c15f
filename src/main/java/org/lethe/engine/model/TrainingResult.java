package org.lethe.engine.model;

import java.util.List;
import org.lethe.engine.model.optim.OptimizerState;
import java.util.Objects;

/**
 * A finished training run and its provenance: the trained network, what it was built from, how it
 * was trained, the exact batch order of every epoch (so the run can be replayed, see
 * {@link Trainer#replay}), per-epoch statistics and speed.
 *
 * @param network the trained network
 * @param spec the network's spec
 * @param config the training settings
 * @param epochOrders per epoch, the split indices in the order they were visited; batches are
 *                    consecutive runs of {@code config.batchSize()} entries
 * @param history one entry per completed epoch
 * @param iterations optimizer steps taken
 * @param seconds wall time of the whole run, evaluation included
 * @param samplesPerSecond training samples per second of step time (evaluation excluded)
 */
public record TrainingResult(Network network, ModelSpec spec, TrainingConfig config, List<int[]> epochOrders,
                             List<EpochStats> history, long iterations, double seconds, double samplesPerSecond,
                             OptimizerState optimizerState) {

    public TrainingResult {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(config, "config");
        epochOrders = epochOrders.stream().map(int[]::clone).toList();
        history = List.copyOf(history);
    }

    /** Copies of the per-epoch orders. */
    @Override
    public List<int[]> epochOrders() {
        return epochOrders.stream().map(int[]::clone).toList();
    }

    /** The last epoch's statistics. */
    public EpochStats last() {
        return history.get(history.size() - 1);
    }
}
