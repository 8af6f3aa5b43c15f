package org.lethe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.engine.experiment.sweep.SweepBackend;

/** What {@code lethe run --spark} says in a build without the spark profile (the desktop build). */
class RunCommandSparkOptionTest {

    private static final String SCENARIO = """
            {"name": "s", "dataset": "mnist", "trainLimit": 300, "model": {"architecture": "logreg"},
             "forget": "random:0.1", "seeds": [1], "methods": [{"id": "ft"}]}
            """;

    @Test
    void sparkWithoutTheSparkProfileNamesTheProfileAndRunsNothing(@TempDir Path dir) throws Exception {
        assumeTrue(SweepBackend.find("spark").isEmpty(), "this build includes the Spark backend");
        Path file = dir.resolve("s.json");
        Files.writeString(file, SCENARIO);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = LetheCli.execute(new PrintWriter(out), new PrintWriter(err), "run", file.toString(), "--out",
                dir.resolve("out").toString(), "--spark", "local[2]");
        assertThat(status).isEqualTo(LetheCli.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("no Spark backend").contains("-Pspark").doesNotContain("Exception");
        assertThat(dir.resolve("out")).doesNotExist();

        StringWriter err2 = new StringWriter();
        int confOnly = LetheCli.execute(new PrintWriter(new StringWriter()), new PrintWriter(err2), "run",
                file.toString(), "--out", dir.resolve("out").toString(), "--spark-conf", "spark.task.cpus=2");
        assertThat(confOnly).isEqualTo(LetheCli.EXIT_BAD_INPUT);
        assertThat(err2.toString()).contains("--spark-conf is for Spark runs");
    }
}
