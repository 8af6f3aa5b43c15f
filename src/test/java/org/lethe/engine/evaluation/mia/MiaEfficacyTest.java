package org.lethe.engine.evaluation.mia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lethe.engine.evaluation.metric.MetricInputException;

class MiaEfficacyTest {

    private final SplittableRandom random = new SplittableRandom(42);
    private final LabelledProbabilities retain = MiaTestData.uniform("retain set", random, 900, 0.9, 1.0);
    private final LabelledProbabilities test = MiaTestData.uniform("test set", random, 300, 0.1, 0.6);

    @Test
    void aForgetSetThatLooksUnseenIsCalledNonMember() {
        LabelledProbabilities forget = MiaTestData.uniform("forget set", random, 200, 0.1, 0.6);
        MiaResult result = MiaEfficacy.evaluate(retain, test, forget, MiaEfficacy.Options.defaults());
        assertThat(result.measure()).isEqualTo(MiaResult.Measure.NON_MEMBER_RATE);
        assertThat(result.value()).isGreaterThan(0.95);
        assertThat(result.samples()).isEqualTo(200);
        assertThat(result.meaning()).contains("300 retain against 300 test");
    }

    @Test
    void aForgetSetThatLooksTrainedOnIsCalledMember() {
        LabelledProbabilities forget = MiaTestData.uniform("forget set", random, 200, 0.9, 1.0);
        double efficacy = MiaEfficacy.evaluate(retain, test, forget, MiaEfficacy.Options.defaults()).value();
        assertThat(efficacy).isLessThan(0.05);
    }

    @Test
    void halfAndHalfGivesAboutHalf() {
        double[] conf = new double[200];
        for (int i = 0; i < conf.length; i++) {
            conf[i] = i % 2 == 0 ? 0.95 : 0.3;
        }
        LabelledProbabilities forget = MiaTestData.twoClass("forget set", conf, new int[conf.length]);
        assertThat(MiaEfficacy.evaluate(retain, test, forget, MiaEfficacy.Options.defaults()).value())
                .isEqualTo(0.5);
    }

    @Test
    void trainingIsDeterministicAndTheCapSubsamples() {
        double[] members = retain.trueClassConfidence();
        double[] nonMembers = test.trueClassConfidence();
        MiaEfficacy.Options capped = new MiaEfficacy.Options(3, Double.NaN, 100, 5);
        MiaEfficacy a = MiaEfficacy.train(members, nonMembers, capped);
        MiaEfficacy b = MiaEfficacy.train(members, nonMembers, capped);
        assertThat(a.trainingMembers()).isEqualTo(100);
        assertThat(a.trainingNonMembers()).isEqualTo(100);
        assertThat(a.supportVectors()).isEqualTo(b.supportVectors()).isPositive();
        double[] probe = random.doubles(500).toArray();
        assertThat(a.nonMemberRate(probe)).isEqualTo(b.nonMemberRate(probe));
        assertThat(a.isMember(0.97)).isTrue();
        assertThat(a.isMember(0.2)).isFalse();
    }

    @Test
    void rejectsBadSettingsAndInputs() {
        assertThatThrownBy(() -> new MiaEfficacy.Options(0, Double.NaN, 10, 0))
                .isInstanceOf(MetricInputException.class).hasMessageContaining("C is 0");
        assertThatThrownBy(() -> MiaEfficacy.train(new double[] {1.5}, new double[] {0.2},
                MiaEfficacy.Options.defaults()))
                .isInstanceOf(MetricInputException.class).hasMessageContaining("is 1.5");
        assertThatThrownBy(() -> MiaEfficacy.train(new double[0], new double[] {0.2},
                MiaEfficacy.Options.defaults()))
                .isInstanceOf(MetricInputException.class).hasMessageContaining("no member confidences");
    }
}
