package org.lethe.engine.unlearning.ga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.TrainedModel;
import org.lethe.engine.unlearning.DataSplits;
import org.lethe.engine.unlearning.MethodDescriptor;
import org.lethe.engine.unlearning.MethodParamException;
import org.lethe.engine.unlearning.MethodRegistry;
import org.lethe.engine.unlearning.UnlearningFixture;
import org.lethe.engine.unlearning.UnlearningResult;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The floor below which a forget batch gets no ascent step. */
class GradientAscentStopTest {

    private final MethodDescriptor<?> ga = MethodRegistry.standard().byId("ga");

    private UnlearningResult run(DataSplits splits, String chanceFloor) {
        // a step large enough that ascent without a stop wrecks the small MLP
        Record params = MethodRegistry.params(ga, Map.of("epochs", "8", "lr", "0.05", "budget", "0",
                "chanceFloor", chanceFloor, "seed", "3"));
        return ga.run(UnlearningFixture.original(), splits, params, JobContext.detached());
    }

    @Test
    void theFloorForgetsTheClassAndKeepsMoreOfTheRest() {
        DataSplits splits = UnlearningFixture.forgetClass3();
        UnlearningResult stopped = run(splits, "1");
        UnlearningResult unstopped = run(splits, "0");

        // the floor skipped some forget batches; without it every one was an ascent step
        assertThat(stopped.figures().get(GradientAscent.SKIPPED)).isPositive();
        assertThat(unstopped.figures().get(GradientAscent.SKIPPED)).isZero();

        TrainedModel model = stopped.model();
        assertThat(UnlearningFixture.accuracy(model, splits.forget())).isLessThan(0.1);
        double retainStopped = UnlearningFixture.accuracy(model, splits.retain());
        double retainUnstopped = UnlearningFixture.accuracy(unstopped.model(), splits.retain());
        assertThat(retainStopped).isGreaterThan(retainUnstopped);
        // the skipped steps leave the weights nearer the original's
        INDArray start = UnlearningFixture.original().network().params();
        double moved = model.network().params().distance2(start);
        double movedUnstopped = unstopped.model().network().params().distance2(start);
        assertThat(moved).isLessThan(movedUnstopped);
    }

    @Test
    void runsAreDeterministic() {
        DataSplits splits = UnlearningFixture.forgetClass3();
        UnlearningResult a = run(splits, "1");
        UnlearningResult b = run(splits, "1");
        assertThat(a.model().network().params()).isEqualTo(b.model().network().params());
        assertThat(a.figures()).isEqualTo(b.figures());
    }

    @Test
    void repairLastOnlyReordersThePasses() {
        DataSplits splits = UnlearningFixture.forgetClass3();
        Map<String, String> base = Map.of("epochs", "2", "lr", "0.01", "budget", "0", "seed", "3");
        Map<String, String> last = new java.util.HashMap<>(base);
        last.put("repairLast", "true");
        UnlearningResult first = ga.run(UnlearningFixture.original(), splits, MethodRegistry.params(ga, base),
                JobContext.detached());
        UnlearningResult after = ga.run(UnlearningFixture.original(), splits, MethodRegistry.params(ga, last),
                JobContext.detached());
        // same batches, other order: same step count, different weights, and the run that ends on
        // the retain pass fits the retain set at least as well
        assertThat(after.figures().get("steps")).isEqualTo(first.figures().get("steps"));
        assertThat(after.model().network().params()).isNotEqualTo(first.model().network().params());
        assertThat(UnlearningFixture.accuracy(after.model(), splits.retain()))
                .isGreaterThanOrEqualTo(UnlearningFixture.accuracy(first.model(), splits.retain()) - 0.01);
    }

    @Test
    void theShareOfChanceIsValidated() {
        assertThatThrownBy(() -> MethodRegistry.params(ga, Map.of("chanceFloor", "1.5")))
                .isInstanceOf(MethodParamException.class).hasMessageContaining("chanceFloor");
        assertThat(GradientAscentParams.defaults().chanceFloor()).isZero();
    }
}
