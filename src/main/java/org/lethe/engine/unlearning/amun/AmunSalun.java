package org.lethe.engine.unlearning.amun;

import org.lethe.engine.job.JobContext;
import org.lethe.engine.unlearning.loop.LoopState;
import org.lethe.engine.unlearning.loop.SaliencyMask;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * AMUN restricted to the weights SalUn's saliency mask selects (those with the largest forget-loss
 * gradient at the original); every other weight stays exactly as in the original.
 */
public final class AmunSalun extends AdversarialUnlearning<AmunSalunParams> {

    /** Registry id. */
    public static final String ID = AmunSalunParams.ID;

    @Override
    protected String id() {
        return ID;
    }

    @Override
    protected AmunParams amun(AmunSalunParams params) {
        return params.amun();
    }

    @Override
    protected void prepareMore(LoopState state, AmunSalunParams params, JobContext ctx) {
        INDArray mask = SaliencyMask.compute(state.original().network(), state.splits().forget(), params.maskRatio(),
                params.batchSize(), ctx);
        state.setMask(mask);
        state.figure("maskedFraction", 1 - mask.sumNumber().doubleValue() / mask.length());
    }
}
