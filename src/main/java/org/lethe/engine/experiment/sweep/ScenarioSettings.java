package org.lethe.engine.experiment.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.evaluation.ModelMetrics;
import org.lethe.engine.evaluation.metric.UnlearningScores;
import org.lethe.engine.experiment.Scenario;
import org.lethe.engine.model.Architecture;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.TrainingConfig;
import org.lethe.engine.model.optim.LrSchedule;
import org.lethe.engine.model.optim.OptimizerConfig;
import org.lethe.engine.unlearning.MethodDescriptor;
import org.lethe.engine.unlearning.MethodParamException;
import org.lethe.engine.unlearning.MethodRegistry;

/** How a scenario's entries become engine settings for one seed; the same on every worker. */
public final class ScenarioSettings {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ScenarioSettings() {
    }

    /** The architecture of the seed's models. */
    public static ModelSpec modelSpec(Scenario scenario, ImageDataset data, long seed) {
        ModelSpec spec = ModelSpec.defaults(Architecture.fromId(scenario.model().architecture()), data.shape(),
                data.numClasses()).withSeed(seed);
        return scenario.model().hiddenWidths() == null ? spec : spec.withHiddenWidths(scenario.model().hiddenWidths());
    }

    /** How the seed's original is trained. */
    public static TrainingConfig trainingConfig(Scenario scenario, long seed) {
        Scenario.TrainingEntry t = scenario.training();
        OptimizerConfig optimizer = "sgd".equalsIgnoreCase(t.optimizer())
                ? OptimizerConfig.sgd(t.momentum(), t.weightDecay()) : OptimizerConfig.adam(t.weightDecay());
        return new TrainingConfig(t.epochs(), t.batchSize(), optimizer, LrSchedule.constant(t.lr()), seed);
    }

    /**
     * A method's validated parameters for one seed: the scenario's overrides on the defaults, and the
     * seed as the method's own {@code seed} parameter unless the scenario sets it.
     *
     * @throws MethodParamException naming the method if a parameter is invalid
     */
    public static Record methodParams(MethodDescriptor<?> method, Scenario.MethodEntry entry, long seed) {
        ObjectNode given = entry.params() == null ? JSON.createObjectNode() : entry.params().deepCopy();
        boolean hasSeed = method.params().stream().anyMatch(p -> p.name().equals("seed"));
        if (hasSeed && !given.has("seed")) {
            given.put("seed", seed);
        }
        try {
            return MethodRegistry.params(method, given);
        } catch (MethodParamException e) {
            throw new MethodParamException("scenario method '" + method.id() + "': " + e.getMessage(), e);
        }
    }

    /** The label reports use for a method entry. */
    public static String label(MethodDescriptor<?> method, Scenario.MethodEntry entry) {
        return entry.label() == null ? method.displayName() : entry.label();
    }

    /** The four numbers the average gap and the warnings compare. */
    public static UnlearningScores scores(ModelMetrics m) {
        return new UnlearningScores(m.forgetAccuracy(), m.retainAccuracy(), m.testAccuracy(),
                m.miaAuc() == null ? Double.NaN : m.miaAuc());
    }
}
