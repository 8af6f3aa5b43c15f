package org.lethe.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableDataTest {

    private static TableData table() {
        return TableData.empty("Distances to Retrain", List.of("Method", "‖θU − θR‖", "KL forget, nats"))
                .withRow("Fine-tune", 1.25, 0.031)
                .withRow("SalUn, masked", 0.5, null)
                .withRow("Say \"hi\"", 3, Double.NaN);
    }

    @Test
    void csvQuotesWhereNeededAndKeepsFullPrecision(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("distances.csv");
        table().writeCsv(file);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).containsExactly(
                "Method,‖θU − θR‖,\"KL forget, nats\"",
                "Fine-tune,1.25,0.031",
                "\"SalUn, masked\",0.5,",
                "\"Say \"\"hi\"\"\",3,NaN");
    }

    @Test
    void displayTextAndValidation() {
        TableData t = table();
        assertThat(t.text(0, 2, 2)).isEqualTo("0.03");
        assertThat(t.text(1, 2, 2)).isEmpty();
        assertThat(t.text(2, 1, 2)).isEqualTo("3");
        assertThat(t.rows()).hasSize(3);
        assertThatThrownBy(() -> t.withRow("only one")).hasMessageContaining("1 cells, expected 3");
        assertThatThrownBy(() -> t.withRow("x", List.of(), 1)).hasMessageContaining("expected a string or a number");
    }
}
