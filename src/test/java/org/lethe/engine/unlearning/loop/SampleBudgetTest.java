package org.lethe.engine.unlearning.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.ModelProvenance;
import org.lethe.engine.model.TrainedModel;
import org.lethe.engine.unlearning.DataSplits;
import org.lethe.engine.unlearning.MethodDescriptor;
import org.lethe.engine.unlearning.MethodRegistry;
import org.lethe.engine.unlearning.UnlearningFixture;
import org.lethe.engine.unlearning.UnlearningResult;

class SampleBudgetTest {

    @Test
    void theBudgetIsAShareOfTheRetrainsEpochsTimesTheRetainSet() {
        TrainedModel original = UnlearningFixture.original();
        DataSplits splits = UnlearningFixture.forgetClass3();
        long retrain = 8L * splits.retain().size(); // the fixture trains 8 epochs
        SampleBudget budget = SampleBudget.of(original, splits, 0.1);
        assertThat(budget.retrainSamples()).isEqualTo(retrain);
        assertThat(budget.samples()).isEqualTo((long) Math.floor(0.1 * retrain));
        assertThat(budget.limited()).isTrue();
        assertThat(budget.scale(budget.samples())).isEqualTo(1.0);
        assertThat(budget.scale(4.0 * budget.samples())).isEqualTo(0.25);
        assertThat(SampleBudget.of(original, splits, 0).limited()).isFalse();
        assertThat(SampleBudget.unlimited().scale(1e12)).isEqualTo(1.0);
        assertThatThrownBy(() -> SampleBudget.of(original, splits, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aModelWithoutATrainingRecordHasNoCap() {
        TrainedModel original = UnlearningFixture.original();
        ModelProvenance p = original.provenance();
        TrainedModel derived = new TrainedModel(original.network(), new ModelProvenance(p.spec(), "rl",
                p.methodParams(), p.datasetName(), p.datasetSha256(), null, 0, null, null, null, null, 1, null,
                p.createdAt()), null);
        assertThat(SampleBudget.of(derived, UnlearningFixture.forgetClass3(), 0.08).limited()).isFalse();
    }

    @Test
    void scaledCountsKeepAtLeastOneSampleAndNeverGrow() {
        assertThat(SampleBudget.scaled(100, 0.25)).isEqualTo(25);
        assertThat(SampleBudget.scaled(100, 1)).isEqualTo(100);
        assertThat(SampleBudget.scaled(3, 0.01)).isEqualTo(1);
        assertThat(SampleBudget.scaled(0, 0.5)).isZero();
    }

    @Test
    void takeDrawsExactlyThatManyDistinctSamplesOrTheWholeView() {
        IndexView retain = UnlearningFixture.forgetClass3().retain();
        IndexView some = Subsets.take(retain, 50, new SplittableRandom(1));
        assertThat(some.size()).isEqualTo(50);
        assertThat(java.util.Arrays.stream(some.toArray()).distinct().count()).isEqualTo(50);
        assertThat(Subsets.take(retain, retain.size() + 5, new SplittableRandom(1))).isSameAs(retain);
        assertThat(Subsets.take(retain, 50, new SplittableRandom(1)).toArray()).isEqualTo(some.toArray());
    }

    @Test
    void randomLabelsStayWithinTheBudgetWhenItBinds() {
        TrainedModel original = UnlearningFixture.original();
        DataSplits splits = UnlearningFixture.forgetClass3();
        MethodDescriptor<?> rl = MethodRegistry.standard().byId("rl");
        // 4 retain samples per forget sample over 3 epochs: 15 forget-set sizes, about 1,800 samples,
        // against a budget of 2% of 8 epochs x ~1,080 retain samples (~170)
        Record params = MethodRegistry.params(rl, Map.of("retainPerForget", "4", "budget", "0.02"));
        UnlearningResult result = rl.run(original, splits, params, JobContext.detached());
        long budget = SampleBudget.of(original, splits, 0.02).samples();
        double nominal = 3 * 5.0 * splits.forget().size();
        assertThat(result.figures().get("nominalSamples")).isEqualTo(nominal);
        assertThat(result.figures().get("budgetSamples")).isEqualTo((double) budget);
        double scale = result.figures().get("budgetScale");
        assertThat(scale).isEqualTo(budget / nominal);
        int perEpoch = SampleBudget.scaled(splits.forget().size(), scale)
                + SampleBudget.scaled(4 * splits.forget().size(), scale);
        assertThat(3 * perEpoch).isLessThanOrEqualTo((int) budget + 3);
        assertThat(result.figures()).containsEntry("steps", 3.0 * ((perEpoch + 63) / 64));

        Record uncapped = MethodRegistry.params(rl, Map.of("retainPerForget", "4", "budget", "0"));
        UnlearningResult full = rl.run(original, splits, uncapped, JobContext.detached());
        assertThat(full.figures()).containsEntry("budgetScale", 1.0)
                .containsEntry("steps", 3.0 * ((5 * splits.forget().size() + 63) / 64));
    }
}
