package org.lethe.engine.unlearning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lethe.engine.model.Architecture;

class TrainingTimeMethodsTest {

    @Test
    void listsTheFiveTrainingTimeMethodsWithStableIdsAndCommands() {
        List<TrainingTimeMethod> all = MethodRegistry.trainingTime();
        assertThat(all).extracting(TrainingTimeMethod::id)
                .containsExactly("sisa", "amnesiac", "per-sample-amnesiac", "deltagrad", "unlearnable-examples");
        assertThat(all).extracting(TrainingTimeMethod::command)
                .containsExactly("lethe sisa", "lethe amnesiac", "lethe amnesiac", "lethe deltagrad",
                        "lethe unlearnable");
        for (TrainingTimeMethod m : all) {
            assertThat(m.description()).as(m.id()).hasSizeGreaterThan(200);
            assertThat(m.displayName()).isNotBlank();
        }
        TrainingTimeMethod deltaGrad = MethodRegistry.trainingTimeById("deltagrad");
        assertThat(deltaGrad.supports(Architecture.MLP)).isTrue();
        assertThat(deltaGrad.supports(Architecture.LENET)).isFalse();
        assertThat(MethodRegistry.trainingTimeById("sisa").models()).containsExactly(Architecture.values());
    }

    @Test
    void trainingTimeIdsDoNotCollideWithPostHocMethodsAndUnknownIdsAreNamed() {
        List<String> postHoc = MethodRegistry.standard().all().stream().map(MethodDescriptor::id).toList();
        assertThat(MethodRegistry.trainingTime()).extracting(TrainingTimeMethod::id).doesNotContainAnyElementsOf(postHoc);
        assertThatThrownBy(() -> MethodRegistry.trainingTimeById("nope")).isInstanceOf(MethodParamException.class)
                .hasMessageContaining("nope").hasMessageContaining("deltagrad");
        assertThatThrownBy(() -> new TrainingTimeMethod("Bad Id", "x", "y", "lethe x", List.of(Architecture.MLP)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TrainingTimeMethod("x", "x", "y", "lethe x", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
