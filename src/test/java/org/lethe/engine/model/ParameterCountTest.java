package org.lethe.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lethe.engine.data.ImageShape;

/**
 * {@link ModelFactory#parameterCount} must agree with the networks {@link ModelFactory#build}
 * makes, since {@link ModelStore} relies on it to refuse oversized files before building anything.
 */
class ParameterCountTest {

    @Test
    void countWithoutBuildingEqualsTheBuiltNetwork() {
        List<ModelSpec> specs = List.of(
                ModelSpec.logreg(new ImageShape(1, 28, 28), 10),
                ModelSpec.logreg(new ImageShape(3, 7, 5), 3),
                ModelSpec.mlp(new ImageShape(1, 28, 28), 10).withHiddenWidths(List.of(64, 32)),
                ModelSpec.lenet(),
                ModelSpec.lenet(new ImageShape(3, 32, 30), 7).withHiddenWidths(List.of(20)),
                ModelSpec.lenet(new ImageShape(1, 16, 17), 2).withHiddenWidths(List.of(8)),
                ModelSpec.cifarCnn().withHiddenWidths(List.of(16)),
                ModelSpec.cifarCnn().withHiddenWidths(List.of(16)).withBatchNorm(true),
                new ModelSpec(Architecture.CIFAR_CNN, new ImageShape(1, 11, 13), 4, List.of(5), true, null, 1),
                ModelSpec.defaults(Architecture.RESNET8, new ImageShape(3, 32, 32), 10),
                ModelSpec.defaults(Architecture.RESNET20, new ImageShape(3, 32, 32), 10),
                ModelSpec.defaults(Architecture.RESNET8, new ImageShape(1, 12, 12), 4).withBatchNorm(false));
        for (ModelSpec spec : specs) {
            assertThat(ModelFactory.parameterCount(spec)).as(spec.toString())
                    .isEqualTo(ModelFactory.build(spec).numParams());
        }
    }

    @Test
    void hugeSpecsAreCountedWithoutOverflow() {
        ModelSpec huge = ModelSpec.mlp(new ImageShape(3, 4096, 4096), 100_000)
                .withHiddenWidths(List.of(1_000_000, 1_000_000));
        long expected = 3L * 4096 * 4096 * 1_000_000 + 1_000_000 + 1_000_000L * 1_000_000 + 1_000_000
                + 1_000_000L * 100_000 + 100_000;
        assertThat(ModelFactory.parameterCount(huge)).isEqualTo(expected);
    }
}
