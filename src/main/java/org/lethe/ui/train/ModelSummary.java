package org.lethe.ui.train;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.model.EpochStats;
import org.lethe.engine.model.ModelProvenance;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.TrainedModel;
import org.lethe.engine.model.TrainingConfig;
import org.lethe.engine.model.optim.LrSchedule;
import org.lethe.engine.model.optim.OptimizerConfig;
import org.lethe.ui.common.ValidatedField;

/**
 * The trained model as the Train screen describes it, one line per fact.
 *
 * @param architecture e.g. "lenet, hidden 500"
 * @param parameters e.g. "431,080"
 * @param testAccuracy e.g. "98.21 %" ("not measured" without a test split)
 * @param time e.g. "12.3 s for 3 epochs"
 * @param data e.g. "MNIST, 10,000 training images"
 * @param recipe e.g. "Adam, lr 0.001 (constant), batch 64, seed 7"
 * @param warning a caution about the model (trained on other data than the loaded), or empty
 */
public record ModelSummary(String architecture, String parameters, String testAccuracy, String time,
        String data, String recipe, String warning) {

    /** Describes {@code model} next to the {@code loaded} dataset (may be null). */
    public static ModelSummary of(TrainedModel model, ImageDataset loaded) {
        ModelProvenance p = model.provenance();
        ModelSpec spec = p.spec();
        String arch = spec.architecture().id()
                + (spec.hiddenWidths().isEmpty() ? "" : ", hidden " + spec.hiddenWidths().stream()
                        .map(String::valueOf).collect(Collectors.joining("-")))
                + (spec.batchNorm() ? ", batch norm" : "")
                + (spec.precision() == org.lethe.engine.model.Precision.DOUBLE ? ", float64" : "");
        List<EpochStats> history = p.history();
        double test = history.isEmpty() ? Double.NaN : history.get(history.size() - 1).testAccuracy();
        String accuracy = Double.isNaN(test) ? "not measured" : String.format(Locale.ROOT, "%.2f %%", 100 * test);
        String time = String.format(Locale.ROOT, "%.1f s", p.seconds())
                + (history.isEmpty() ? "" : " for " + history.size() + (history.size() == 1 ? " epoch" : " epochs"));
        String data = p.datasetName() + String.format(", %,d training images", p.trainSubsetSize());
        String warning = "";
        if (loaded != null && !loaded.sha256().equals(p.datasetSha256())) {
            warning = "Trained on other data than the loaded " + loaded.name()
                    + String.format(" (%,d training images)", loaded.train().count())
                    + "; unlearning results will not match a model trained here.";
        }
        return new ModelSummary(arch, String.format("%,d", model.network().numParams()), accuracy, time, data,
                recipe(p.training(), spec.seed()), warning);
    }

    private static String recipe(TrainingConfig config, long seed) {
        if (config == null) {
            return "made by an unlearning method";
        }
        OptimizerConfig o = config.optimizer();
        String optimizer = o.kind() == OptimizerConfig.Kind.ADAM ? "Adam"
                : "SGD, momentum " + ValidatedField.format(o.momentum());
        if (o.weightDecay() > 0) {
            optimizer += ", weight decay " + ValidatedField.format(o.weightDecay());
        }
        LrSchedule s = config.schedule();
        String schedule;
        if (s instanceof LrSchedule.Step st) {
            schedule = "\u00d7" + ValidatedField.format(st.gamma()) + " every " + st.stepSize() + " epochs";
        } else if (s instanceof LrSchedule.Cosine) {
            schedule = "cosine";
        } else if (s instanceof LrSchedule.MultiStep) {
            schedule = "multi-step";
        } else {
            schedule = "constant";
        }
        return optimizer + ", lr " + ValidatedField.format(s.baseLr()) + " (" + schedule + "), batch "
                + config.batchSize() + ", seed " + seed;
    }
}
