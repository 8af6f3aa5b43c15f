package org.lethe.ui.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.evaluation.EvaluatedModel;
import org.lethe.engine.evaluation.ModelMetrics;
import org.lethe.engine.evaluation.Predictions;
import org.lethe.engine.experiment.Comparison;
import org.lethe.engine.model.ModelProvenance;
import org.lethe.engine.model.TrainedModel;
import org.lethe.engine.unlearning.DataSplits;
import org.lethe.engine.unlearning.UnlearningResult;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The threading rule of {@code org.lethe.ui.workbench} (see its package-info) for the engine types
 * that the FX thread, jobs and background executors share: the results are immutable (every
 * instance field final, so a reader on another thread sees them fully built, or a volatile cache of
 * a value derived from final fields), and the network,
 * the one mutable object among them, runs and changes its parameters only under its own lock.
 */
class SharedEngineTypesTest {

    private static final List<Class<?>> SHARED_RESULTS = List.of(Comparison.class, Comparison.Entry.class,
            Comparison.Row.class, EvaluatedModel.class, Predictions.class, ModelMetrics.class, TrainedModel.class,
            ModelProvenance.class, UnlearningResult.class, DataSplits.class, IndexView.class);

    @Test
    void sharedResultsHaveOnlyFinalFields() {
        List<String> mutable = new ArrayList<>();
        for (Class<?> type : SHARED_RESULTS) {
            for (Field f : type.getDeclaredFields()) {
                int m = f.getModifiers();
                // volatile is allowed for lazily computed caches (IndexView's hash): racy but safe
                if (!Modifier.isStatic(m) && !Modifier.isFinal(m) && !Modifier.isVolatile(m)) {
                    mutable.add(type.getSimpleName() + "." + f.getName());
                }
            }
        }
        assertThat(mutable).as("non-final fields of types shared across threads").isEmpty();
    }

    @Test
    void networksRunAndChangeOnlyUnderTheirLock() throws Exception {
        Class<?> network = Class.forName("org.lethe.engine.model.SameDiffNetwork");
        List<Method> guarded = List.of(network.getDeclaredMethod("params"),
                network.getDeclaredMethod("setParams", INDArray.class), network.getDeclaredMethod("buffers"),
                network.getDeclaredMethod("setBuffers", INDArray.class), network.getDeclaredMethod("isTraining"),
                network.getDeclaredMethod("setTraining", boolean.class),
                network.getDeclaredMethod("logits", INDArray.class),
                network.getDeclaredMethod("probabilities", INDArray.class),
                network.getDeclaredMethod("lossAndGradient", INDArray.class, INDArray.class),
                network.getDeclaredMethod("gradientFromLogitGrad", INDArray.class, INDArray.class));
        assertThat(guarded).allSatisfy(m -> assertThat(Modifier.isSynchronized(m.getModifiers()))
                .as(m.getName() + " is synchronized").isTrue());
    }
}
