package org.lethe.engine.evaluation.mia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.TrainedModel;
import org.lethe.engine.model.TrainingConfig;
import org.lethe.engine.unlearning.DataSplits;
import org.lethe.engine.unlearning.MethodDescriptor;
import org.lethe.engine.unlearning.MethodRegistry;
import org.lethe.engine.unlearning.UnlearningFixture;

class RmiaEvaluationTest {

    @Test
    void separatesTheOriginalsMembersAndNotTheRetrainedModels() {
        var data = UnlearningFixture.DATA;
        ModelSpec spec = ModelSpec.mlp(data.shape(), 10).withHiddenWidths(List.of(128));
        ReferenceModels refs = ReferenceModels.train(data, spec, TrainingConfig.adam(8, 32, 2e-3, 5), 4, 7,
                JobContext.detached());
        assertThat(refs.count()).isEqualTo(4);
        int pool = data.train().count() + data.test().count();
        long members = 0;
        for (int i = 0; i < pool; i++) {
            members += refs.isMember(0, i) ? 1 : 0;
        }
        assertThat(members).isEqualTo(pool / 2);
        int differ = 0;
        for (int i = 0; i < pool; i++) {
            differ += refs.isMember(0, i) != refs.isMember(1, i) ? 1 : 0;
        }
        assertThat(differ).as("independent halves differ on about half the pool").isBetween(pool / 3, 2 * pool / 3);

        TrainedModel original = UnlearningFixture.original();
        DataSplits splits = UnlearningFixture.forgetRandom10();
        MethodDescriptor<?> retrain = MethodRegistry.standard().byId("retrain");
        TrainedModel retrained = retrain.run(original, splits, retrain.defaults(), JobContext.detached()).model();

        RmiaEvaluation.Result before = RmiaEvaluation.evaluate(original.network(), refs, splits,
                Rmia.Options.defaults(), 500, 1, JobContext.detached());
        RmiaEvaluation.Result after = RmiaEvaluation.evaluate(retrained.network(), refs, splits,
                Rmia.Options.defaults(), 500, 1, JobContext.detached());
        // the original trained on the forget set: RMIA tells its forget samples from test samples
        assertThat(before.forgetVsTestAuc()).isGreaterThan(after.forgetVsTestAuc() + 5);
        assertThat(after.forgetVsTestAuc()).isBetween(35.0, 65.0);
        // to the original, forget and retain samples look alike (both members)
        assertThat(before.forgetVsRetainAuc()).isBetween(35.0, 65.0);
        assertThat(before.tprAt1PercentFpr()).isBetween(0.0, 100.0);
        assertThat(before.tprAt01PercentFpr()).isLessThanOrEqualTo(before.tprAt1PercentFpr());
        assertThat(before.figures()).containsKeys("rmiaForgetVsTestAuc", "rmiaTprAt1PercentFpr");

        RmiaEvaluation.Result again = RmiaEvaluation.evaluate(original.network(), refs, splits,
                Rmia.Options.defaults(), 500, 1, JobContext.detached());
        assertThat(again.forgetVsTestAuc()).isEqualTo(before.forgetVsTestAuc());

        assertThatThrownBy(() -> ReferenceModels.train(data, spec, TrainingConfig.adam(1, 32, 2e-3, 5), 0, 7,
                JobContext.detached())).hasMessageContaining("0 reference models");
    }
}
