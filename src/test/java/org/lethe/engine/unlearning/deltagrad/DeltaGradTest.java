package org.lethe.engine.unlearning.deltagrad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lethe.engine.unlearning.deltagrad.DeltaGradTestData.SPLIT;
import static org.lethe.engine.unlearning.deltagrad.DeltaGradTestData.config;
import static org.lethe.engine.unlearning.deltagrad.DeltaGradTestData.first;
import static org.lethe.engine.unlearning.deltagrad.DeltaGradTestData.l2;
import static org.lethe.engine.unlearning.deltagrad.DeltaGradTestData.logreg;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.BatchHook;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.Trainer;
import org.lethe.engine.model.TrainingConfig;
import org.lethe.engine.model.TrainingResult;

/**
 * DeltaGrad on logistic regression over 300 real MNIST digits: full-batch gradient descent (40
 * iterations) as in the reference's best setting, and batches of 150 (2 per epoch) for sequential requests.
 */
class DeltaGradTest {

    private static final JobContext CTX = JobContext.detached();
    private static final DeltaGradParams SETTINGS = DeltaGradParams.defaults().withBurnIn(6).withPeriod(5);
    private static final int[] DELETE = {4, 77, 150, 201, 244};

    private static TrainingConfig config;
    private static double[] original;

    @BeforeAll
    static void train() {
        config = config(40, 300);
        original = CachedTraining.train(logreg(), first(300), config, CTX).finalParams();
    }

    @Test
    void cachedTrainingIsTheTrainersRunAndTheRetrainIsItsReplay() {
        TrainingResult trained = new Trainer().train(logreg(), first(300), null, config, BatchHook.NONE, CTX);
        assertThat(trained.network().params().toDoubleVector()).isEqualTo(original);

        TrainingCache cache = CachedTraining.train(logreg(), first(300), config, CTX);
        assertThat(cache.iterations()).isEqualTo(40);
        assertThat(cache.storageBytes()).isGreaterThanOrEqualTo(2L * 40 * 7850 * 8);
        List<int[]> orders = Trainer.epochOrders(first(300), config.epochs(), config.shuffleSeed());
        TrainingResult replay = new Trainer().replay(logreg(), SPLIT, config, orders, DELETE, null, BatchHook.NONE,
                CTX);
        double[] retrained = SameOrderRetrain.run(UpdatePlan.deletion(cache, DELETE), CTX);
        assertThat(retrained).isEqualTo(replay.network().params().toDoubleVector());
        assertThat(l2(retrained, original)).isPositive();
    }

    @Test
    void withOnlyExactStepsADeletionIsTheRetrainBitForBit() {
        TrainingCache cache = CachedTraining.train(logreg(), first(300), config, CTX);
        UpdatePlan plan = UpdatePlan.deletion(cache, DELETE);
        double[] retrained = SameOrderRetrain.run(plan, CTX);
        DeltaGradUpdate update = new DeltaGrad(SETTINGS.withBurnIn(1_000_000)).apply(plan, CTX);
        assertThat(update.approximateSteps()).isZero();
        assertThat(update.params()).isEqualTo(retrained);
    }

    @Test
    void deletionLandsMuchCloserToTheRetrainThanTheOriginal() {
        TrainingCache cache = CachedTraining.train(logreg(), first(300), config, CTX);
        UpdatePlan plan = UpdatePlan.deletion(cache, DELETE);
        double[] retrained = SameOrderRetrain.run(plan, CTX);
        DeltaGradUpdate update = new DeltaGrad(SETTINGS).apply(plan, CTX);

        assertThat(update.deleted()).isEqualTo(5);
        assertThat(update.approximateSteps()).isGreaterThan(update.exactSteps());
        assertThat(update.fallbackSteps()).isZero();
        double moved = l2(original, retrained);
        double error = l2(update.params(), retrained);
        assertThat(error / moved).as("|DG - R| = %s, |O - R| = %s", error, moved).isLessThan(0.05);
        assertThat(cache.finalParams()).isEqualTo(update.params());
        assertThat(cache.trainingSize()).isEqualTo(295);
        assertThat(cache.contains(77)).isFalse();
        for (int t = 0; t < cache.iterations(); t++) {
            assertThat(cache.batch(t)).doesNotContain(DELETE);
        }
    }

    @Test
    void additionLandsMuchCloserToTheRetrainThanTheOriginal() {
        TrainingCache cache = CachedTraining.train(logreg(), first(300), config, CTX);
        int[] add = {310, 323, 347, 380, 399};
        UpdatePlan plan = UpdatePlan.addition(cache, add, 5L);
        int placed = 0;
        for (int t = 0; t < cache.iterations(); t++) {
            for (int i : plan.newBatch(t)) {
                if (i >= 300) {
                    placed++;
                }
            }
        }
        assertThat(placed).as("each added sample joins one batch per epoch").isEqualTo(add.length * 40);
        double[] retrained = SameOrderRetrain.run(plan, CTX);
        DeltaGradUpdate update = new DeltaGrad(SETTINGS).apply(plan, CTX);

        double moved = l2(original, retrained);
        double error = l2(update.params(), retrained);
        assertThat(error / moved).as("|DG - R| = %s, |O - R| = %s", error, moved).isLessThan(0.05);
        assertThat(cache.trainingSize()).isEqualTo(305);
        assertThat(cache.contains(347)).isTrue();
    }

    @Test
    void sequentialRequestsUpdateTheCacheAndStayCloseToTheRetrain() {
        TrainingCache cache = CachedTraining.train(logreg(), first(300), config(20, 150), CTX);
        DeltaGrad deltaGrad = new DeltaGrad(SETTINGS);
        double[] before = cache.finalParams();
        UpdatePlan[] plans = {null, null, null};
        int[][] deletions = {{4, 77, 150}, {201, 244, 12}, {}};
        int[][] additions = {{}, {}, {320, 360}};
        for (int k = 0; k < 3; k++) {
            UpdatePlan plan = UpdatePlan.of(cache, deletions[k], additions[k], 9L + k);
            plans[k] = plan;
            double[] retrained = SameOrderRetrain.run(plan, CTX);
            DeltaGradUpdate update = deltaGrad.apply(plan, CTX);
            double moved = l2(before, retrained);
            double error = l2(update.params(), retrained);
            assertThat(error / moved).as("request %d: |DG - R| = %s, |prev - R| = %s", k, error, moved)
                    .isLessThan(0.2);
            assertThat(cache.revision()).isEqualTo(k + 1);
            before = update.params();
        }
        assertThat(cache.trainingSize()).isEqualTo(300 - 6 + 2);
        assertThatThrownBy(() -> deltaGrad.apply(plans[0], CTX)).isInstanceOf(DeltaGradException.class)
                .hasMessageContaining("revision");
        assertThatThrownBy(() -> UpdatePlan.deletion(cache, new int[] {77}))
                .isInstanceOf(DeltaGradException.class).hasMessageContaining("77");
    }

    @Test
    void theMlpIsUpdatedToo() {
        TrainingCache cache = CachedTraining.train(DeltaGradTestData.smallMlp(), first(300), config(30, 300), CTX);
        double[] before = cache.finalParams();
        UpdatePlan plan = UpdatePlan.deletion(cache, new int[] {8, 99, 250});
        double[] retrained = SameOrderRetrain.run(plan, CTX);
        DeltaGradUpdate update = new DeltaGrad(SETTINGS).apply(plan, CTX);
        assertThat(update.params()).hasSize(784 * 32 + 32 + 32 * 10 + 10);
        double moved = l2(before, retrained);
        double error = l2(update.params(), retrained);
        // non-convex: the reference reports 3-6x for its MNIST MLP; here about 3x
        assertThat(error / moved).as("|DG - R| = %s, |O - R| = %s", error, moved).isLessThan(0.5);
    }

    @Test
    void aLargeLearningRateMakesStepsExactInsteadOfRunningAway() {
        // the 784-300-10 MLP at learning rate 0.5: some linearised steps would overshoot
        ModelSpec mlp = ModelSpec.mlp(SPLIT.shape(), 10).withPrecision(org.lethe.engine.model.Precision.DOUBLE)
                .withSeed(3);
        TrainingConfig fast = new TrainingConfig(40, 300, org.lethe.engine.model.optim.OptimizerConfig.sgd(0, 1e-3),
                org.lethe.engine.model.optim.LrSchedule.constant(0.5), 11L);
        TrainingCache cache = CachedTraining.train(mlp, first(300), fast, CTX);
        double[] before = cache.finalParams();
        UpdatePlan plan = UpdatePlan.deletion(cache, new int[] {8, 99, 250});
        double[] retrained = SameOrderRetrain.run(plan, CTX);
        DeltaGradUpdate update = new DeltaGrad(SETTINGS).apply(plan, CTX);
        double moved = l2(before, retrained);
        double error = l2(update.params(), retrained);
        assertThat(update.fallbackSteps()).isPositive();
        assertThat(error / moved).as("|DG - R| = %s, |O - R| = %s", error, moved).isLessThan(0.8);
        assertThat(DeltaGrad.overshoots(new double[] {1, 0}, new double[] {3, 0}, 0.5, 0)).isTrue();
        assertThat(DeltaGrad.overshoots(new double[] {1, 0}, new double[] {1, 0}, 0.5, 0)).isFalse();
    }

    @Test
    void sameSeedGivesIdenticalParameters() {
        double[][] results = new double[2][];
        for (int k = 0; k < 2; k++) {
            TrainingCache cache = CachedTraining.train(logreg(), first(300), config, CTX);
            results[k] = new DeltaGrad(SETTINGS).apply(UpdatePlan.of(cache, DELETE, new int[] {355}, 3L), CTX)
                    .params();
        }
        assertThat(results[0]).isEqualTo(results[1]);
        TrainingCache other = CachedTraining.train(logreg().withSeed(4), first(300), config, CTX);
        assertThat(other.finalParams()).isNotEqualTo(original);
    }

    @Test
    void badRequestsAndUnsupportedModelsAreDomainErrors() {
        TrainingCache cache = CachedTraining.train(logreg(), first(300), config(1, 150), CTX);
        assertThatThrownBy(() -> UpdatePlan.deletion(cache, new int[] {350}))
                .isInstanceOf(DeltaGradException.class).hasMessageContaining("350").hasMessageContaining("not in the training set");
        assertThatThrownBy(() -> UpdatePlan.deletion(cache, new int[] {5, 5}))
                .isInstanceOf(DeltaGradException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> UpdatePlan.addition(cache, new int[] {7}, 1L))
                .isInstanceOf(DeltaGradException.class).hasMessageContaining("already in the training set");
        assertThatThrownBy(() -> UpdatePlan.addition(cache, new int[] {400}, 1L))
                .isInstanceOf(DeltaGradException.class).hasMessageContaining("0..399");
        assertThatThrownBy(() -> UpdatePlan.deletion(cache, new int[0]))
                .isInstanceOf(DeltaGradException.class).hasMessageContaining("no sample");

        ModelSpec floats = logreg().withPrecision(org.lethe.engine.model.Precision.FLOAT);
        assertThatThrownBy(() -> CachedTraining.train(floats, first(300), config(1, 150), CTX))
                .isInstanceOf(DeltaGradException.class).hasMessageContaining("DOUBLE").hasMessageContaining("FLOAT");
        ModelSpec lenet = ModelSpec.lenet().withPrecision(org.lethe.engine.model.Precision.DOUBLE);
        assertThatThrownBy(() -> CachedTraining.train(lenet, first(300), config(1, 150), CTX))
                .isInstanceOf(DeltaGradException.class).hasMessageContaining("lenet");
        TrainingConfig adam = TrainingConfig.adam(1, 100, 1e-3, 1L);
        assertThatThrownBy(() -> CachedTraining.train(logreg(), first(300), adam, CTX))
                .isInstanceOf(DeltaGradException.class).hasMessageContaining("ADAM");
        TrainingConfig momentum = TrainingConfig.sgd(1, 100, 0.1, 0.9, 0, 1L);
        assertThatThrownBy(() -> CachedTraining.train(logreg(), first(300), momentum, CTX))
                .isInstanceOf(DeltaGradException.class).hasMessageContaining("momentum 0.9");
        assertThatThrownBy(() -> new DeltaGradParams(0, 5, 20, 0.001))
                .isInstanceOf(DeltaGradException.class).hasMessageContaining("history size");
    }
}
