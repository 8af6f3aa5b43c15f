package org.lethe.engine.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.lethe.engine.data.forget.ForgetSetSpec;
import org.lethe.engine.model.Architecture;
import org.lethe.engine.unlearning.MethodDescriptor;
import org.lethe.engine.unlearning.MethodRegistry;

/** Every lecture preset parses, names real methods and valid parameters, and has a valid forget spec. */
class ScenarioPresetsTest {

    @Test
    void everyPresetIsValid() throws IOException {
        List<Path> presets;
        try (Stream<Path> files = Files.list(Path.of("sample-data/scenarios"))) {
            presets = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(presets).extracting(p -> p.getFileName().toString())
                .contains("mnist-forget-class.json", "mnist-random10.json", "cifar10-random10.json");
        MethodRegistry registry = MethodRegistry.standard();
        for (Path preset : presets) {
            if (!org.lethe.engine.experiment.study.Studies.UNLEARNING.equals(
                    org.lethe.engine.experiment.study.StudyFiles.kindOf(preset))) {
                // a study preset: its kind must be registered and its settings valid
                org.lethe.engine.experiment.study.StudyFiles.read(preset,
                        org.lethe.engine.experiment.study.Studies.standard());
                continue;
            }
            Scenario s = ScenarioFiles.read(preset);
            assertThat(s.description()).as(preset.toString()).isNotBlank();
            Architecture.fromId(s.model().architecture());
            ForgetSetSpec.parse(s.forget());
            for (Scenario.MethodEntry m : s.methods()) {
                MethodDescriptor<?> d = registry.byId(m.id());
                MethodRegistry.params(d, m.params() == null ? new ObjectMapper().createObjectNode() : m.params());
            }
        }
    }
}
