package org.lethe.engine.experiment.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lethe.engine.LetheException;
import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.experiment.ScenarioFiles;
import org.lethe.engine.job.CancellationToken;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.job.ProgressListener;
import org.lethe.viz.ChartStyle;
import org.lethe.viz.report.StudyReportExport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyFilesTest {

    /** Squares: a study whose table is x and x squared for x = 1..n, to test the plumbing. */
    record SquaresSettings(int n) {
        SquaresSettings {
            if (n < 1) {
                throw new IllegalArgumentException("n must be at least 1, was " + n);
            }
        }
    }

    static final class Squares implements Study<SquaresSettings> {
        @Override
        public String kind() {
            return "squares";
        }

        @Override
        public String summary() {
            return "x against x squared";
        }

        @Override
        public Class<SquaresSettings> settingsType() {
            return SquaresSettings.class;
        }

        @Override
        public StudyReport run(StudySpec spec, SquaresSettings settings, DatasetCatalog catalog, JobContext ctx) {
            StudyReport.Builder report = StudyReport.builder(spec).column("x", "x", 0).column("square", "x²", 1)
                    .chart(new StudyChart("squares", "Squares", "x", "x", List.of("square"), "x²", false))
                    .note("seeds " + spec.seeds());
            for (int x = 1; x <= settings.n(); x++) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("x", x);
                row.put("square", (double) x * x);
                report.row(row);
            }
            return report.build();
        }
    }

    private static final Studies STUDIES = Studies.of(List.of(new Squares()));

    @TempDir
    Path dir;

    private Path file(String json) throws Exception {
        Path f = dir.resolve("study.json");
        Files.writeString(f, json);
        return f;
    }

    @Test
    void aFileWithoutKindIsAnUnlearningScenario() throws Exception {
        assertThat(StudyFiles.kindOf(file("{\"name\": \"x\"}"))).isEqualTo(Studies.UNLEARNING);
        assertThat(StudyFiles.kindOf(file("{\"kind\": \"squares\"}"))).isEqualTo("squares");
    }

    @Test
    void readsSettingsAndRunsTheStudyIntoReportFiles() throws Exception {
        Path f = file("{\"kind\": \"squares\", \"name\": \"sq\", \"dataset\": \"mnist\", \"seeds\": [4, 5],"
                + " \"settings\": {\"n\": 3}}");
        StudyFiles.LoadedStudy loaded = StudyFiles.read(f, STUDIES);
        assertThat(loaded.settings()).isEqualTo(new SquaresSettings(3));
        StudyReport report = loaded.run(DatasetCatalog.fromEnvironment(),
                new JobContext(ProgressListener.NONE, new CancellationToken()));
        assertThat(report.rows()).hasSize(3);
        assertThat(report.seeds()).containsExactly(4L, 5L);

        Path out = dir.resolve("out");
        StudyReportExport.write(report, out, ChartStyle.standard());
        assertThat(Files.readAllLines(out.resolve("report.csv"))).containsExactly("x,square", "1,1.00000",
                "2,4.00000", "3,9.00000");
        assertThat(Files.readString(out.resolve("report.json"))).contains("\"kind\" : \"squares\"")
                .contains("\"square\" : 9.0");
        assertThat(Files.readString(out.resolve("report.html"))).contains("<td>9.0</td>").contains("seeds [4, 5]")
                .contains("data:image/png;base64,");
        assertThat(out.resolve("charts/squares.png")).isNotEmptyFile();
        assertThat(Files.readString(out.resolve("charts/squares.csv"))).contains("9");
    }

    @Test
    void aSeriesColumnSplitsTheRowsIntoOneLinePerValue() {
        StudySpec spec = new StudySpec("squares", "s", "", "mnist", null, null, null);
        StudyReport.Builder b = StudyReport.builder(spec).column("method", "method", 0).column("x", "x", 0)
                .column("y", "y", 1);
        for (String method : List.of("a", "b")) {
            for (int x = 1; x <= 3; x++) {
                b.row(Map.of("method", method, "x", x, "y", method.equals("a") ? x : 10.0 * x));
            }
        }
        StudyReport report = b.build();
        var chart = org.lethe.viz.StudyLineChart.build(report,
                new StudyChart("c", "C", "x", "x", List.of("y"), "y", true, "method"), ChartStyle.standard());
        var data = chart.getXYPlot().getDataset();
        assertThat(data.getSeriesCount()).isEqualTo(2);
        assertThat(data.getSeriesKey(0)).isEqualTo("a");
        assertThat(data.getYValue(1, 2)).isEqualTo(30.0);
    }

    @Test
    void badFilesNameTheFileAndTheField() throws Exception {
        Path unknownKind = file("{\"kind\": \"cubes\", \"name\": \"c\", \"dataset\": \"mnist\"}");
        assertThatThrownBy(() -> StudyFiles.read(unknownKind, STUDIES)).isInstanceOf(LetheException.class)
                .hasMessageContaining(unknownKind.toString()).hasMessageContaining("unknown kind 'cubes'")
                .hasMessageContaining("squares");
        Path unknownSetting = file("{\"kind\": \"squares\", \"name\": \"s\", \"dataset\": \"mnist\","
                + " \"settings\": {\"n\": 2, \"m\": 1}}");
        assertThatThrownBy(() -> StudyFiles.read(unknownSetting, STUDIES)).hasMessageContaining("'settings.m'");
        Path misspeltRequired = file("{\"kind\": \"squares\", \"name\": \"s\", \"dataset\": \"mnist\","
                + " \"settings\": {\"nn\": 2}}");
        assertThatThrownBy(() -> StudyFiles.read(misspeltRequired, STUDIES)).hasMessageContaining("'settings.nn'")
                .hasMessageContaining("[n]");
        Path badValue = file("{\"kind\": \"squares\", \"name\": \"s\", \"dataset\": \"mnist\", \"settings\": {\"n\": 0}}");
        assertThatThrownBy(() -> StudyFiles.read(badValue, STUDIES)).isInstanceOf(LetheException.class)
                .hasMessageContaining("n must be at least 1, was 0");
        Path notObject = file("[1, 2]");
        assertThatThrownBy(() -> StudyFiles.kindOf(notObject)).isInstanceOf(LetheException.class)
                .hasMessageContaining("expected a JSON object");
    }

    @Test
    void theScenarioReaderPointsStudiesToLetheRun() throws Exception {
        Path f = file("{\"kind\": \"squares\", \"name\": \"s\", \"dataset\": \"mnist\"}");
        assertThatThrownBy(() -> ScenarioFiles.read(f)).isInstanceOf(LetheException.class)
                .hasMessageContaining("a study of kind 'squares'").hasMessageContaining("lethe run");
    }
}
