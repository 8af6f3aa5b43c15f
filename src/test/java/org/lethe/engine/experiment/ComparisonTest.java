package org.lethe.engine.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.lethe.engine.evaluation.EvaluatedModel;
import org.lethe.engine.evaluation.metric.ParameterDistance;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.TrainedModel;
import org.lethe.engine.unlearning.DataSplits;
import org.lethe.engine.unlearning.MethodDescriptor;
import org.lethe.engine.unlearning.MethodRegistry;
import org.lethe.engine.unlearning.UnlearningFixture;
import org.lethe.engine.unlearning.UnlearningResult;
import org.junit.jupiter.api.Test;

class ComparisonTest {

    private static final MethodRegistry REGISTRY = MethodRegistry.standard();

    private static UnlearningResult run(String id, TrainedModel original, DataSplits splits) {
        MethodDescriptor<?> method = REGISTRY.byId(id);
        return method.run(original, splits, method.defaults(), JobContext.detached());
    }

    @Test
    void modelsArrivingBeforeTheRetrainAreRebasedOnIt() {
        TrainedModel original = UnlearningFixture.original();
        DataSplits splits = UnlearningFixture.forgetClass3();
        Comparison start = Comparison.start(splits, original, 500, 1, JobContext.detached());
        assertThat(start.rows()).hasSize(1);
        assertThat(start.original().metrics().l2ToRetrained()).isNull();

        Comparison withFt = start.with(run("ft", original, splits), "FT", JobContext.detached());
        assertThat(withFt.rows().get(1).avgGap()).isNaN();
        assertThat(withFt.unlearned().get(0).evaluated().metrics().l2ToRetrained()).isNull();

        UnlearningResult retrained = run("retrain", original, splits);
        Comparison full = withFt.with(retrained, "Retrain", JobContext.detached());
        assertThat(full.models()).extracting(EvaluatedModel::name).containsExactly("Original", "Retrain", "FT");
        EvaluatedModel ft = full.unlearned().get(0).evaluated();
        assertThat(ft.metrics().l2ToRetrained()).isCloseTo(
                ParameterDistance.l2(ft.params(), full.retrained().orElseThrow().evaluated().params()), within(1e-9));
        assertThat(full.original().metrics().l2ToRetrained()).isPositive();
        Comparison.Row retrainRow = full.rows().get(1);
        assertThat(retrainRow.avgGap()).isZero();
        assertThat(retrainRow.evaluated().metrics().forgetAccuracy()).isLessThan(5);
        Comparison.Row ftRow = full.rows().get(2);
        assertThat(ftRow.avgGap()).isPositive();
        assertThat(ftRow.speedup()).isCloseTo(retrained.seconds() / ftRow.seconds(), within(1e-9));
        // the earlier snapshot is unchanged (immutability)
        assertThat(withFt.retrained()).isEmpty();

        Comparison replaced = full.with(run("ga", original, splits), "FT", JobContext.detached());
        assertThat(replaced.unlearned()).hasSize(1);
        assertThat(replaced.unlearned().get(0).result().method()).isEqualTo("ga");
        assertThat(replaced.without("FT").unlearned()).isEmpty();
        assertThat(replaced.without("Retrain").retrained()).isEmpty();
    }
}
