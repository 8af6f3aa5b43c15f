package org.lethe.engine.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.job.JobContext;

/**
 * Trains a model on a dataset's whole training split and wraps it with its provenance; the entry
 * point the CLI, the GUI and scenarios share.
 */
public final class ModelTraining {

    private ModelTraining() {
    }

    /** Trains {@code spec} with {@code config} on {@code dataset}'s training split, evaluating on its test split. */
    public static TrainedModel train(ImageDataset dataset, ModelSpec spec, TrainingConfig config, JobContext ctx) {
        IndexView train = dataset.train().all("train");
        IndexView test = dataset.test().count() == 0 ? null : dataset.test().all("test");
        TrainingResult result = new Trainer().train(spec, train, test, config, BatchHook.NONE, ctx);
        ModelProvenance provenance = new ModelProvenance(spec, "train", new ObjectMapper().createObjectNode(),
                dataset.name(), dataset.sha256(), train.sha256(), train.size(), null, null, config,
                result.history(), result.seconds(), null, Instant.now().toString());
        return new TrainedModel(result.network(), provenance, result.epochOrders(), result.optimizerState());
    }
}
