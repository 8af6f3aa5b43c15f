package org.lethe.ui.lecture;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.data.forget.ForgetSetSpec;
import org.lethe.engine.experiment.Scenario;
import org.lethe.engine.model.Architecture;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.TrainingConfig;
import org.lethe.engine.model.optim.LrSchedule;
import org.lethe.engine.model.optim.OptimizerConfig;
import org.lethe.engine.unlearning.MethodDescriptor;
import org.lethe.engine.unlearning.MethodParamException;
import org.lethe.engine.unlearning.MethodRegistry;

/**
 * A one-click experiment for the workbench: which data to load, what to forget, which model to
 * train and which methods to queue after it (a retrain always comes first, as in {@code lethe run}).
 * Built from a scenario file or by the demo.
 *
 * @param title what the banner and the status line call it
 * @param dataset built-in name or path
 * @param trainLimit use only the first N training images (null: all)
 * @param forget forget-set spec, e.g. {@code class:3} or {@code random:0.1}
 * @param seed seed of the forget set, the model and the methods
 * @param architecture model architecture id
 * @param hiddenWidths dense widths (null: the architecture's default)
 * @param training how the original is trained
 * @param methods the methods to queue after the retrain
 */
public record PresetPlan(String title, String dataset, Integer trainLimit, String forget, long seed,
        String architecture, List<Integer> hiddenWidths, TrainingConfig training, List<Scenario.MethodEntry> methods) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public PresetPlan {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(dataset, "dataset");
        ForgetSetSpec.parse(forget);
        Architecture.fromId(architecture);
        Objects.requireNonNull(training, "training");
        hiddenWidths = hiddenWidths == null ? null : List.copyOf(hiddenWidths);
        methods = List.copyOf(methods);
    }

    /** The plan of a scenario: its first seed, its model and training, and its methods. */
    public static PresetPlan of(Scenario s) {
        long seed = s.seeds().get(0);
        Scenario.TrainingEntry t = s.training();
        OptimizerConfig optimizer = "sgd".equalsIgnoreCase(t.optimizer())
                ? OptimizerConfig.sgd(t.momentum(), t.weightDecay()) : OptimizerConfig.adam(t.weightDecay());
        TrainingConfig config = new TrainingConfig(t.epochs(), t.batchSize(), optimizer, LrSchedule.constant(t.lr()),
                seed);
        return new PresetPlan(s.name(), s.dataset(), s.trainLimit(), s.forget(), seed, s.model().architecture(),
                s.model().hiddenWidths(), config, s.methods());
    }

    /** The model to train on {@code data}. */
    public ModelSpec spec(ImageDataset data) {
        ModelSpec spec = ModelSpec.defaults(Architecture.fromId(architecture), data.shape(), data.numClasses())
                .withSeed(seed);
        return hiddenWidths == null ? spec : spec.withHiddenWidths(hiddenWidths);
    }

    /** The forget set's training indices on {@code data}. */
    public int[] forgetIndices(ImageDataset data) {
        return ForgetSetSpec.parse(forget).resolve(data, seed).forget().toArray();
    }

    /** The label of {@code entry} in charts and tables. */
    public static String label(MethodDescriptor<?> method, Scenario.MethodEntry entry) {
        return entry.label() == null ? method.displayName() : entry.label();
    }

    /** The parameters of {@code entry}: its overrides on the defaults, a {@code seed} parameter defaulting to the plan's. */
    public Record params(MethodDescriptor<?> method, Scenario.MethodEntry entry) {
        ObjectNode given = entry.params() == null ? JSON.createObjectNode() : entry.params().deepCopy();
        if (method.params().stream().anyMatch(p -> p.name().equals("seed")) && !given.has("seed")) {
            given.put("seed", seed);
        }
        try {
            return MethodRegistry.params(method, given);
        } catch (MethodParamException e) {
            throw new MethodParamException(title + ", method '" + method.id() + "': " + e.getMessage(), e);
        }
    }
}
