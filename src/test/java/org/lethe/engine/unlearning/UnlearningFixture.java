package org.lethe.engine.unlearning;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.lethe.engine.data.DatasetFormat;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.data.ImageSplit;
import org.lethe.engine.data.forget.ForgetSetSpec;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.BatchHook;
import org.lethe.engine.model.MnistTestData;
import org.lethe.engine.model.ModelProvenance;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.TrainedModel;
import org.lethe.engine.model.Trainer;
import org.lethe.engine.model.TrainingConfig;
import org.lethe.engine.model.TrainingResult;
import org.lethe.engine.evaluation.Predictions;
import org.lethe.engine.data.IndexView;

/** A small real setting for method tests: an MLP trained on 1,200 MNIST digits, forgetting class 3. */
public final class UnlearningFixture {

    /** The dataset: 1,200 training and 500 test digits. */
    public static final ImageDataset DATA = new ImageDataset("MNIST-small", DatasetFormat.IDX,
            List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), MnistTestData.train(1200), MnistTestData.test(500));

    private static TrainedModel original;

    private UnlearningFixture() {
    }

    /** Forget class 3, retain set available. */
    public static DataSplits forgetClass3() {
        return DataSplits.of(DATA, ForgetSetSpec.parse("class:3").resolve(DATA, 1));
    }

    /** Forget a random 10%. */
    public static DataSplits forgetRandom10() {
        return DataSplits.of(DATA, ForgetSetSpec.parse("random:0.1").resolve(DATA, 1));
    }

    /** The original model (trained once per JVM, 8 epochs of Adam; ~100% train accuracy). */
    public static synchronized TrainedModel original() {
        if (original == null) {
            ImageSplit train = DATA.train();
            ModelSpec spec = ModelSpec.mlp(train.shape(), 10).withHiddenWidths(List.of(128));
            TrainingConfig config = TrainingConfig.adam(8, 32, 2e-3, 5);
            TrainingResult r = new Trainer().train(spec, train.all("train"), null, config, BatchHook.NONE,
                    JobContext.detached());
            ModelProvenance p = new ModelProvenance(spec, "train", new ObjectMapper().createObjectNode(),
                    DATA.name(), DATA.sha256(), train.all("train").sha256(), train.count(), null, null, config,
                    r.history(), r.seconds(), null, "2026-11-22T00:00:00Z");
            original = new TrainedModel(r.network(), p, r.epochOrders());
        }
        return original;
    }

    /** Accuracy of {@code model} on {@code view}, in [0, 1]. */
    public static double accuracy(TrainedModel model, IndexView view) {
        return Predictions.compute(model.network(), view).accuracy();
    }
}
