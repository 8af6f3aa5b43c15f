package org.lethe.engine.unlearning.retrain;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.BatchHook;
import org.lethe.engine.model.ModelProvenance;
import org.lethe.engine.model.TrainedModel;
import org.lethe.engine.model.Trainer;
import org.lethe.engine.model.TrainingConfig;
import org.lethe.engine.model.TrainingResult;
import org.lethe.engine.unlearning.DataSplits;
import org.lethe.engine.unlearning.MemoryProbe;
import org.lethe.engine.unlearning.MethodParamException;
import org.lethe.engine.unlearning.UnlearningMethod;
import org.lethe.engine.unlearning.UnlearningResult;

/**
 * Retrain: train the original's architecture from its initial seed on the retain set only. With
 * {@code sameOrder} the run replays the original's per-epoch orders with the forget samples dropped,
 * so parameter distances to it are meaningful.
 */
public final class Retrain implements UnlearningMethod<RetrainParams> {

    /** Registry id. */
    public static final String ID = "retrain";

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public UnlearningResult unlearn(TrainedModel original, DataSplits splits, RetrainParams params, JobContext ctx) {
        TrainingConfig config = original.provenance().training();
        if (config == null) {
            throw new MethodParamException("retrain: the original model has no training configuration in its "
                    + "provenance (it was itself made by an unlearning method); retrain from a trained model");
        }
        long start = System.nanoTime();
        MemoryProbe memory = MemoryProbe.start();
        TrainingResult result;
        boolean replay = params.sameOrder() && original.epochOrders().size() == config.epochs();
        if (replay) {
            result = new Trainer().replay(original.spec(), splits.retain().split(), config, original.epochOrders(),
                    splits.forget().toArray(), splits.test(), BatchHook.NONE, ctx);
        } else {
            TrainingConfig fresh = params.epochs() > 0 ? config.withEpochs(params.epochs()) : config;
            result = new Trainer().train(original.spec(), splits.retain(), splits.test(), fresh, BatchHook.NONE, ctx);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        ModelProvenance parent = original.provenance();
        ModelProvenance provenance = new ModelProvenance(parent.spec(), ID, JSON.valueToTree(params),
                parent.datasetName(), parent.datasetSha256(), splits.retain().sha256(), splits.retain().size(),
                splits.forgetSpec(), splits.forget().sha256(), result.config(), result.history(), seconds, null,
                Instant.now().toString());
        return new UnlearningResult(new TrainedModel(result.network(), provenance, result.epochOrders()), ID, params,
                seconds, memory.peakExtraBytes(), java.util.Map.of("sameOrder", replay ? 1.0 : 0.0));
    }
}
