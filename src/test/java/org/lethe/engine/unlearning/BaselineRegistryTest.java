package org.lethe.engine.unlearning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BaselineRegistryTest {

    @Test
    void baselinesAreRegisteredAfterGaInOrderWithTextsAndDataNeeds() {
        List<MethodDescriptor<?>> all = MethodRegistry.standard().all();
        List<String> ids = all.stream().map(MethodDescriptor::id).toList();
        int ga = ids.indexOf("ga");
        assertThat(ids.subList(ga + 1, ga + 5)).containsExactly("rl", "bs", "l1-sparse", "salun");
        MethodRegistry registry = MethodRegistry.standard();
        assertThat(registry.byId("rl").needs()).isEqualTo(DataNeeds.RETAIN_OPTIONAL);
        assertThat(registry.byId("bs").needs()).isEqualTo(DataNeeds.RETAIN_OPTIONAL);
        assertThat(registry.byId("l1-sparse").needs()).isEqualTo(DataNeeds.RETAIN_REQUIRED);
        assertThat(registry.byId("salun").needs()).isEqualTo(DataNeeds.RETAIN_OPTIONAL);
        for (String id : List.of("rl", "bs", "l1-sparse", "salun")) {
            MethodDescriptor<?> d = registry.byId(id);
            assertThat(d.description()).hasSizeGreaterThan(150);
            assertThat(d.params()).allSatisfy(p -> assertThat(p.description()).isNotBlank());
            assertThat(d.params()).extracting(MethodDescriptor.ParamInfo::name).contains("lr", "epochs", "seed");
        }
    }
}
