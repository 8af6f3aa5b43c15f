package org.lethe.engine.unlearning;

import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.TrainedModel;

/**
 * An unlearning method: turns an original model into one that behaves as if it had not seen the
 * forget set. Implementations never mutate {@code original}, report progress and honour
 * cancellation through {@code ctx}.
 *
 * @param <P> the method's parameter record; its compact constructor validates
 */
public interface UnlearningMethod<P extends Record> {

    /**
     * Runs the method.
     *
     * @throws MethodParamException when the data at hand does not allow the method (e.g. no retain set)
     * @throws org.lethe.engine.job.JobCancelledException when cancelled
     */
    UnlearningResult unlearn(TrainedModel original, DataSplits splits, P params, JobContext ctx);
}
