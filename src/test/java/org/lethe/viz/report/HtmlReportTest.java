package org.lethe.viz.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.experiment.ScenarioFiles;
import org.lethe.engine.experiment.ScenarioRunner;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.unlearning.MethodRegistry;
import org.lethe.viz.ChartStyle;

class HtmlReportTest {

    @Test
    void writesChartsInThreeFormatsAndASelfContainedPage(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("s.json");
        Files.writeString(file, """
                {"name": "tiny <report>", "description": "a & b", "dataset": "mnist", "trainLimit": 600,
                 "model": {"architecture": "mlp", "hiddenWidths": [32]},
                 "training": {"epochs": 2, "batchSize": 32, "optimizer": "adam", "lr": 0.002, "momentum": 0.9,
                              "weightDecay": 0},
                 "forget": "class:3", "seeds": [4], "retainSample": 300,
                 "methods": [{"id": "rl", "params": {"epochs": 1}}, {"id": "ga", "params": {"epochs": 1}}]}
                """);
        ScenarioRunner.Result result = new ScenarioRunner(MethodRegistry.standard(), DatasetCatalog.fromEnvironment())
                .run(ScenarioFiles.read(file), JobContext.detached());
        Map<String, JFreeChart> charts = ScenarioCharts.build(result, result.classNames(), ChartStyle.standard());
        assertThat(charts).containsKeys("accuracy", "confidence", "mia-roc", "class-accuracy", "cost-vs-gap",
                "scatter-1", "scatter-2");
        Path html = HtmlReport.write(result.report(), charts, dir);
        for (String name : charts.keySet()) {
            for (String ext : new String[] {".png", ".svg", ".csv"}) {
                assertThat(dir.resolve("charts/" + name + ext)).isNotEmptyFile();
            }
        }
        String page = Files.readString(html);
        assertThat(page).contains("<h1>tiny &lt;report&gt;</h1>").contains("a &amp; b")
                .contains("<td>Retrained</td>").contains("<td>Random labels (RL)</td>");
        assertThat(page.split("data:image/png;base64,", -1)).hasSize(charts.size() + 1);
        assertThat(page).doesNotContain("src=\"charts/");
    }
}
