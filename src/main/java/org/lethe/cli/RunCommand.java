package org.lethe.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lethe.engine.LetheException;
import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.experiment.ReportFiles;
import org.lethe.engine.experiment.Scenario;
import org.lethe.engine.experiment.ScenarioFiles;
import org.lethe.engine.experiment.ScenarioReport;
import org.lethe.engine.experiment.ScenarioRunner;
import org.lethe.engine.experiment.study.Studies;
import org.lethe.engine.experiment.study.StudyFiles;
import org.lethe.engine.experiment.study.StudyReport;
import org.lethe.engine.experiment.sweep.InProcessSweepRunner;
import org.lethe.engine.experiment.sweep.SweepBackend;
import org.lethe.engine.experiment.sweep.SweepPlan;
import org.lethe.engine.experiment.sweep.SweepRunner;
import org.lethe.engine.job.CancellationToken;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.unlearning.MethodRegistry;
import org.lethe.viz.ChartStyle;
import org.lethe.viz.report.ReportExport;
import org.lethe.viz.report.StudyReportExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lethe run SCENARIO.json --out DIR [--spark MASTER]}: runs a scenario and writes its report;
 * with {@code --spark} its tasks run on Apache Spark (builds made with the {@code spark} profile).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a scenario (train, retrain, every method per seed) and write its report.")
final class RunCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SCENARIO", description = "Scenario file (JSON), e.g. sample-data/scenarios/mnist-random10.json.")
    Path scenarioFile;

    @Option(names = "--out", required = true, description = "Folder for report.json, report.csv, charts.")
    Path out;

    @Mixin
    EngineOptions engine;

    @Option(names = "--json", description = "Also print report.json to stdout.")
    boolean json;

    @Option(names = "--spark", arity = "0..1", fallbackValue = "", paramLabel = "MASTER",
            description = {"Run the tasks on Apache Spark: local[N], spark://HOST:7077, or no value to take "
                    + "spark-submit's --master. Models and task results go to OUT/sweep, which every executor "
                    + "must reach under the same path. Needs a build made with -Pspark."})
    String spark;

    @Option(names = "--spark-conf", paramLabel = "KEY=VALUE",
            description = "A Spark setting for --spark (repeatable), e.g. spark.task.cpus=2.")
    Map<String, String> sparkConf = new LinkedHashMap<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        if (!Studies.UNLEARNING.equals(StudyFiles.kindOf(scenarioFile))) {
            return runStudy(stdout);
        }
        Scenario scenario = ScenarioFiles.read(scenarioFile);
        engine.apply();
        JobContext ctx = context();
        ScenarioRunner.Result result;
        try (SweepRunner sweeps = sweepRunner()) {
            Files.createDirectories(out);
            ctx.listener().log(SweepPlan.of(scenario).tasks().size() + " tasks, " + sweeps.describe());
            result = new ScenarioRunner(MethodRegistry.standard(), DatasetCatalog.fromEnvironment(), sweeps)
                    .run(scenario, ctx);
        }
        ScenarioReport report = result.report();
        ReportExport.write(result, out, ChartStyle.standard());
        if (json) {
            stdout.println(ReportFiles.toJson(report));
            return 0;
        }
        stdout.printf(Locale.ROOT, "%s: %s, forget %s, seeds %s -> %s%n", report.scenario(), report.dataset(),
                report.forget(), report.seeds(), out);
        boolean rmia = ReportFiles.hasRmia(report);
        stdout.printf("  %-22s %8s %8s %8s %8s%s %8s %9s%n", "model", "forget", "retain", "test", "MIA AUC",
                rmia ? String.format(" %8s %8s %8s %8s", "RMIA AUC", "vs ret.", "TPR@1%", "TPR@.1%") : "", "gap",
                "seconds");
        stdout.printf(Locale.ROOT, "  %-22s %s %8s %9s%n", "original", numbers(report.original(), rmia), "", "");
        stdout.printf(Locale.ROOT, "  %-22s %s %8s %9.1f%n", "retrained", numbers(report.retrained(), rmia), "0",
                report.retrainSeconds());
        for (ScenarioReport.MethodSummary m : report.methods()) {
            stdout.printf(Locale.ROOT, "  %-22s %s %8.2f %9.1f%s%n", m.label(),
                    numbers(m.models().get("unlearned"), rmia), m.avgGap().mean(), m.seconds(),
                    m.warnings().isEmpty() ? "" : "  ! " + String.join("; ", m.warnings()));
        }
        return 0;
    }

    /** A model's accuracy and MIA columns of the text table, with the RMIA columns when asked. */
    private static String numbers(org.lethe.engine.evaluation.ModelMetrics m, boolean rmia) {
        String base = String.format(Locale.ROOT, "%7.2f%% %7.2f%% %7.2f%% %s", m.forgetAccuracy(),
                m.retainAccuracy(), m.testAccuracy(), percent(m.miaAuc()));
        return rmia ? base + " " + String.join(" ", percent(m.rmiaAuc()), percent(m.rmiaAucRetain()),
                percent(m.tprAt1Fpr()), percent(m.tprAt01Fpr())) : base;
    }

    private static String percent(Double v) {
        return v == null || v.isNaN() ? String.format("%8s", "-") : String.format(Locale.ROOT, "%7.2f%%", v);
    }

    private JobContext context() {
        return new JobContext(new StderrProgress(spec.commandLine().getErr(), false), new CancellationToken());
    }

    /** A study file (SISA, DeltaGrad, ... sweeps): runs in-process and writes its table report. */
    private int runStudy(PrintWriter stdout) throws Exception {
        StudyFiles.LoadedStudy study = StudyFiles.read(scenarioFile, Studies.standard());
        if (spark != null || !sparkConf.isEmpty()) {
            throw new LetheException(scenarioFile + ": studies of kind '" + study.spec().kind()
                    + "' run in-process; drop --spark");
        }
        engine.apply();
        Files.createDirectories(out);
        StudyReport report = study.run(DatasetCatalog.fromEnvironment(), context());
        StudyReportExport.write(report, out, ChartStyle.standard());
        if (json) {
            stdout.println(StudyFiles.toJson(report));
            return 0;
        }
        stdout.printf(Locale.ROOT, "%s (%s): %s, seeds %s -> %s%n", report.scenario(), report.kind(),
                report.dataset(), report.seeds(), out);
        StudyTable.print(report, stdout);
        return 0;
    }

    private SweepRunner sweepRunner() {
        if (spark == null) {
            if (!sparkConf.isEmpty()) {
                throw new LetheException("--spark-conf is for Spark runs: add --spark MASTER");
            }
            return new InProcessSweepRunner();
        }
        SweepBackend backend = SweepBackend.find("spark").orElseThrow(() -> new LetheException(
                "--spark: this build of Lethe has no Spark backend; build it with the Maven profile 'spark' "
                        + "(mvn -Pspark -DskipTests package) and run that target/lethe.jar"));
        return backend.open(spark, out.resolve("sweep"), sparkConf);
    }
}
