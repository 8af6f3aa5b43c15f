package org.lethe.ui.forgetset;

import java.util.Objects;
import java.util.stream.IntStream;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.evaluation.Predictions;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.TrainedModel;

/**
 * What a model thinks of every training image: its probability for the true class (confidence)
 * and its cross-entropy loss, by training index. Arrays are shared, not copied: treat them as
 * read-only.
 *
 * @param dataset the dataset whose training split was scored
 * @param model the model that scored it
 * @param confidence probability of the true class, per training image
 * @param loss cross-entropy loss {@code -log p_true}, per training image
 */
public record SampleScores(ImageDataset dataset, TrainedModel model, double[] confidence, double[] loss) {

    public SampleScores {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(confidence, "confidence");
        Objects.requireNonNull(loss, "loss");
        int n = dataset.train().count();
        if (confidence.length != n || loss.length != n) {
            throw new IllegalArgumentException("scores for " + confidence.length + "/" + loss.length
                    + " images, but the training split has " + n);
        }
    }

    /**
     * Runs {@code model} over every training image of {@code dataset}, in chunks, reporting progress
     * and stopping when {@code ctx} is cancelled.
     */
    public static SampleScores compute(TrainedModel model, ImageDataset dataset, JobContext ctx) {
        int[] all = IntStream.range(0, dataset.train().count()).toArray();
        Predictions predictions = Predictions.compute(model.network(), new IndexView(dataset.train(), all, "train"),
                Predictions.DEFAULT_CHUNK, ctx);
        return new SampleScores(dataset, model, predictions.trueClassProbability(), predictions.loss());
    }

    /** Whether these scores belong to {@code model} on {@code data} (the same objects). */
    public boolean isFor(TrainedModel otherModel, ImageDataset data) {
        return model == otherModel && dataset == data;
    }
}
