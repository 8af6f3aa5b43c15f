package org.lethe.engine.unlearning.amnesiac;

import java.util.Objects;
import org.lethe.engine.model.Network;
import org.lethe.engine.model.TrainingResult;

/**
 * The outcome of an amnesiac unlearning request.
 *
 * @param network the unlearned network, a new object (the trained network is left untouched)
 * @param updatesUndone recorded vectors subtracted or added: batches for {@link AmnesiacUnlearning},
 *                      forget samples for {@link PerSampleUnlearning}
 * @param updatesRecorded recorded vectors available in the recorder
 * @param storageBytes bytes the recorder holds (all recorded vectors)
 * @param repair the repair fine-tune run, or null when repair was off
 */
public record AmnesiacResult(Network network, int updatesUndone, int updatesRecorded, long storageBytes,
                             TrainingResult repair) {

    public AmnesiacResult {
        Objects.requireNonNull(network, "network");
        if (updatesUndone < 0 || updatesRecorded < updatesUndone || storageBytes < 0) {
            throw new IllegalArgumentException("inconsistent counts: undone " + updatesUndone + ", recorded "
                    + updatesRecorded + ", bytes " + storageBytes);
        }
    }
}
