package org.lethe.engine.unlearning.retrain;

import org.lethe.engine.unlearning.MethodParamException;
import org.lethe.engine.unlearning.Param;

/**
 * Parameters of retraining.
 *
 * @param sameOrder replay the original run minus the forget set (same initialisation, same
 *     per-epoch orders with forget samples dropped from their batches, as DeltaGrad defines its
 *     retrain); otherwise train afresh on the retain set with the original's configuration
 * @param epochs epochs of a fresh retrain; 0 uses the original's
 */
public record RetrainParams(
        @Param("replay the original's initialisation and sample order minus the forget set") boolean sameOrder,
        @Param(value = "epochs of a fresh retrain (0 = the original's)", min = 0, max = 1000) int epochs) {

    public RetrainParams {
        MethodParamException.checkRange("retrain", "epochs", epochs, 0, 1000);
    }

    /** The defaults: replay the original run minus the forget set. */
    public static RetrainParams defaults() {
        return new RetrainParams(true, 0);
    }
}
